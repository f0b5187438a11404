"""The Celery tasks. They take ids and codes, never objects, and are all safe to run twice."""

from __future__ import annotations

from celery import shared_task
from sqlalchemy.exc import OperationalError

from nq05.notify import dispatch, recompute
from nq05.notify.delivery import deliver
from nq05.notify.heartbeat import beat_now
from nq05.notify.scan import scan

#: database hiccups (connection lost, lock timeout, SQLite busy): try again with a growing delay
DB_RETRY = {
    "autoretry_for": (OperationalError,),
    "retry_backoff": 2,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(name="nq05.notify.send_reminder", bind=True, **DB_RETRY)
def send_reminder(self, reminder_id: int) -> str:
    outcome = deliver(reminder_id)
    if outcome.status == "retry":
        # the row is pending again with queued_at in the future: if this retry message is lost,
        # the sweep sends it once that time has passed
        raise self.retry(countdown=outcome.retry_in, max_retries=None)
    return outcome.status


@shared_task(name="nq05.notify.dispatch_reminders", **DB_RETRY)
def dispatch_reminders() -> int:
    return dispatch.dispatch_reminders()


@shared_task(name="nq05.notify.scan_reminders", **DB_RETRY)
def scan_reminders(today: str | None = None) -> int:
    from datetime import date

    created = scan(date.fromisoformat(today) if today else None)
    dispatch.dispatch_reminders()
    return created


@shared_task(name="nq05.notify.sweep_outbox", **DB_RETRY)
def sweep_outbox() -> str:
    return recompute.sweep()


@shared_task(name="nq05.notify.recompute_units", **DB_RETRY)
def recompute_units(codes: list[str] | None = None) -> str:
    return recompute.recompute_units(codes)


@shared_task(name="nq05.notify.full_recompute", **DB_RETRY)
def full_recompute() -> str:
    return recompute.recompute_units(None)


@shared_task(name="nq05.notify.heartbeat", bind=True, **DB_RETRY)
def heartbeat(self, queue: str) -> None:
    beat_now(queue, self.request.hostname)
