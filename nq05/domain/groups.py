"""Groups of people for the report's breakdowns (reports.md, "Breakdowns"): by gender, by ethnic group.

A person's group depends on the person alone (never on a date), so the groups of a breakdown
split any set of people without overlap and their counts add up to the set's count.
"""

from __future__ import annotations

from fractions import Fraction

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
