"""A class's session days from a weekly pattern, Vietnamese public holidays, and the printable
attendance sheets cut per week or per month.

The days a pattern gives are all the days it gives: no cap. Public holidays come from the
``holidays`` package's Vietnam calendar (Tết by the lunar calendar, Giỗ Tổ Hùng Vương, 30/4, 1/5,
2/9 and the days the government adds to them), in Vietnamese.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import holidays

#: Monday = 0 … Sunday = 6 (date.weekday())
MONDAY_TO_FRIDAY = (0, 1, 2, 3, 4)


def public_holidays(start: date, end: date) -> dict[date, str]:
    """Vietnamese public holidays from ``start`` to ``end`` (both included) -> their names."""
    calendar = holidays.country_holidays("VN", years=range(start.year, end.year + 1), language="vi")
    return {day: name for day, name in sorted(calendar.items()) if start <= day <= end}


@dataclass
class Pattern:
    """The days a weekly pattern gives, and the public holidays it skipped."""

    days: list[date]
    #: holiday -> its name, for the days of the pattern that fell on one
    skipped: dict[date, str]


def days_of_pattern(start: date, end: date, weekdays: Iterable[int]) -> Pattern:
    """Every day from ``start`` to ``end`` whose weekday is in ``weekdays``, public holidays left out."""
    wanted = set(weekdays)
    off = public_holidays(start, end)
    days, skipped = [], {}
    day = start
    while day <= end:
        if day.weekday() in wanted:
            if day in off:
                skipped[day] = off[day]
            else:
                days.append(day)
        day += timedelta(days=1)
    return Pattern(days, skipped)


@dataclass
class Sheet:
    """One printed attendance sheet: a week or a month of session days."""

    title: str
    days: list


def sheets(session_days: list, per: str) -> list[Sheet]:
    """Cut ``session_days`` (objects with ``.day``, in order) into sheets of one week (Monday to
    Sunday) or one calendar month; a period without a session day has no sheet."""
    groups: dict[tuple, list] = {}
    for s in session_days:
        key = s.day.isocalendar()[:2] if per == "week" else (s.day.year, s.day.month)
        groups.setdefault(key, []).append(s)
    result = []
    for key, days in groups.items():
        if per == "week":
            monday = date.fromisocalendar(key[0], key[1], 1)
            title = f"{monday:%d/%m/%Y} – {monday + timedelta(days=6):%d/%m/%Y}"
        else:
            title = f"{key[1]:02d}/{key[0]}"
        result.append(Sheet(title, days))
    return result
