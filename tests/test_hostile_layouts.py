"""Hostile openings: each layout's header built to hang, blow up or swallow text, read from a
real file. Each input took minutes (or lost words) before its bound; the budgets only catch a
hang, they are not benchmarks."""

import time

from viewer.parser import parse_file

BODY = "The body has words here."
HANG = 10  # seconds: these inputs finish in well under one; before their fix they took minutes


def parse_quickly(write_article, content, name="article.md"):
    """Parse the file in full, failing when it takes as long as a hang would."""
    path = str(write_article(content, name))
    started = time.perf_counter()
    article = parse_file(path)
    took = time.perf_counter() - started
    assert took < HANG, f"{took:.1f} s"
    assert article.ok
    return article


def all_text(article):
    """Every word the article keeps, wherever it went: title, fields and paragraphs."""
    return " ".join([article.title, *article.fields.values(), *article.paragraphs]).split()


# --- YAML front matter -------------------------------------------------------------------


def test_aliases_of_empty_lists_cannot_hang(write_article):
    # Empty items add no text, so a bound on the text alone let 200**4 of them be visited.
    empty = ", ".join(["''"] * 200)
    lines = ["---", "title: Laughs", f"a: &a [{empty}]"]
    for previous, name in zip("abc", "bcd", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 200)}]")
    lines += ["e: [*d, *d, *d]", "---", "", BODY]
    article = parse_quickly(write_article, "\n".join(lines))
    assert article.title == "Laughs"
    assert article.paragraphs == (BODY,)


def test_an_alias_of_a_huge_string_in_every_field_is_cut_before_it_is_read(write_article):
    # 200 nested maps of 200 fields, each an alias of the same 2 MB string.
    fields = ", ".join(f"k{i}: *s" for i in range(200))
    maps = "\n".join(f"n{i}: *m" for i in range(198))
    text = f"---\ntitle: Big\nbig: &s {'w' * 2_000_000}\nm: &m {{{fields}}}\n{maps}\n---\n{BODY}\n"
    article = parse_quickly(write_article, text)
    assert article.title == "Big"
    assert all(len(value) <= 2001 for value in article.fields.values())
    assert article.paragraphs == (BODY,)


def test_a_huge_key_is_cut_to_a_name(write_article):
    text = f"---\ntitle: Keys\n{'k' * 1_000_000}: value\n? &s {'w ' * 100_000}\n: 1\n---\n{BODY}\n"
    article = parse_quickly(write_article, text)
    assert article.title == "Keys"
    assert all(len(key) <= 101 for key in article.fields)
    assert "value" in article.fields.values()
    assert article.paragraphs == (BODY,)
