"""The quick reader of plain front matter gives what PyYAML gives, or leaves the block to it."""

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from viewer.core.simple_yaml import simple_values

# Keys as front matter has them, and values from the characters YAML treats specially, so that
# the quick reader meets every case where it must either agree with PyYAML or step aside.
keys = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,8}", fullmatch=True)
value_chars = st.sampled_from(list("abcXYZ 09.:,#-'\"[]{}&*!|>%@`?\\\t/éü日\u00a0\ufeff"))
values = st.text(value_chars, max_size=14)
line = st.one_of(
    st.tuples(keys, values).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.tuples(keys, st.lists(values, max_size=3)).map(lambda kv: f"{kv[0]}: [{', '.join(kv[1])}]"),
    st.tuples(keys, st.lists(values, min_size=1, max_size=3), st.sampled_from(["", "  "])).map(
        lambda kv: "\n".join([f"{kv[0]}:", *(f"{kv[2]}- {v}" for v in kv[1])])
    ),
    keys.map(lambda k: f"{k}:"),
    st.just("# a comment"),
    st.just(""),
)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, max_size=8).map("\n".join))
@example("title: Hello world\ndate: 2024-05-03 10:00\ntags: [a, b c]\ncats:\n  - X\n  - Y")
@example("q: 'x: y'\nd: \"z\"\nu: http://x.org/a#b\nn: 1.10\nempty:")
@example("A: [0:?]")  # a colon PyYAML refuses in a flow list
def test_plain_front_matter_reads_as_pyyaml_reads_it(block):
    fast = simple_values(block.split("\n"))
    if fast is None:
        return  # left to PyYAML
    expected = yaml.load(block, Loader=yaml.CBaseLoader)
    assert fast == (expected if expected is not None else {})


def test_the_common_front_matter_is_read_quickly_and_the_rest_is_left():
    common = "title: Night trains return\ndate: 2026-08-21\ntags:\n  - Travel\n  - Rail"
    assert simple_values(common.split("\n")) == {
        "title": "Night trains return",
        "date": "2026-08-21",
        "tags": ["Travel", "Rail"],
    }
    for hard in ("a: &x 1\nb: *x", "a: |\n  folded", "a:\n  b: nested", "a: !!str 1", "a: {b: 1}"):
        assert simple_values(hard.split("\n")) is None


@settings(max_examples=3000, deadline=None)
@given(st.text(st.sampled_from([chr(i) for i in range(128)] + ["é", "\x85", "\u2028"]), max_size=8))
def test_ascii_is_judged_in_c_as_the_expressions_judge_it(text):
    from viewer.core.simple_yaml import _is_plain, _scalars

    plain, flow_item, printable = _scalars()
    for pattern, flow in ((plain, False), (flow_item, True)):
        expected = pattern.fullmatch(text) is not None and not (
            ": " in text or " #" in text or text[-1] in ": " or (flow and ":" in text)
        )
        assert _is_plain(text, flow=flow) == expected
    if text.isascii():
        assert text.isprintable() == (printable.fullmatch(text) is not None)
