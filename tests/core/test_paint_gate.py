"""The paint gate: background reading held off while the window paints or the reader scrolls."""

import threading

from conftest import listed, reconciled

from viewer.core.paint_gate import painting


def test_painting_closes_the_gate_and_opens_it_again():
    gate = threading.Event()
    gate.set()
    with painting(gate):
        assert not gate.is_set()
    assert gate.is_set()


def test_a_gate_held_closed_stays_closed_across_a_paint():
    gate = threading.Event()  # held: the reader is paging through the list
    with painting(gate):
        assert not gate.is_set()
    assert not gate.is_set()


def test_the_reconciling_pass_waits_at_the_gate_before_each_folder(tmp_path):
    root = tmp_path / "news"
    for name in ("a.txt", "sub/b.txt", "sub/deep/c.txt", "other/d.txt"):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Story {name}\n\nWorld\n\nPublished: 2021-01-01 10:00\n\nWords.\n")
    index = tmp_path / "index.sqlite3"
    listed(index, [root])
    pauses = []
    step = reconciled(index, [root], pause=lambda: pauses.append(1))
    assert step.finished and step.folders_done == 4
    assert len(pauses) >= 4  # nothing to read: it waited only between folders
