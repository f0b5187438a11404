"""Rows the task queue keeps in the database: reminders, the recompute outbox, worker heartbeats.

The database, not the broker, is the source of truth: a lost Celery message costs a delay (the
beat sweep queues the row again), never a reminder or a recomputation.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nq05.extensions import db
from nq05.sql.constraints import one_of

#: pending → sending (claimed by one worker) → sent | failed | uncertain (the server never answered
#: the end of DATA, twice: it may or may not have the message); failed and uncertain ones may be
#: resent by an admin (→ pending). See delivery.py.
REMINDER_STATUSES = ("pending", "sending", "sent", "failed", "uncertain")

#: the unit code that stands for "recompute everything"
ALL_UNITS = "*"


class Reminder(db.Model):
    """One email about one event to one recipient; the unique key makes it exist (and go out) once."""

    __tablename__ = "reminders"
    __table_args__ = (
        one_of("status", REMINDER_STATUSES, "status"),
        UniqueConstraint("kind", "object_id", "recipient", "event_date", name="uq_reminders_event"),
        Index("ix_reminders_status_queued", "status", "queued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: what happened: plan_due_14, plan_due_3, plan_overdue, plan_returned, plan_approved, ...
    kind: Mapped[str] = mapped_column(String(32))
    #: the row it is about (unit, plan, class or enrolment id by kind; 0 for a digest)
    object_id: Mapped[int] = mapped_column(Integer)
    #: the address it goes to (lower case)
    recipient: Mapped[str] = mapped_column(String(255))
    #: the date that makes the event distinct (due date, decision date, class start, week...)
    event_date: Mapped[date] = mapped_column(Date)
    #: facts found by the scan, rendered into the email when it is sent
    context: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    #: how many times a worker claimed it to send it
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: the last error (SMTP reply, connection error) when a send failed
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    #: when a send task was last queued for it (UTC); the sweep re-queues stale ones
    queued_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: the claim of the worker sending it: only the holder of this token may mark it sent
    claim_token: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: when the current claim began DATA: from then on the server may get the message
    data_started_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: sends whose end of DATA went unanswered (the server may have a copy): 1 means the reminder
    #: was (or is being) sent once more with the same Message-ID; 2 stops it as ``uncertain``
    unconfirmed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    def __repr__(self) -> str:
        return f"<Reminder {self.kind} {self.object_id} {self.recipient} {self.event_date} {self.status}>"


class RecomputeRequest(db.Model):
    """A unit whose figures are out of date: one row per unit however many edits touched it."""

    __tablename__ = "recompute_outbox"

    #: the unit's code, or ``*`` for a full recompute
    unit_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: a fresh random value from every transaction that touches the unit (never reused, unlike a
    #: counter restarting at 1): a recompute deletes the row only if it still holds the value seen
    #: when it started
    version: Mapped[str] = mapped_column(String(32))
    #: the last edit, and the first one since the unit was last recomputed
    requested_at: Mapped[datetime] = mapped_column(DateTime)
    first_requested_at: Mapped[datetime] = mapped_column(DateTime)
    #: when a worker took it (UTC) and that worker's token; None: waiting to be taken
    queued_at: Mapped[datetime | None] = mapped_column(DateTime)
    claim_token: Mapped[str | None] = mapped_column(String(32))


class UnitRevision(db.Model):
    """How often a unit's figures were put out of date, and which of those the stored results saw.

    The outbox bumps ``revision`` in the edit's own transaction, with the recompute request; a
    recompute writes the revision it read (in its snapshot) into ``computed_revision``. A unit's
    stored figures are fresh when both match for the unit and for ``*`` (everything): its pages
    ask about their own rows only, never a province-wide fingerprint.
    """

    __tablename__ = "unit_revisions"

    #: the unit's code, or ``*``: an edit that touches every unit
    unit_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: the revision the stored results were computed from (None: never computed)
    computed_revision: Mapped[int | None] = mapped_column(Integer)
    #: when that recompute ran (naive UTC) and the date it evaluated the rules as of
    computed_at: Mapped[datetime | None] = mapped_column(DateTime)
    as_of: Mapped[date | None] = mapped_column(Date)


class WorkerHeartbeat(db.Model):
    """The last time a worker answered on a queue, so admins learn when nobody is working."""

    __tablename__ = "worker_heartbeats"

    #: worker host name and queue, e.g. ``celery@web1/mail``
    worker: Mapped[str] = mapped_column(String(255), primary_key=True)
    #: the queue the heartbeat task came through
    queue: Mapped[str] = mapped_column(String(32))
    seen_at: Mapped[datetime] = mapped_column(DateTime)


class RecomputeRun(db.Model):
    """A finished recomputation: which units, when; the pages say when their figures were computed."""

    __tablename__ = "recompute_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: comma-separated unit codes, or ``*`` for all units
    units: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime] = mapped_column(DateTime)
    #: ok | error text
    outcome: Mapped[str] = mapped_column(Text, default="ok")
