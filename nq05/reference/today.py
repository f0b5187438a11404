"""The demo's date: a database made by ``nq05 demo`` lives on it (docs/demo.md).

One row in ``demo_clock`` says the database is a demo and which day it stands on; a real
province's database (``nq05 import``, which empties every table) has none and lives on the real
date. ``nq05.clock.today()`` asks ``demo_date`` once per request, task or command."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, delete, insert, select
from sqlalchemy.orm import Mapped, mapped_column

from nq05 import clock
from nq05.audit.operations import record
from nq05.extensions import db

#: the one row's id
ROW_ID = 1


class DemoClock(db.Model):
    """The date a demo database lives on (absent in a real province's database)."""

    __tablename__ = "demo_clock"
    __table_args__ = (CheckConstraint(f"id = {ROW_ID}", name="one_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    today: Mapped[date] = mapped_column(Date)


def demo_date() -> date | None:
    """The demo's date, None when the database is a real province's (one primary-key read).

    No autoflush: "today" is asked in the middle of changes (a plan's status set, its date not
    yet), and asking must not write them half-done."""
    with db.session.no_autoflush:
        return db.session.execute(select(DemoClock.today).where(DemoClock.id == ROW_ID)).scalar()


def start_demo_clock(day: date) -> None:
    """Mark the database as a demo living on ``day`` (``nq05 demo``; the caller commits)."""
    # core statements, as the demo writes its rows: the recompute outbox watches ORM changes
    db.session.execute(delete(DemoClock))
    db.session.execute(insert(DemoClock).values(id=ROW_ID, today=day))
    clock.forget()


class DateRefused(ValueError):
    """A move of the demo's date the rules do not allow: ``code`` says why."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


def move_demo_date(day: date, actor) -> DemoClock:
    """Move the demo's date forward to ``day``, audited (``demo_date.update``); the caller
    commits. Refused in a real province's database and backwards: records made on the later
    date would come before "today"."""
    row = db.session.get(DemoClock, ROW_ID)
    if row is None:
        raise DateRefused("not_a_demo")
    if day < row.today:
        raise DateRefused("backwards", current=row.today)
    if day != row.today:
        record("demo_date.update", row, {"today": [row.today, day]}, user=actor)
        row.today = day
        db.session.flush()
    clock.forget()
    return row
