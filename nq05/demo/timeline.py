"""The demo's clock: staff histories start in 2005, plans and classes run 2011-2016, and the
data stands as it would on 15 May 2016 (run the reports with ``--as-of`` up to that day)."""

from __future__ import annotations

import random
from datetime import date, timedelta

HISTORY_START = date(2005, 1, 1)
#: the day the demo data "stands": nothing is decided, awarded or ended after it
DEMO_TODAY = date(2016, 5, 15)
#: the years with annual plans and classes
PLAN_YEARS = tuple(range(2011, 2017))
#: the baseline of the progress report (the day before the resolution's period)
BASELINE = date(2010, 12, 31)


def random_date(rng: random.Random, first: date, last: date) -> date:
    """A day from ``first`` to ``last`` (both included); ``last`` if the range is empty."""
    days = (last - first).days
    if days <= 0:
        return last
    return first + timedelta(days=rng.randint(0, days))


_DAYS: dict[date, date] = {}


def shared(day: date | None) -> date | None:
    """The one object for ``day``: the people, posts and qualifications of a large province keep
    millions of dates but only some 25,000 different ones (saves about 100 MB at scale 50)."""
    return None if day is None else _DAYS.setdefault(day, day)


def days(n: int) -> timedelta:
    return timedelta(days=n)
