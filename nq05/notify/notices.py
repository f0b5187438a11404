"""Notices sent at once: a feature's operation queues them in its own transaction, and they go
out as soon as it commits, through the same queue as the reminders (not at the next scan).

An operation calls ``defer(builder, item)`` (one line in the operation): just before the commit,
each builder gets the items of the transaction at once and returns the notice rows (set-based:
approving a hundred plans costs the builder's few queries, not a few per plan). A builder reads
the state being committed, so an item whose change was undone (a rolled-back savepoint) yields
nothing. ``queue_notices(session, rows)`` inserts those ``reminders`` rows (``scan.reminder_row``; the same unique key,
so a scan rule that finds the same event later adds nothing) on the operation's connection: a
rolled-back operation leaves no notice. After the commit the delivery is asked for at once: the
in-process runner of ``nq05 run`` is woken, or the ``dispatch_reminders`` task is published (it
queues a ``send_reminder`` per pending row). Without either, or when Redis is down, the rows are
still there: the beat sweep (every ``NQ05_SWEEP_SECONDS``) or ``nq05 notify send`` sends them.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import has_app_context
from sqlalchemy import event

from nq05.extensions import db
from nq05.notify.dispatch import inprocess_runner, publish
from nq05.notify.scan import insert_new

#: session.info keys: this transaction queued notices; the items waiting for their builders
QUEUED = "nq05_notices_queued"
DEFERRED = "nq05_notices_deferred"


def defer(builder: Callable[[list], list[dict | None]], item, session=None) -> None:
    """Have ``builder([item, ...])`` make notice rows just before this transaction commits."""
    session = session or db.session
    session.info.setdefault(DEFERRED, {}).setdefault(builder, []).append(item)


def queue_notices(session, rows: list[dict | None]) -> int:
    """Queue the notices ``rows`` (None rows skipped) in ``session``'s transaction; how many new."""
    rows = [row for row in rows if row is not None]
    if not rows:
        return 0
    created = insert_new(rows)
    if created:
        session.info[QUEUED] = True
    return created


def send_now() -> None:
    """Ask for the pending notices to be delivered now (a hint: the sweep catches a lost one)."""
    if not has_app_context():
        return
    runner = inprocess_runner()
    if runner is not None:
        runner.wake()
        return
    publish([("nq05.notify.dispatch_reminders", ())], respect_breaker=True)


def _before_commit(session) -> None:
    if session.in_nested_transaction():
        return
    pending = session.info.pop(DEFERRED, None)
    if not pending:
        return
    session.flush()
    rows: list[dict | None] = []
    for builder, items in pending.items():
        rows.extend(builder(items))
    queue_notices(session, rows)


def _after_commit(session) -> None:
    if session.in_nested_transaction():
        return
    if session.info.pop(QUEUED, False):
        send_now()


def _after_soft_rollback(session, previous_transaction) -> None:
    if not previous_transaction.nested:
        session.info.pop(QUEUED, None)
        session.info.pop(DEFERRED, None)


def install_listeners(scoped_session) -> None:
    """Listen on the Flask-SQLAlchemy session (idempotent). Installed before the outbox's
    listeners: the outbox row stays the last lock a transaction takes (outbox.py)."""
    for name, fn in (
        ("before_commit", _before_commit),
        ("after_commit", _after_commit),
        ("after_soft_rollback", _after_soft_rollback),
    ):
        if not event.contains(scoped_session, name, fn):
            event.listen(scoped_session, name, fn)
