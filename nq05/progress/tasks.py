"""The progress feature's Celery tasks: recomputing the stored findings and target rows.

They keep the names they had in nq05.notify, so messages queued before a deployment still run.
"""

from __future__ import annotations

from celery import shared_task

from nq05.notify import recompute
from nq05.notify.tasks import DB_RETRY


@shared_task(name="nq05.notify.recompute_units", **DB_RETRY)
def recompute_units(codes: list[str] | None = None) -> str:
    return recompute.recompute_units(codes)


@shared_task(name="nq05.notify.full_recompute", **DB_RETRY)
def full_recompute() -> str:
    return recompute.recompute_units(None)
