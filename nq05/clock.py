"""The province's clock: UTC instants for the database, the province's date for everything else.

Every page, deadline, reminder, eligibility check and command default that means "today" asks
`today()`, never `date.today()` (the server may run in another time zone).

A database made by ``nq05 demo`` lives on its own date (docs/demo.md): the reference data
registers a loader (``use_demo_date``) that reads the demo's date, and `today()` returns it while
the database is a demo. The loader runs once per request, task or command (the answer is kept on
``flask.g``; the web shell drops it before each request), never once per call. Outside an app
context `today()` is the real date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

from flask import current_app, g, has_app_context

try:
    from zoneinfo import ZoneInfo

    PROVINCE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
except Exception:  # no tz database on the machine: Vietnam has no daylight saving time
    PROVINCE_TZ = timezone(timedelta(hours=7))

#: the key of the per-request (per-task, per-command) answer on ``flask.g``
CACHE_KEY = "_nq05_demo_date"
_LOADER_KEY = "nq05.demo_date"
_NOT_A_DEMO = "not a demo"


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo (how the DateTime columns store it on SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


def vietnam_time(value: datetime) -> datetime:
    """An instant in the province's time zone: a naive datetime is UTC (as the database stores it)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(PROVINCE_TZ)


def real_today() -> date:
    """The real date in the province (Vietnam time), whatever the database is."""
    return datetime.now(PROVINCE_TZ).date()


def use_demo_date(app, loader: Callable[[], date | None]) -> None:
    """Register how ``app`` finds the demo's date (None: the database is not a demo)."""
    app.extensions[_LOADER_KEY] = loader


def demo_date() -> date | None:
    """The date a demo database lives on; None for a real province or outside an app context."""
    if not has_app_context():
        return None
    cached = g.get(CACHE_KEY)
    if cached is None:
        loader = current_app.extensions.get(_LOADER_KEY)
        found = loader() if loader is not None else None
        cached = _NOT_A_DEMO if found is None else found
        setattr(g, CACHE_KEY, cached)
    return None if cached == _NOT_A_DEMO else cached


def forget() -> None:
    """Drop the kept answer (after the demo's date changed, or a database was built or replaced)."""
    if has_app_context():
        g.pop(CACHE_KEY, None)


def today() -> date:
    """Today's date in the province: the demo's date in a demo database, else the real date
    (Vietnam time)."""
    return demo_date() or real_today()


def week_start(day: date) -> date:
    """The Monday of ``day``'s week: the event date of weekly reminders."""
    return day - timedelta(days=day.weekday())
