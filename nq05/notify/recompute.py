"""Recomputing the realism figures of the units the outbox names.

The sweep takes the dirty units (conditional update of ``queued_at``) and queues one task for all
of them; the task notes each row's revision, recomputes, then deletes only the rows whose revision
did not move meanwhile. An edit committed during the recompute bumps its row, which stays and is
swept again: no edit is ever left out, and a burst of edits costs a couple of recomputes.
"""

from __future__ import annotations

import importlib
import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, delete, or_, select, update

from nq05.extensions import db
from nq05.notify.clock import utcnow
from nq05.notify.models import ALL_UNITS, RecomputeRequest, RecomputeRun

log = logging.getLogger(__name__)

#: more dirty units than this in one sweep: one full recompute is cheaper than the list
FULL_ABOVE = 200
#: how long the log of recompute runs is kept
KEEP_RUNS = timedelta(days=30)


class RecomputeUnavailable(RuntimeError):
    pass


def recompute_function():
    """The function that recomputes, ``recompute(unit_codes: list[str] | None)`` (config NOTIFY_RECOMPUTE)."""
    module_name, _, attr = current_app.config["NOTIFY_RECOMPUTE"].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if not module_name.startswith(exc.name or "\0"):
            raise
        raise RecomputeUnavailable(module_name) from None
    fn = getattr(module, attr, None)
    if fn is None:
        raise RecomputeUnavailable(f"{module_name}:{attr}")
    return fn


def take_dirty_units() -> list[str]:
    """Claim the units waiting for a recompute (or queued long ago and still dirty)."""
    now = utcnow()
    table = RecomputeRequest.__table__
    stale = now - timedelta(seconds=current_app.config["NOTIFY_REQUEUE_AFTER"])
    due = or_(table.c.queued_at.is_(None), table.c.queued_at < stale)
    # Rows are locked in unit-code order, like the edits' upserts: no deadlock; rows an edit holds
    # right now are skipped and taken by the next sweep.
    codes = list(
        db.session.scalars(
            select(table.c.unit_code).where(due).order_by(table.c.unit_code).with_for_update(skip_locked=True)
        )
    )
    if not codes:
        db.session.commit()
        return []
    taken = list(
        db.session.scalars(
            update(table)
            .where(due, table.c.unit_code.in_(codes))
            .values(queued_at=now)
            .returning(table.c.unit_code)
        )
    )
    db.session.commit()
    return sorted(taken)


def batch_for(codes: list[str]) -> list[str] | None:
    """The argument of recompute(): None (everything) for ``*`` or a long list."""
    if not codes or ALL_UNITS in codes or len(codes) > FULL_ABOVE:
        return None
    return codes


def recompute_units(codes: list[str] | None) -> str:
    """Recompute ``codes`` (None: all units) and clear the outbox rows nobody touched meanwhile."""
    table = RecomputeRequest.__table__
    scope = table.c.unit_code.in_(codes) if codes is not None else True
    seen = dict(db.session.execute(select(table.c.unit_code, table.c.revision).where(scope)).all())
    db.session.commit()
    started = utcnow()
    try:
        recompute_function()(codes)
        db.session.commit()
    except RecomputeUnavailable as missing:
        db.session.rollback()
        log.warning("no recompute function yet (%s): the units stay marked dirty", missing)
        _unqueue(list(seen))
        return "unavailable"
    except Exception as exc:
        db.session.rollback()
        _record(codes, started, f"{type(exc).__name__}: {exc}")
        _unqueue(list(seen))
        raise
    # lock what is left in unit-code order (as the edits do), then clear it
    db.session.execute(
        select(table.c.unit_code)
        .where(table.c.unit_code.in_(list(seen)))
        .order_by(table.c.unit_code)
        .with_for_update()
    ).all()
    for code, revision in sorted(seen.items()):
        if codes is None or code != ALL_UNITS:
            db.session.execute(
                delete(table).where(and_(table.c.unit_code == code, table.c.revision == revision))
            )
    # one commit: whoever sees the outbox emptied also sees the run that emptied it
    _unqueue(list(seen), commit=False)
    _record(codes, started, "ok")
    return "ok"


def _unqueue(codes: list[str], commit: bool = True) -> None:
    """Rows still there (edited meanwhile, or the recompute failed) wait for the next sweep."""
    if codes:
        table = RecomputeRequest.__table__
        db.session.execute(update(table).where(table.c.unit_code.in_(codes)).values(queued_at=None))
    if commit:
        db.session.commit()


def _record(codes, started, outcome: str) -> None:
    db.session.add(
        RecomputeRun(
            units=ALL_UNITS if codes is None else ",".join(codes),
            started_at=started,
            finished_at=utcnow(),
            outcome=outcome[:2000],
        )
    )
    db.session.execute(delete(RecomputeRun).where(RecomputeRun.finished_at < started - KEEP_RUNS))
    db.session.commit()


def last_run():
    return db.session.scalars(select(RecomputeRun).order_by(RecomputeRun.id.desc()).limit(1)).first()


def pending_units() -> list[RecomputeRequest]:
    return list(db.session.scalars(select(RecomputeRequest).order_by(RecomputeRequest.unit_code)))
