"""Opening an article reads its file once and parses its body once: its header is the
list's record."""

from conftest import calls_during, open_and_wait

from viewer.core import file_reading, layouts, parser


def article(title):
    return f"{title}\n\nLocal\n\nPublished: 2024-03-01 09:00\n\n{title} in a few words.\n"


def test_opening_an_article_reads_its_file_once_and_parses_only_its_body(qtbot, window, tmp_path):
    for n in range(3):
        (tmp_path / f"story{n}.txt").write_text(article(f"Story {n}"))
    open_and_wait(qtbot, window, [tmp_path])
    labels = {
        file_reading.read_file: "read",
        layouts.read_opening: "header",
        parser.parse_bytes: "parse",
        parser.read_body: "body",
    }
    _, made = calls_during(lambda: window.select_path(str(tmp_path / "story1.txt")), *labels)
    calls = [labels[function] for function, _args in made]
    assert calls == ["read", "body"]
    shown = window.reading_pane.article()
    assert (shown.title, shown.section, shown.paragraphs) == (
        "Story 1",
        "Local",
        ("Story 1 in a few words.",),
    )
