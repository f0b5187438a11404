"""Worker heartbeats: a row per (worker, queue), and the banner admins see when all are silent."""

from __future__ import annotations

import socket
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from nq05.clock import utcnow
from nq05.extensions import db
from nq05.notify.models import WorkerHeartbeat


def beat_now(queue: str, worker: str | None = None) -> None:
    """Record that ``worker`` (this host by default) answered on ``queue`` now."""
    name = f"{worker or socket.gethostname()}/{queue}"
    row = db.session.get(WorkerHeartbeat, name)
    if row is None:
        db.session.add(WorkerHeartbeat(worker=name, queue=queue, seen_at=utcnow()))
    else:
        row.seen_at = utcnow()
    db.session.commit()


def last_heartbeat() -> datetime | None:
    return db.session.execute(select(func.max(WorkerHeartbeat.seen_at))).scalar()


def workers_silent(now: datetime | None = None) -> datetime | None | bool:
    """False while some worker answered recently; otherwise the last answer (None: never)."""
    limit = timedelta(seconds=current_app.config["NOTIFY_SILENCE_AFTER"])
    last = last_heartbeat()
    if last is not None and (now or utcnow()) - last <= limit:
        return False
    return last


def heartbeats() -> list[WorkerHeartbeat]:
    return list(db.session.scalars(select(WorkerHeartbeat).order_by(WorkerHeartbeat.worker)))
