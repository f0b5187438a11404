"""What is true of one person at a date: level, age, years of service, retirement."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

from nq05.domain.levels import highest


def level_at(track: str, qualifications: Iterable[tuple[str, str, date | None]], at: date) -> str:
    """A person's level on ``track`` at ``at`` from ``(track, level, awarded_on)`` triples.

    A qualification with no award date counts as held at every date.
    """
    held = [lv for tr, lv, awarded in qualifications if tr == track and (awarded is None or awarded <= at)]
    return highest(track, held)


def whole_years_between(start: date, end: date) -> int:
    """Whole years from ``start`` to ``end``; a year is whole on its anniversary."""
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def age_at(birth_date: date, at: date) -> int:
    """Age in whole years at ``at``."""
    return whole_years_between(birth_date, at)


def add_years(day: date, years: int) -> date:
    """``day`` plus ``years`` calendar years; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the last day of the month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retirement_date(birth_date: date, gender: str, age_male: int, age_female: int) -> date:
    """Birth date plus the retirement age for the person's gender."""
    return add_years(birth_date, age_male if gender == "M" else age_female)


def years_of_service(first_assignment_start: date | None, at: date) -> int:
    """Whole years since the start of the earliest assignment (0 without one or before it)."""
    if first_assignment_start is None or first_assignment_start > at:
        return 0
    return whole_years_between(first_assignment_start, at)
