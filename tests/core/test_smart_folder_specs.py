"""Smart folders as the reading state keeps them: specs read back as hostile, their order,
and their life through a damaged file, a locked one and a restart."""

import json
import os
import sqlite3

from conftest import json_values as shared_json_values
from hypothesis import given
from hypothesis import strategies as st

from viewer.core.smart_folders import (
    SmartFolder,
    decode,
    default_name,
    encode,
    moved,
    new_folder,
    ordered,
)
from viewer.core.state.store import STATE_FILE, ReadingState

texts = st.text(max_size=60)


@given(
    texts,
    texts,
    st.none() | texts,
    texts,
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
def test_a_folder_reads_back_as_it_was_kept(name, query, section, filter_text, position):
    folder = new_folder(name, query, section, filter_text, position)
    back = decode(folder.key, encode(folder))
    assert back == folder
    assert back.name.strip() and "\n" not in back.name  # a label: one line, never empty


json_values = shared_json_values()
specs = st.dictionaries(
    st.sampled_from(["name", "query", "section", "filter", "position", "other"]), json_values
)


@given(st.one_of(st.text(max_size=200), specs.map(json.dumps)))
def test_any_kept_text_is_a_folder_or_nothing_never_an_error(text):
    folder = decode("k", text)
    assert folder is None or (isinstance(folder, SmartFolder) and folder.name)


def test_folders_are_listed_by_position_and_moved_one_place_at_a_time():
    folders = [new_folder(n, n.lower(), None, "", p) for n, p in [("B", 1), ("A", 0), ("C", 2)]]
    specs = {f.key: encode(f) for f in folders}
    specs["junk"] = "not json"  # dropped, not raised on
    listed = ordered(specs)
    assert [f.name for f in listed] == ["A", "B", "C"]
    down = moved(listed, listed[0].key, 1)
    assert [f.name for f in down] == ["B", "A", "C"]
    assert [f.position for f in down] == [0.0, 1.0, 2.0]
    assert [f.name for f in moved(down, down[0].key, -5)] == ["B", "A", "C"]  # clamped
    assert default_name(" river  bridge ", None, "") == "river bridge"
    assert default_name("", "World", "") == "World"


def test_folders_survive_a_restart_a_damaged_file_and_a_lock(tmp_path):
    path = tmp_path / STATE_FILE
    state = ReadingState(path)
    folder = new_folder("Rivers", "river OR bridge", "World", "", 0.0)
    state.set_folder_spec(folder.key, encode(folder))
    state.set_read([f"{n:024x}" for n in range(1500)], True)  # pages to damage besides
    state.close()
    assert ordered(ReadingState(path).folder_specs()) == [folder]

    # Another program holds a write lock: the change waits, and is kept by the close.
    locker = sqlite3.connect(path)
    locker.execute("BEGIN EXCLUSIVE")
    state = ReadingState(path)
    second = new_folder("Markets", "market", None, "", 1.0)
    state.set_folder_spec(second.key, encode(second))
    assert not state.save(wait=0.5)
    assert state.folder_specs()[second.key] == encode(second)  # memory holds it meanwhile
    state.close(wait=0.3)
    locker.rollback()
    locker.close()
    assert ordered(ReadingState(path).folder_specs()) == [folder, second]

    # A damaged page: what can be read is recovered, the folders with it, and said so.
    with path.open("r+b") as file:
        file.seek(os.path.getsize(path) // 2 // 4096 * 4096)
        file.write(b"\xff" * 4096)
    state = ReadingState(path)
    [notice] = state.take_notices()
    assert "damaged" in notice and "2 smart folders" in notice
    assert [f.name for f in ordered(state.folder_specs())] == ["Rivers", "Markets"]
    state.close()
