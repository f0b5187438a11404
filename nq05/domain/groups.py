"""Groups of people for the report's breakdowns (reports.md, "Breakdowns"): by gender, by ethnic group.

A person's group depends on the person alone (never on a date), so the groups of a breakdown
split any set of people without overlap and their counts add up to the set's count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from nq05.domain.rounding import round_half_away

#: the breakdowns of ``nq05 report --by``, each with its groups in the order the JSON lists them
GROUPINGS: dict[str, tuple[str, ...]] = {
    "gender": ("F", "M"),
    "minority": ("minority", "kinh", "unknown"),
}

#: the majority ethnic group, compared trimmed and in any case
KINH = "kinh"

#: every character Python's ``str.strip()`` removes, so that SQL can trim exactly the same
WHITESPACE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())


def groups(by: str) -> tuple[str, ...]:
    """The groups of a breakdown, in order; ValueError for an unknown breakdown."""
    try:
        return GROUPINGS[by]
    except KeyError:
        raise ValueError(f"unknown breakdown {by!r}") from None


def ethnic_group(ethnicity: str | None) -> str:
    """``unknown`` when empty, ``kinh`` when it is Kinh (trimmed, any case), else ``minority``."""
    text = (ethnicity or "").strip(WHITESPACE)
    if not text:
        return "unknown"
    return "kinh" if text.lower() == KINH else "minority"


def group_of(by: str, gender: str, ethnicity: str | None) -> str:
    """The person's group in the breakdown ``by``."""
    if by == "gender":
        return gender
    if by == "minority":
        return ethnic_group(ethnicity)
    raise ValueError(f"unknown breakdown {by!r}")


def share(part: int, whole: int) -> Fraction:
    """``part`` as a percentage of ``whole``, exact (0 when ``whole`` is 0): round only for output."""
    return Fraction(part * 100, whole) if whole else Fraction(0)


@dataclass(frozen=True)
class Composition:
    """Who some people are: how many of them are in each group of every breakdown."""

    #: group -> number of people (groups of every breakdown; a person counts once per breakdown)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.get(g, 0) for g in GROUPINGS["gender"])

    def count(self, group: str) -> int:
        return self.counts.get(group, 0)

    def share(self, group: str) -> Fraction:
        """The group's share of all the people, in percent (exact)."""
        return share(self.count(group), self.total)

    def percent(self, group: str) -> float:
        """The group's share rounded half away from zero to 1 decimal, for display."""
        return round_half_away(self.share(group), 1)


def composition(people: Iterable[tuple[str, str | None]]) -> Composition:
    """The composition of people given as (gender, ethnicity) pairs."""
    counts: dict[str, int] = {}
    for gender, ethnicity in people:
        for by in GROUPINGS:
            group = group_of(by, gender, ethnicity)
            counts[group] = counts.get(group, 0) + 1
    return Composition(counts)
