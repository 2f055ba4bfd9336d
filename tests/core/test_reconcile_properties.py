"""Whatever is done to a tree, one reconciling pass leaves the index holding what is on disk,
and tells exactly what it changed."""

import os
import shutil

from conftest import disk_stamps, index_stamps, reconciled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FOLDERS = ["", "a", "a/b", "c", ".hidden"]
# Article names, names without an extension (sniffed), one never listed, a hidden one.
NAMES = ["x.txt", "y.md", "z.TXT", "1042", "spool-7", "README", ".x.txt"]
CONTENTS = [
    "A story\n\nWorld\n\nPublished: 2021-01-01 10:00\n\nSome words.\n",
    "A longer story\n\nSport\n\nIts body runs on for a while longer than the other.\n",
    "\x00\x01 not text",
]

folder = st.sampled_from(FOLDERS)
operation = st.one_of(
    st.tuples(st.just("write"), folder, st.sampled_from(NAMES), st.sampled_from(CONTENTS)),
    st.tuples(st.just("touch"), st.integers(0, 50)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("remove folder"), folder.filter(bool)),
    st.tuples(st.just("make folder"), folder.filter(bool)),
)


class Tree:
    """A small tree that operations are done to, each leaving its files' times distinct."""

    def __init__(self, root):
        self.root = root
        self.clock = 1_600_000_000 * 10**9

    def files(self):
        return sorted(
            os.path.join(path, name) for path, _dirs, names in os.walk(self.root) for name in names
        )

    def stamp(self, path):
        self.clock += 10**9
        os.utime(path, ns=(self.clock, self.clock))

    def do(self, step):
        kind, *args = step
        try:
            if kind == "write":
                where, name, content = args
                path = os.path.join(self.root, where, name)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(content)
                self.stamp(path)
            elif kind in ("touch", "delete"):
                files = self.files()
                if files:
                    path = files[args[0] % len(files)]
                    self.stamp(path) if kind == "touch" else os.remove(path)
            elif kind == "remove folder":
                shutil.rmtree(os.path.join(self.root, args[0]), ignore_errors=True)
            else:
                os.makedirs(os.path.join(self.root, args[0]), exist_ok=True)
        except (FileExistsError, IsADirectoryError, NotADirectoryError):
            pass  # a file where a folder is wanted, or the other way round


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=st.lists(operation, max_size=12), after=st.lists(operation, max_size=12))
def test_the_index_holds_what_is_on_disk(tmp_path_factory, before, after):
    scratch = tmp_path_factory.mktemp("reconcile")
    tree = Tree(str(scratch / "news"))
    os.makedirs(tree.root)
    index = scratch / "index.sqlite3"
    for step in before:
        tree.do(step)
    assert reconciled(index, [tree.root]).finished
    assert index_stamps(index) == disk_stamps(tree.root)
    known = index_stamps(index)
    for step in after:
        tree.do(step)
    on_disk = disk_stamps(tree.root)
    step = reconciled(index, [tree.root])
    assert step.finished and step.warning is None
    assert index_stamps(index) == on_disk
    assert sorted(step.added) == sorted(set(on_disk) - set(known))
    assert sorted(step.removed) == sorted(set(known) - set(on_disk))
    changed = [path for path in on_disk if path in known and on_disk[path] != known[path]]
    assert sorted(step.changed) == sorted(changed)
    again = reconciled(index, [tree.root])
    assert (again.added, again.changed, again.removed) == ([], [], [])
