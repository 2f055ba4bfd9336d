"""Highlights and notes: anchored where their quote is, re-anchored only where it is found once,
read back as hostile, and written out as W3C Web Annotations and Markdown."""

import json

from conftest import json_values as shared_json_values
from hypothesis import given
from hypothesis import strategies as st

from viewer.core.annotations import (
    W3C_CONTEXT,
    anchor,
    decode,
    encode,
    from_w3c,
    made,
    markdown_notes,
    source_of,
    to_w3c,
)

TEXT = "The tidal gates closed at dawn. Fishermen watched the tidal gates from the pier."


def test_an_annotation_keeps_its_place_and_moves_only_to_a_single_quote():
    start = TEXT.index("closed at dawn")
    note = made("k", TEXT, start, start + len("closed at dawn"), note="first closing")
    assert (note.prefix, note.suffix[:10]) == (TEXT[:start], ". Fisherme")
    assert anchor(TEXT, note) == (start, start + 14)
    edited = "Late news. " + TEXT  # text put before it: found once, so it moves
    assert anchor(edited, note) == (start + 11, start + 25)
    twice = made("k", TEXT, 4, 15)  # "tidal gates", which the text has twice
    assert anchor(TEXT, twice) == (4, 15)  # still in its place
    assert anchor("Late news. " + TEXT, twice) is None  # moved, and twice there: orphaned
    assert anchor(TEXT.replace("closed at dawn", "opened"), note) is None  # gone: orphaned


def test_w3c_records_and_markdown_carry_every_part(tmp_path):
    start = TEXT.index("Fishermen")
    note = made(
        "key1", TEXT, start, start + 9, note="who *were* they?", path="/n/a.txt", title="Gates"
    )
    record = to_w3c(note, source_of("/n/a b.txt"))
    assert record["@context"] == W3C_CONTEXT and record["motivation"] == "commenting"
    assert record["target"]["source"] == "file:///n/a%20b.txt"
    [quote, position] = record["target"]["selector"]
    assert quote["exact"] == "Fishermen" and position == {
        "type": "TextPositionSelector",
        "start": start,
        "end": start + 9,
    }
    back = from_w3c(json.loads(json.dumps(record)))
    assert back is not None and back.note == note.note and back.exact == note.exact
    assert (back.id, back.key, back.path) == (note.id, note.key, "/n/a b.txt")
    text = markdown_notes([note])
    assert "## Gates" in text and "> Fishermen" in text and r"who \*were\* they?" in text


json_values = shared_json_values()


@given(st.text(max_size=100) | json_values.map(json.dumps))
def test_any_kept_text_is_an_annotation_or_nothing(text):
    found = decode("0" * 32, text)
    assert found is None or found.exact


@given(st.text(min_size=1, max_size=80), st.data())
def test_a_kept_annotation_reads_back_and_anchors_in_its_text(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    note = made("k", text, start, end)
    assert decode(note.id, encode(note)) == note
    found = anchor(text, note)
    assert found is not None and text[found[0] : found[1]] == note.exact
