"""Long paragraphs in pieces and long bodies in parts: where they break, and that no text is
lost, doubled, joined or broken on the way (no Qt)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core.article import Article
from viewer.core.article_parts import UNIT_COST, Parts, long_parts
from viewer.core.soft_breaks import MAX_BLOCK, ReadingText, SoftBreaks, break_point


def pieces_of(text):
    """Break ``text`` as a typeset block would be; return the pieces and what each break
    stood for."""
    pieces, between, start = [], [], 0
    while (cut := break_point(text, start, MAX_BLOCK)) is not None:
        end, skip = cut
        pieces.append(text[start:end])
        between.append(text[end] if skip else "")
        start = end + skip
    pieces.append(text[start:])
    return pieces, between


def test_a_paragraph_breaks_at_a_sentence_end_then_between_words_then_anywhere():
    sentences = "The gates closed at dawn. " * 200
    pieces, between = pieces_of(sentences)
    assert len(pieces) > 1
    assert all(piece.endswith(".") for piece in pieces[:-1])
    assert set(between) == {" "}
    words = "barrier " * 1000
    pieces, between = pieces_of(words)
    assert all(piece.endswith("barrier") for piece in pieces[:-1]) and set(between) == {" "}
    solid = "x" * 10_000
    pieces, between = pieces_of(solid)
    assert "".join(pieces) == solid and set(between) == {""}
    assert max(map(len, pieces)) <= MAX_BLOCK * 3 // 2


def test_a_break_keeps_a_letter_with_its_marks_and_an_emoji_whole():
    accented = "e\u0301" * 3000  # é as e and a combining accent, no spaces
    pieces, _ = pieces_of(accented)
    assert all(not piece.startswith("\u0301") for piece in pieces)
    family = "👩\u200d👩\u200d👧" * 1000
    pieces, _ = pieces_of(family)
    assert all(not piece.startswith("\u200d") and not piece.endswith("\u200d") for piece in pieces)


def test_cjk_text_breaks_after_its_full_stops():
    text = "漢字仮名交じり文。" * 600
    pieces, between = pieces_of(text)
    assert len(pieces) > 1 and all(piece.endswith("。") for piece in pieces[:-1])
    assert set(between) == {""}


def _document_text(pieces, between):
    """The plain text a document of these pieces gives (a block break reads as a line break,
    a no-break space as a space), and its breaks' positions (in UTF-16 units, as Qt counts)."""
    breaks = SoftBreaks()
    position = 0
    for piece, stands_for in zip(pieces, between, strict=False):
        position += len(piece.encode("utf-16-le")) // 2
        breaks.add(position, stands_for)
        position += 1
    return "\n".join(pieces).replace("\xa0", " "), breaks


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["word", "gate", "é", "😀", "漢字", "。", ". ", " ", "\t", "\xa0"]),
        min_size=1,
        max_size=1500,
    )
)
def test_reading_text_undoes_the_breaks_and_maps_positions_both_ways(tokens):
    text = "".join(tokens) * 3
    pieces, between = pieces_of(text)
    plain, breaks = _document_text(pieces, between)
    reading = ReadingText(plain, breaks)
    assert reading.text == text.replace("\xa0", " ")
    utf16 = [0]  # the document position of each character of ``text``
    for char in text:
        utf16.append(utf16[-1] + len(char.encode("utf-16-le")) // 2)
    for offset in range(0, len(text), 97):
        position = reading.to_document(offset)
        assert reading.to_reading(position) == offset
    assert reading.to_document(len(text), end=True) == len(plain.encode("utf-16-le")) // 2


def check_parts(units, part_cost=1000):
    parts = Parts(units, part_cost)
    body = "\n".join(units)
    assert parts.total == len(body) + 1
    assert parts.parts[0].start == 0 and parts.parts[-1].stop == len(body)
    rebuilt = []
    for number, part in enumerate(parts.parts):
        held = body[part.start : part.stop]
        if part.first == part.last:
            assert held == units[part.first][part.offset : part.end]
        else:
            assert held.startswith(units[part.first][part.offset :])
            assert held.endswith("\n" + units[part.last][: part.end])
        assert part.stop - part.start + UNIT_COST * held.count("\n") <= part_cost + MAX_BLOCK
        rebuilt.append(held)
        if number + 1 < len(parts.parts):
            gap = body[part.stop : parts.parts[number + 1].start]
            assert gap in ("\n", " ", ""), gap  # a unit's end, or the white space a break took
            rebuilt.append(gap)
        assert parts.part_at(part.start) == number
    assert "".join(rebuilt) == body
    return parts


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="ab .", max_size=60),
            st.integers(0, 5000).map(lambda n: "word " * n),
            st.integers(0, 6000).map(lambda n: "x" * n),
        ),
        min_size=1,
        max_size=60,
    )
)
def test_parts_hold_every_unit_once_in_order(units):
    check_parts(units)


