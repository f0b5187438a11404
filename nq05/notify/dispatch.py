"""Handing work to the workers: publishing tasks, and the sweeps that re-queue what is due.

Every publish is a hint: the rows in the database say what must be done, so a publish that fails
(Redis down) is logged and forgotten, and the next sweep queues the work again.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from flask import current_app, has_app_context
from sqlalchemy import and_, or_, select, update

from nq05.clock import utcnow
from nq05.extensions import db
from nq05.notify.delivery import deliver
from nq05.notify.models import Reminder

log = logging.getLogger(__name__)

#: after a failed publish, do not try again from a web request for this long (seconds), so a
#: dead broker costs one refused connection per half minute, not one per request
BREAKER_SECONDS = 30.0
_breaker = {"until": 0.0}
_breaker_lock = threading.Lock()


def broker_url(app=None) -> str | None:
    """The Redis URL tasks go to, or None when there is no broker (no REDIS_URL)."""
    app = app or current_app
    celery = app.extensions.get("celery")
    url = celery.conf.broker_url if celery is not None else None
    return url if url and url.startswith(("redis://", "rediss://", "redis+socket://")) else None


def inprocess_runner(app=None):
    """The in-process runner of ``nq05 run`` without Redis, if this process has one."""
    return (app or current_app).extensions.get("notify_inprocess")


def publish(calls: list[tuple], *, respect_breaker: bool = False) -> bool:
    """Send tasks ``[(name, args), ...]`` or ``[(name, args, options), ...]`` (``countdown``...)
    to the broker on one connection; False if that failed."""
    app = current_app._get_current_object()
    url = broker_url(app)
    if url is None or not calls:
        return False
    if respect_breaker and time.monotonic() < _breaker["until"]:
        return False
    celery = app.extensions["celery"]
    try:
        with celery.connection_for_write(url) as conn:
            conn.ensure_connection(max_retries=0, timeout=3)
            with conn.Producer() as producer:
                for name, args, *rest in calls:
                    options = rest[0] if rest else {}
                    celery.send_task(name, args=args, producer=producer, retry=False, **options)
    except Exception as exc:  # noqa: BLE001 - any broker failure: the sweep will catch up
        with _breaker_lock:
            _breaker["until"] = time.monotonic() + BREAKER_SECONDS
        log.warning("could not queue %s task(s) (%s); the next sweep queues them again", len(calls), exc)
        return False
    return True


def kick_recompute() -> None:
    """Called after a commit that marked units dirty: have them recomputed soon."""
    if not has_app_context():
        return
    runner = inprocess_runner()
    if runner is not None:
        runner.wake()
        return
    # once the burst of edits this commit may belong to is over (recompute.take_dirty_units)
    quiet = current_app.config["NOTIFY_RECOMPUTE_QUIET"]
    publish([("nq05.notify.sweep_outbox", (), {"countdown": quiet + 0.5})], respect_breaker=True)


# --- reminders ---------------------------------------------------------------------------------


STOPPED_BEFORE_DATA = "the worker stopped before sending"
STOPPED_DURING_DATA = "the worker stopped during DATA: the server may have the message"


def release_stale_claims() -> int:
    """Reminders claimed by a worker that stopped (claimed longer than NOTIFY_CLAIM_TIMEOUT ago):
    back to pending. One that had begun DATA may have reached the server: that counts as an
    unanswered end of DATA (sent once more, or ``uncertain`` if it already was; delivery.py)."""
    cutoff = utcnow() - timedelta(seconds=current_app.config["NOTIFY_CLAIM_TIMEOUT"])
    table = Reminder.__table__
    stale = and_(table.c.status == "sending", table.c.claimed_at < cutoff)
    during = and_(stale, table.c.data_started_at.isnot(None))
    changes = (
        (
            and_(stale, table.c.data_started_at.is_(None)),
            {"status": "pending", "last_error": STOPPED_BEFORE_DATA},
        ),
        (
            and_(during, table.c.unconfirmed == 0),
            {"status": "pending", "unconfirmed": 1, "last_error": STOPPED_DURING_DATA},
        ),
        (
            and_(during, table.c.unconfirmed >= 1),
            {
                "status": "uncertain",
                "unconfirmed": table.c.unconfirmed + 1,
                "last_error": STOPPED_DURING_DATA,
            },
        ),
    )
    released = 0
    for where, values in changes:
        result = db.session.execute(
            update(table).where(where).values(claim_token=None, queued_at=None, **values)
        )
        released += result.rowcount
    db.session.commit()
    if released:
        log.warning("%s reminder(s) claimed by a worker that stopped: released", released)
    return released


def take_due_reminders(limit: int = 1000) -> list[int]:
    """Pending reminders not queued (or queued long ago): mark them queued now and return their ids."""
    now = utcnow()
    table = Reminder.__table__
    due = and_(
        table.c.status == "pending",
        or_(
            table.c.queued_at.is_(None),
            table.c.queued_at < now - timedelta(seconds=current_app.config["NOTIFY_REQUEUE_AFTER"]),
        ),
    )
    ids = list(db.session.scalars(select(table.c.id).where(due).order_by(table.c.id).limit(limit)))
    if not ids:
        db.session.commit()
        return []
    # Two sweeps at once: each id is taken by the one whose conditional update hits it.
    taken = list(
        db.session.scalars(
            update(table).where(due, table.c.id.in_(ids)).values(queued_at=now).returning(table.c.id)
        )
    )
    db.session.commit()
    return sorted(taken)


def dispatch_reminders() -> int:
    """The sweep: release dead claims, queue a send task per due reminder; how many were queued."""
    release_stale_claims()
    ids = take_due_reminders()
    if not ids:
        return 0
    if broker_url() is None or inprocess_runner() is not None:
        for reminder_id in ids:
            deliver(reminder_id)
        return len(ids)
    if not publish([("nq05.notify.send_reminder", (i,)) for i in ids]):
        table = Reminder.__table__
        db.session.execute(
            update(table).where(table.c.id.in_(ids), table.c.status == "pending").values(queued_at=None)
        )
        db.session.commit()
        return 0
    return len(ids)
