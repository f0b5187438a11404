"""The recompute outbox: edits mark the units they touch, in the edit's own transaction.

Session listeners notice inserts, updates and deletes of the rows the realism figures depend on
(after_flush resolves them to unit codes) and, just before COMMIT, upsert one ``recompute_outbox``
row per affected unit (``*`` = everything) on the transaction's connection, and bumps the unit's
revision (``unit_revisions``: the pages' freshness). A rolled-back
transaction therefore queues nothing; a committed one leaves rows that the beat sweep (or the
after-commit kick) hands to a worker. A hundred edits of one unit bump one row.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict

from sqlalchemy import event, inspect
from sqlalchemy.dialects import postgresql, sqlite

from nq05.clock import utcnow
from nq05.notify.dispatch import kick_recompute
from nq05.notify.models import ALL_UNITS, RecomputeRequest, UnitRevision

log = logging.getLogger(__name__)

#: more touched rows than this in one flush (an import, a bulk edit): recompute everything instead
#: of resolving each row to its units
FULL_RECOMPUTE_THRESHOLD = 500

#: session.info keys: unit codes to mark at commit; this transaction wrote to the outbox
PENDING = "nq05_outbox_pending"
TOUCHED = "nq05_outbox_touched"


#: model -> {attribute: kind of id it holds}, and the function that resolves ids to unit codes:
#: registered by the feature whose figures depend on those rows (progress/dependencies.py)
_WATCHED: dict = {}
_RESOLVE: list = []


def watch(models: dict, units_touched) -> None:
    """Mark the units of ``models``' changed rows dirty: ``models`` maps a model to {attribute:
    kind} (kinds: ``all``, ``unit_or_all``, or a kind ``units_touched(conn, ids)`` resolves)."""
    _WATCHED.update(models)
    _RESOLVE[:] = [units_touched]


def tracked_models() -> dict:
    return _WATCHED


class _Refs:
    """Ids collected from a flush, resolved to unit codes with a few set-based queries."""

    def __init__(self) -> None:
        self.ids: dict[str, set[int]] = defaultdict(set)
        self.everything = False

    def add(self, kind: str, value) -> None:
        if kind == "all":
            self.everything = True
        elif kind == "unit_or_all":
            if value is None:
                self.everything = True
            else:
                self.ids["unit"].add(value)
        elif value is not None:
            self.ids[kind].add(value)

    def unit_codes(self, conn) -> set[str]:
        if self.everything:
            return {ALL_UNITS}
        return _RESOLVE[0](conn, self.ids) if _RESOLVE else set()


def _values(obj, attr: str, with_history: bool):
    """The attribute's current value and, for an update, the value it replaced."""
    state = inspect(obj)
    if attr in state.dict:
        yield state.dict[attr]
    elif not state.deleted and not state.was_deleted:
        yield getattr(obj, attr, None)
    if with_history:
        history = state.attrs[attr].history
        yield from history.deleted or ()


def upsert_outbox(conn, unit_codes: set[str]) -> None:
    """Mark ``unit_codes`` dirty on ``conn`` (inside the caller's transaction)."""
    if not unit_codes:
        return
    now = utcnow()
    version = uuid.uuid4().hex
    rows = [
        {"unit_code": code, "version": version, "requested_at": now, "first_requested_at": now}
        for code in sorted(unit_codes)
    ]
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    table = RecomputeRequest.__table__
    stmt = dialect.insert(table).values(rows)
    # Updating the row (rather than "do nothing") takes its lock, so a recompute that reads the
    # versions waits for this transaction and then sees its changes. A row a worker has taken stays
    # taken: the worker sees the new version when it ends, and leaves the row for the next sweep.
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.unit_code],
        set_={"version": stmt.excluded.version, "requested_at": now},
    )
    conn.execute(stmt)
    bump_revisions(conn, unit_codes)


def bump_revisions(conn, unit_codes: set[str]) -> None:
    """Put ``unit_codes``' stored figures out of date: one more revision each (in unit-code order,
    like the outbox rows, so two edits lock them in the same order)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    table = UnitRevision.__table__
    stmt = dialect.insert(table).values([{"unit_code": code, "revision": 1} for code in sorted(unit_codes)])
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.unit_code], set_={"revision": table.c.revision + 1}
    )
    conn.execute(stmt)


def request_recompute(session, unit_codes=None) -> None:
    """Queue a recompute of ``unit_codes`` (None: all units) with ``session``'s transaction.

    For bulk loads that write with Core statements the listeners cannot see: call
    ``request_recompute(db.session)`` before committing.
    """
    session.info.setdefault(PENDING, set()).update({ALL_UNITS} if unit_codes is None else set(unit_codes))


def _after_flush(session, flush_context) -> None:
    models = tracked_models()
    touched = [
        (obj, status)
        for status, objs in (("new", session.new), ("dirty", session.dirty), ("deleted", session.deleted))
        for obj in objs
        if type(obj) in models and (status != "dirty" or session.is_modified(obj, include_collections=False))
    ]
    if not touched:
        return
    refs = _Refs()
    if len(touched) > FULL_RECOMPUTE_THRESHOLD:
        refs.everything = True
    else:
        for obj, status in touched:
            for attr, kind in models[type(obj)].items():
                for value in _values(obj, attr, status == "dirty"):
                    refs.add(kind, value)
    request_recompute(session, refs.unit_codes(session.connection()))


def _do_orm_execute(state) -> None:
    """Bulk ORM statements (``session.execute(update(Person)...)``) skip the flush: recompute all."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    if mapper is None or mapper.class_ not in tracked_models():
        return
    request_recompute(state.session)


def _before_commit(session) -> None:
    # Written last, just before COMMIT: the outbox row lock is then always the last lock a
    # transaction takes, so it cannot deadlock with the locks of the operation itself (a class
    # row locked for its seats, say). commit() fires this before its own final flush: flush first.
    # A savepoint's release fires it too: that is not the COMMIT yet.
    if session.in_nested_transaction():
        return
    session.flush()
    codes = session.info.pop(PENDING, None)
    if codes:
        upsert_outbox(session.connection(), codes)
        session.info[TOUCHED] = True


def _after_commit(session) -> None:
    if session.in_nested_transaction():
        return
    if session.info.pop(TOUCHED, False):
        kick_recompute()


def _after_soft_rollback(session, previous_transaction) -> None:
    if not previous_transaction.nested:  # a savepoint rolled back: the outer edits still count
        session.info.pop(PENDING, None)
        session.info.pop(TOUCHED, None)


def install_listeners(scoped_session) -> None:
    """Listen on the Flask-SQLAlchemy session (idempotent: create_app may run more than once)."""
    for name, fn in (
        ("after_flush", _after_flush),
        ("do_orm_execute", _do_orm_execute),
        ("before_commit", _before_commit),
        ("after_commit", _after_commit),
        ("after_soft_rollback", _after_soft_rollback),
    ):
        if not event.contains(scoped_session, name, fn):
            event.listen(scoped_session, name, fn)
