"""The progress feature's Celery tasks: recomputing the stored findings and target rows.

They keep the names they had in nq05.notify, so messages queued before a deployment still run.
"""

from __future__ import annotations

from celery import shared_task

from nq05.notify import recompute
from nq05.notify.tasks import DB_RETRY
from nq05.progress import served


@shared_task(name="nq05.notify.recompute_units", **DB_RETRY)
def recompute_units(codes: list[str] | None = None) -> str:
    return recompute.recompute_units(codes)


@shared_task(name="nq05.notify.full_recompute", **DB_RETRY)
def full_recompute() -> str:
    return recompute.recompute_units(None)


@shared_task(name="nq05.progress.compute_view", **DB_RETRY)
def compute_view(kind: str, key: str) -> str:
    """Compute a page's stored figures (progress/served.py): the report of a combination of dates."""
    served.compute(kind, key)
    return "ok"
