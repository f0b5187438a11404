"""Recomputing the realism figures of the units the outbox names, once per burst of edits.

A sweep takes the units that are due: no edit touched them for NOTIFY_RECOMPUTE_QUIET seconds (a
burst of edits waits for its end), or they have waited NOTIFY_RECOMPUTE_MAX_WAIT seconds (steady
editing does not starve them). It takes them with a conditional update that stamps its own claim
token, skipping rows another worker holds (unless that worker took them longer ago than
NOTIFY_RECOMPUTE_REQUEUE_AFTER, which start-up keeps above the task time limit: it is dead). The
run notes each row's version, recomputes, deletes the rows whose version did not move, and hands
back the rows an edit touched meanwhile for the next sweep. A run only ever changes the rows it
holds: it never frees or deletes another worker's rows, and never a newer edit's request.
"""

from __future__ import annotations

import importlib
import logging
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, delete, or_, select, true, tuple_, update

from nq05.clock import utcnow
from nq05.extensions import db
from nq05.notify.models import ALL_UNITS, RecomputeRequest, RecomputeRun

log = logging.getLogger(__name__)

#: more dirty units than this in one sweep: one full recompute is cheaper than the list
FULL_ABOVE = 200
#: how long the log of recompute runs is kept
KEEP_RUNS = timedelta(days=30)


class RecomputeUnavailable(RuntimeError):
    pass


@dataclass
class Taken:
    """Outbox rows one worker holds: their unit codes and the claim token they carry."""

    codes: list[str] = field(default_factory=list)
    token: str = ""


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


def _take(where) -> Taken:
    """Stamp the rows matching ``where`` that nobody holds with a new claim token."""
    config = current_app.config
    now = utcnow()
    table = RecomputeRequest.__table__
    stale = now - timedelta(seconds=config["NOTIFY_RECOMPUTE_REQUEUE_AFTER"])
    free = and_(where, or_(table.c.queued_at.is_(None), table.c.queued_at < stale))
    # Rows are locked in unit-code order, like the edits' upserts: no deadlock; rows an edit holds
    # right now are skipped and taken by the next sweep.
    codes = list(
        db.session.scalars(
            select(table.c.unit_code)
            .where(free)
            .order_by(table.c.unit_code)
            .with_for_update(skip_locked=True)
        )
    )
    if not codes:
        db.session.commit()
        return Taken()
    token = uuid.uuid4().hex
    taken = list(
        db.session.scalars(
            update(table)
            .where(free, table.c.unit_code.in_(codes))
            .values(queued_at=now, claim_token=token)
            .returning(table.c.unit_code)
        )
    )
    db.session.commit()
    return Taken(sorted(taken), token)


def take_dirty_units() -> Taken:
    """The units due for a recompute (the burst of edits is over, or they waited long enough)."""
    config = current_app.config
    now = utcnow()
    table = RecomputeRequest.__table__
    due = or_(
        table.c.requested_at <= now - timedelta(seconds=config["NOTIFY_RECOMPUTE_QUIET"]),
        table.c.first_requested_at <= now - timedelta(seconds=config["NOTIFY_RECOMPUTE_MAX_WAIT"]),
    )
    return _take(due)


def batch_for(codes: list[str]) -> list[str] | None:
    """The argument of recompute(): None (everything) for ``*`` or a long list."""
    if not codes or ALL_UNITS in codes or len(codes) > FULL_ABOVE:
        return None
    return codes


def recompute_units(codes: list[str] | None, taken: Taken | None = None) -> str:
    """Recompute ``codes`` (None: all units) and clear the outbox rows of ``taken`` that nobody
    touched meanwhile. Without ``taken`` (the nightly run, the CLI), the run first takes the rows
    of its scope that no other worker holds."""
    table = RecomputeRequest.__table__
    if taken is None:
        scope = table.c.unit_code.in_(codes) if codes is not None else true()
        taken = _take(scope)
    mine = table.c.claim_token == taken.token
    seen = (
        db.session.execute(select(table.c.unit_code, table.c.version).where(mine)).all()
        if taken.codes
        else []
    )
    db.session.commit()
    started = utcnow()
    try:
        recompute_function()(codes)
        db.session.commit()
    except RecomputeUnavailable as missing:
        db.session.rollback()
        log.warning("no recompute function yet (%s): the units stay marked dirty", missing)
        _release(taken)
        return "unavailable"
    except Exception as exc:
        db.session.rollback()
        _release(taken, commit=False)
        _record(codes, started, f"{type(exc).__name__}: {exc}")
        raise
    if seen:
        # lock our rows in unit-code order (as the edits do), then clear those nobody edited
        db.session.execute(
            select(table.c.unit_code).where(mine).order_by(table.c.unit_code).with_for_update()
        ).all()
        done = [tuple(row) for row in seen if codes is None or row[0] != ALL_UNITS]
        if done:
            db.session.execute(
                delete(table).where(mine, tuple_(table.c.unit_code, table.c.version).in_(done))
            )
    # one commit: whoever sees the outbox emptied also sees the run that emptied it
    _release(taken, commit=False)
    _record(codes, started, "ok")
    return "ok"


def sweep() -> str:
    """Take the units due and recompute them: "clean" when none were due."""
    taken = take_dirty_units()
    if not taken.codes:
        return "clean"
    return recompute_units(batch_for(taken.codes), taken)


def _release(taken: Taken, commit: bool = True) -> None:
    """Our rows still there (edited meanwhile, or the recompute failed) wait for the next sweep."""
    if taken.codes:
        table = RecomputeRequest.__table__
        db.session.execute(
            update(table).where(table.c.claim_token == taken.token).values(queued_at=None, claim_token=None)
        )
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
