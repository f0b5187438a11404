"""The province's clock: UTC instants for the database, the province's date for everything else.

Every page, deadline, reminder, eligibility check and command default that means "today" asks
`today()`, never `date.today()` (the server may run in another time zone)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

try:
    from zoneinfo import ZoneInfo

    PROVINCE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
except Exception:  # no tz database on the machine: Vietnam has no daylight saving time
    PROVINCE_TZ = timezone(timedelta(hours=7))


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo (how the DateTime columns store it on SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


def vietnam_time(value: datetime) -> datetime:
    """An instant in the province's time zone: a naive datetime is UTC (as the database stores it)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(PROVINCE_TZ)


def today() -> date:
    """Today's date in the province (Vietnam time)."""
    return datetime.now(PROVINCE_TZ).date()


def week_start(day: date) -> date:
    """The Monday of ``day``'s week: the event date of weekly reminders."""
    return day - timedelta(days=day.weekday())
