"""Labels as the reading state keeps them and as JSON Lines bring them: anything read back is a
label, a labelling, or a reason, never an error."""

import json

from conftest import json_values as shared_json_values
from hypothesis import given
from hypothesis import strategies as st

from viewer.core.label_io import Labelling, Unused, read_labellings
from viewer.core.labels import (
    KEYS,
    LabelDef,
    decode_def,
    decode_names,
    encode_def,
    encode_names,
    ordered_defs,
    toggled,
)

json_values = shared_json_values()


@given(st.text(max_size=80) | json_values.map(json.dumps))
def test_any_kept_text_reads_as_labels_or_none(text):
    names = decode_names(text)
    assert all(isinstance(n, str) and n and "\n" not in n for n in names)
    assert decode_def("name", text) is None or isinstance(decode_def("name", text), LabelDef)


@given(st.lists(st.text(max_size=20), max_size=6))
def test_labels_read_back_as_given_once_each_and_toggle_both_ways(names):
    kept = encode_names(names)
    back = decode_names(kept) if kept is not None else ()
    assert set(back) == {" ".join(n.split()) for n in names if n.strip()}
    for name in back:
        assert name not in toggled(back, name) and name in toggled(toggled(back, name), name)


def test_a_key_given_twice_goes_to_the_first_label_and_colours_are_checked():
    specs = {
        "B": encode_def(LabelDef("B", "#123456", "1", 1)),
        "A": encode_def(LabelDef("A", "#abcdef", "1", 0)),
        "C": json.dumps({"colour": "red; background: url(x)", "key": "x", "position": "2"}),
    }
    labels = ordered_defs(specs)
    assert [(d.name, d.key) for d in labels] == [("A", "1"), ("C", ""), ("B", "")]
    assert labels[1].colour.startswith("#") and len(labels[1].colour) == 7
    assert set(KEYS) == set("1234567890")


@given(st.lists(st.text(max_size=60) | json_values.map(json.dumps), max_size=8))
def test_any_lines_give_labellings_or_reasons(lines):
    items = list(read_labellings(lines))
    assert all(isinstance(item, Labelling | Unused) for item in items)
    assert len(items) == sum(1 for line in lines if line.strip())
    for item in items:
        if isinstance(item, Labelling):
            assert item.path or item.sha256
            assert all(isinstance(n, str) and n for n in item.labels)


def test_labels_and_annotations_survive_a_damaged_state_file(tmp_path):
    import os

    from viewer.core.annotations import decode as decode_annotation
    from viewer.core.annotations import encode as encode_annotation
    from viewer.core.annotations import made
    from viewer.core.state.store import STATE_FILE, ReadingState

    path = tmp_path / STATE_FILE
    state = ReadingState(path)
    state.set_specs("labels", {f"k{n}": encode_names(["Relevant"]) for n in range(20)})
    state.set_spec("label_defs", "Relevant", encode_def(LabelDef("Relevant", "#2e7d32", "1")))
    note = made("k1", "a passage of text", 2, 9, note="why")
    state.set_spec("annotations", note.id, encode_annotation(note))
    state.set_read([f"{n:024x}" for n in range(1500)], True)  # pages to damage besides
    state.close()
    with path.open("r+b") as file:
        file.seek(os.path.getsize(path) // 2 // 4096 * 4096)
        file.write(b"\xff" * 4096)
    state = ReadingState(path)
    [notice] = state.take_notices()
    assert "damaged" in notice and "20 labelled articles" in notice and "1 annotation" in notice
    assert len(state.specs("labels")) == 20
    assert decode_annotation(note.id, state.specs("annotations")[note.id]) == note
    state.close()
