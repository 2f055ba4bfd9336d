"""Property tests: a well-formed header of any layout, whatever its values hold, gives an
article that keeps every character of the body below it, and a listing shows the same title."""

import json
import textwrap

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.core.parser import parse_bytes

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# A header value may hold anything but a line break or a control character: those would end the
# line, and the header with it (a header that is not well formed is another test's business).
value_char = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))
value = st.text(alphabet=value_char, max_size=60)
long_value = st.text(alphabet=value_char, max_size=3000)
# Titles end in a word no body holds, so that no body line repeats one (repeats are dropped).
title = value.map(lambda text: f"{text} Qzx9headline")
key = st.text(alphabet=value_char, min_size=1, max_size=20).filter(
    lambda k: (
        " ".join(k.replace("_", " ").replace("-", " ").split()).lower()
        not in ("title", "headline", "")
    )
)
bare_key = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_-", min_size=1, max_size=12)
bare_key = bare_key.filter(lambda k: k.lower() not in ("title", "headline"))

# Any text for a body where the layout reads it as plain lines; prose where it reads markup
# (Markdown's marks, a mail's "> " quotes and "-- " signature would rightly not be words).
any_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=400
)
LETTERS = "abcdefghijklmnopqrstuvwxyzéüñçøАБВГДежзαβγδابتث日本語"
word = st.text(alphabet=LETTERS, min_size=1, max_size=10)
sentence = st.lists(word, min_size=3, max_size=20).map(lambda w: " ".join(w).capitalize() + ".")
prose = st.lists(sentence, min_size=1, max_size=3).map(" ".join)


@st.composite
def bodies(draw, paragraph):
    """Paragraphs on lines of their own or hard-wrapped, indented, with any gaps between."""
    texts = draw(st.lists(paragraph, min_size=1, max_size=5))
    width = draw(st.one_of(st.none(), st.integers(min_value=30, max_value=100)))
    indent = draw(st.sampled_from(["", " ", "  "]))
    gap = draw(st.sampled_from(["\n", "\n\n", "\n \n"]))
    if width is None:
        return gap.join(indent + text for text in texts)
    wrapped = (
        textwrap.fill(t, width, initial_indent=indent, subsequent_indent=indent) for t in texts
    )
    return gap.join(wrapped)


scalar = st.one_of(value, long_value, st.integers(), st.booleans(), st.none())
yaml_value = st.recursive(
    scalar, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(key, inner, max_size=4),
    max_leaves=12,
)  # fmt: skip


@st.composite
def yaml_header(draw):
    values = draw(st.dictionaries(key, yaml_value, max_size=6))
    if values and draw(st.booleans()):  # one list under several keys: dumped as anchor, aliases
        shared = draw(st.lists(value, min_size=1, max_size=3))
        for name in draw(st.lists(key, min_size=2, max_size=4)):
            values[name] = shared
    dumped = yaml.safe_dump({"title": draw(title), **values}, allow_unicode=True)
    return f"---\n{dumped}---\n"


def toml_string(text):
    """A TOML basic string: JSON's escapes, and DEL too, which TOML wants escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


toml_value = st.one_of(
    value.map(toml_string),
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str),
    st.booleans().map(lambda b: "true" if b else "false"),
    st.lists(value.map(toml_string), max_size=4).map(lambda items: f"[{', '.join(items)}]"),
    st.just("2024-05-03T08:30:00+02:00"),
)


@st.composite
def toml_header(draw):
    lines = [f"title = {toml_string(draw(title))}"]
    top = draw(st.dictionaries(bare_key, toml_value, max_size=5))
    lines += [f"{k} = {v}" for k, v in top.items()]
    for table in draw(st.lists(bare_key.filter(lambda k: k not in top), max_size=2, unique=True)):
        entries = draw(st.dictionaries(bare_key, toml_value, max_size=4))
        lines += [f"[{table}]", *(f"{k} = {v}" for k, v in entries.items())]
    return "+++\n" + "\n".join(lines) + "\n+++\n"


@st.composite
def mail_header(draw):
    subject = draw(title)
    folded = draw(st.lists(value.filter(str.strip), max_size=3))  # continuation lines
    fields = [
        f"From: {draw(value)}",
        f"Subject: {subject}" + "".join(f"\n {more.strip()}" for more in folded),
        f"Date: {draw(st.sampled_from(['Tue, 16 Apr 2024 12:40:00 +0000', '']))}{draw(value)}",
    ]
    names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-", min_size=1)
    fields += [f"X-{draw(names)}: {draw(value)}" for _ in range(draw(st.integers(0, 4)))]
    if draw(st.booleans()):
        fields.append(f"Newsgroups: {draw(value)}")
    draw(st.randoms()).shuffle(fields)
    return "\n".join(fields) + "\n\n"


@st.composite
def dash_header(draw):
    lines = [f"-- {draw(title)}"]
    more = [f"By {draw(value)}", "Fri Oct 20, 2006 6:15pm EDT", "http://example.com/a"]
    more += draw(st.lists(value, max_size=6))
    # Up to 12 dash lines in all: the header's share of them (more would be body text).
    lines += [f"-- {line}" for line in draw(st.permutations(more))[: draw(st.integers(0, 11))]]
    return "\n".join(lines) + "\n\n"


FIELD_NAMES = ["Published", "Last Updated", "Author", "Source", "Tags", "URL"]
filled = value.map(str.strip).filter(bool)  # a field's value starts right after its ": "


@st.composite
def plain_header(draw):
    names = draw(st.lists(st.sampled_from(FIELD_NAMES), min_size=1, max_size=4))
    fields = [f"{name}: {draw(filled)}" for name in names]
    return f"{draw(title)}\n\nWorld\n\n" + "\n".join(fields) + "\n\n"


# Each layout: its header, the body it takes, and the file name that reads it.
LAYOUTS = {
    "yaml": (yaml_header(), bodies(any_text), "post.txt"),
    "yaml markdown": (yaml_header(), bodies(prose), "post.md"),
    "toml": (toml_header(), bodies(any_text), "post.txt"),
    "mail": (mail_header(), bodies(prose), "1042"),
    "dash": (dash_header(), bodies(any_text), "wire.txt"),
    # Under plain fields, a body line of "Key: value" would be one more field: prose.
    "plain": (plain_header(), bodies(prose), "story.txt"),
    "markdown": (st.builds(lambda t: f"# {t}\n\n", title), bodies(prose), "notes.md"),
}


def characters(texts):
    """Every character but white space, in order: what no reading of the lines may lose."""
    return "".join("".join(texts).split())


@PROPERTY_SETTINGS
@given(data=st.data(), layout=st.sampled_from(sorted(LAYOUTS)), crlf=st.booleans())
def test_any_header_keeps_every_character_of_the_body(data, layout, crlf):
    header, body, name = LAYOUTS[layout]
    head, text = data.draw(header), data.draw(body)
    source = head + text + "\n"
    if crlf:
        source = source.replace("\n", "\r\n")
    encoded = source.encode("utf-8")
    article = parse_bytes(encoded, name)
    assert article.ok, article.error
    assert article.title
    assert characters(article.paragraphs) == characters(text.split("\n"))
    listed = parse_bytes(encoded, name, header_only=True)
    assert listed.title == article.title
