"""How far two label sets agree on the same articles: per label, percent agreement and Cohen's
kappa, and the articles they disagree on (no Qt).

Each label is a yes-or-no question asked of every article both sets have labelled: does it
have the label? Kappa compares the agreement seen with the agreement two coders would reach by
chance, given how often each gives the label (Cohen, 1960).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LabelAgreement:
    """One label's agreement over the articles both sets labelled."""

    label: str
    articles: int  # labelled in both sets
    both: int  # given the label by both
    first_only: int
    second_only: int

    @property
    def agreeing(self) -> int:
        """Articles on which the sets agree (both gave it, or neither did)."""
        return self.articles - self.first_only - self.second_only

    @property
    def percent(self) -> float | None:
        """Percent agreement; None with no article to compare."""
        return 100.0 * self.agreeing / self.articles if self.articles else None

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa; None when it is not defined (no articles, or both sets always or
        never give the label: agreement by chance is then certain)."""
        n = self.articles
        if not n:
            return None
        observed = self.agreeing / n
        first = (self.both + self.first_only) / n
        second = (self.both + self.second_only) / n
        chance = first * second + (1 - first) * (1 - second)
        if chance >= 1.0:
            return None
        return (observed - chance) / (1 - chance)


def agreement(
    first: Mapping[str, Sequence[str]], second: Mapping[str, Sequence[str]]
) -> list[LabelAgreement]:
    """Every label either set gives, over the articles (content keys) both labelled, by
    name."""
    shared = [key for key in first if key in second]
    labels = sorted(
        {n for k in shared for n in first[k]} | {n for k in shared for n in second[k]},
        key=str.casefold,
    )
    found = []
    for label in labels:
        both = first_only = second_only = 0
        for key in shared:
            a, b = label in first[key], label in second[key]
            both += a and b
            first_only += a and not b
            second_only += b and not a
        found.append(LabelAgreement(label, len(shared), both, first_only, second_only))
    return found


def disagreements(
    first: Mapping[str, Sequence[str]], second: Mapping[str, Sequence[str]]
) -> list[str]:
    """The content keys both sets labelled, differently."""
    return [k for k in first if k in second and set(first[k]) != set(second[k])]
