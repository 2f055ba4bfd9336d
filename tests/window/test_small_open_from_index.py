"""A few files opened again are listed from the library index: only those changed since are
read, and the list shows them as they are now."""

from conftest import calls_during, open_and_wait, titles, wait_for_text_index

from viewer.core import parser


def story(title, section="World"):
    return f"{title}\n\n{section}\n\nPublished: 2024-03-01 09:00\n\n{title} in a few words.\n"


def parsed_while(action):
    """The paths whose bytes are parsed while ``action`` runs."""
    _, calls = calls_during(action, parser._parse_data)  # what every parse of bytes goes through
    return sorted(args["path"] for _function, args in calls)


def test_a_small_folder_opened_again_is_listed_from_the_index(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, title in (("a.txt", "First story"), ("b.txt", "Second story"), ("c.md", "Third")):
        (folder / name).write_text(story(title))
    (folder / "blob").write_bytes(b"\x00\x01\x02 not text at all" * 40)
    first = make_window()
    open_and_wait(qtbot, first, [folder])
    wait_for_text_index(qtbot, first)  # the index now holds their records
    first.close()
    (folder / "b.txt").write_text(story("Second story, rewritten", "Business"))

    second = make_window()
    parsed = parsed_while(lambda: open_and_wait(qtbot, second, [folder]))

    # Only the one changed (the one that is no text is looked at, found no text, and left out).
    assert parsed == [str(folder / "b.txt")]
    assert sorted(titles(second)) == ["First story", "Second story, rewritten", "Third"]
    second.select_path(str(folder / "b.txt"))
    shown = second.reading_pane.article()
    assert (shown.section, shown.paragraphs) == (
        "Business",
        ("Second story, rewritten in a few words.",),
    )


def test_without_an_index_a_small_folder_is_read(qtbot, make_window, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(story("Only story"))
    window = make_window()
    parsed = parsed_while(lambda: open_and_wait(qtbot, window, [folder]))
    assert parsed == [str(folder / "a.txt")]
    assert titles(window) == ["Only story"]
