"""Agreement between two label sets: percent agreement and Cohen's kappa, checked against the
formula worked by hand, and the articles they disagree on."""

from hypothesis import given
from hypothesis import strategies as st

from viewer.core.agreement import agreement, disagreements


def test_kappa_as_worked_by_hand():
    # 50 articles: both give "x" to 20, only the first to 5, only the second to 10, neither 15.
    first, second = {}, {}
    for n in range(50):
        key = f"k{n}"
        first[key] = ("x",) if n < 25 else ("other",)
        second[key] = ("x",) if n < 20 or 25 <= n < 35 else ("other",)
    [other, x] = agreement(first, second)
    assert (x.label, x.articles, x.both, x.first_only, x.second_only) == ("x", 50, 20, 5, 10)
    assert x.percent == 70.0
    # Observed 0.7; chance 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa (0.7 - 0.5) / (1 - 0.5) = 0.4.
    assert abs(x.kappa - 0.4) < 1e-9
    assert len(disagreements(first, second)) == 15
    assert other.label == "other"


def test_kappa_is_not_made_up_where_it_is_not_defined():
    same = {"a": ("x",), "b": ("x",)}
    [x] = agreement(same, same)
    assert x.percent == 100.0 and x.kappa is None  # both always give it: chance is certain
    assert agreement({"a": ("x",)}, {"b": ("x",)}) == []  # no article in both


labellings = st.dictionaries(
    st.sampled_from("abcdefgh"), st.lists(st.sampled_from("xyz"), max_size=3).map(tuple)
)


@given(labellings, labellings)
def test_agreement_is_symmetric_and_bounded(first, second):
    forwards = {a.label: a for a in agreement(first, second)}
    backwards = {a.label: a for a in agreement(second, first)}
    assert forwards.keys() == backwards.keys()
    for label, a in forwards.items():
        b = backwards[label]
        assert a.percent == b.percent
        assert (a.kappa is None) == (b.kappa is None)
        if a.kappa is not None:
            assert abs(a.kappa - b.kappa) < 1e-9 and -1.0 - 1e-9 <= a.kappa <= 1.0 + 1e-9