def test_a_huge_paragraph_and_a_million_lines_are_planned_in_parts():
    parts = check_parts(["Title line", "word " * 400_000, ""], part_cost=600_000)
    assert len(parts.parts) == 4
    many = check_parts([f"Line {n}: the gates moved." for n in range(100_000)], 600_000)
    assert len(many.parts) > 5


@pytest.mark.parametrize(
    "units",
    [["one two", "three  four\tfive"], ["word " * 600_000], [f"w{n} x" for n in range(20_000)]],
)
def test_words_are_counted_in_steps_as_the_article_counts_them(units):
    parts = Parts(units)
    steps = list(parts.count_words())
    article = Article("a.txt", "A", paragraphs=tuple(units), has_body=True)
    assert parts.words == article.word_count
    assert len(steps) >= 1


def test_only_long_articles_are_set_in_parts():
    short = Article("a.txt", "A", paragraphs=("Short.",) * 10, has_body=True, source="x\n" * 10)
    assert long_parts(short) is None and long_parts(short, source=True) is None
    many = ("A line of the log.",) * 20_000
    long = Article("b.txt", "B", paragraphs=many, has_body=True, source="\n".join(many))
    assert long_parts(long) is not None
    assert long_parts(long, source=True) is not None


def test_the_article_cache_keeps_a_few_megabytes_of_files(tmp_path):
    from viewer.core.article_cache import ArticleCache

    cache = ArticleCache(size=16, max_bytes=1_000_000)
    loaded = {}
    for number in range(3):
        path = tmp_path / f"{number}.txt"
        path.write_text(f"Story {number}\n\n" + "A line of the story.\n" * 20_000)  # 420 KB
        loaded[number] = cache.load(str(path))
    # Two files of 420 KB fit in 1 MB, three do not: the one read first went.
    assert cache.load(str(tmp_path / "2.txt")) is loaded[2]
    assert cache.load(str(tmp_path / "1.txt")) is loaded[1]
    assert cache.load(str(tmp_path / "0.txt")) is not loaded[0]
    assert cache.load(str(tmp_path / "0.txt")).paragraphs == loaded[0].paragraphs


# --- looking through a long body a step at a time -------------------------------------------


def whole(patterns, text):
    """What one ``finditer`` per pattern over all of ``text`` finds."""
    found = [m.span() for p in patterns for m in p.finditer(text) if m.end() > m.start()]
    return sorted(found)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["gate", "gates", "Gate", " ", "  ", "\n", "x", "é", "😀"])),
    st.sampled_from(["gate", "gates ", "e g", "x", " \n"]),
    st.booleans(),
    st.integers(1, 12),
)
def test_a_text_looked_through_in_steps_finds_what_one_search_finds(tokens, word, case, step):
    from viewer.core.search_query import Term
    from viewer.core.text_search import SpanSearch, find_patterns, term_patterns

    text = "".join(tokens)
    for patterns in (
        find_patterns(word, case_sensitive=case),
        term_patterns([Term(word.strip() or "x", prefix=case), Term("gate x")]),
    ):
        search = SpanSearch(patterns, text)
        steps = 0
        while not search.step(step):
            steps += 1
            assert steps <= len(text) * len(patterns) + 2
        assert search.spans() == whole(patterns, text), (text, [p.pattern for p in patterns])


def test_a_search_in_steps_stops_at_the_most_marks_worth_finding():
    from viewer.core.text_search import MAX_HITS, SpanSearch, find_patterns, spans

    text = "gate " * (MAX_HITS * 3)
    patterns = find_patterns("GATE", case_sensitive=False)
    assert len(spans(patterns, text)) == MAX_HITS
    search = SpanSearch(patterns, text)
    steps = 0
    while not search.step(4096):
        steps += 1
    assert search.spans() == whole(patterns, text)[:MAX_HITS]
    assert steps < len(text) // 4096 // 2  # it stopped looking once it had them all
    assert spans(find_patterns("", case_sensitive=False), text) == []
