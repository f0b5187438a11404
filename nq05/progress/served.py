"""Figures served, not recomputed: the report page reads the report the task queue stored for the
combination of dates asked for; the dashboard and findings pages read the target rows and findings
so stored for a date other than the one the recompute keeps (``progress/store.py``).

``serve(kind, params)`` returns the stored figures of that combination with when they were
computed. Figures computed before the data last changed (any unit's revision, see
``unit_revisions``) are still shown, saying so, while the queue computes them again; a combination
never computed is queued and the page says so. Only where there is no queue at all (no broker: a
laptop, the tests) is the combination computed inline, as before, and stored.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from flask_babel import to_user_timezone
from sqlalchemy import func, select

from nq05.clock import utcnow
from nq05.domain.rounding import number
from nq05.extensions import db
from nq05.notify.dispatch import broker_url, publish
from nq05.notify.models import UnitRevision
from nq05.progress.gaps import GapRow, gap_rows
from nq05.progress.models import StoredView
from nq05.progress.realism import evaluate
from nq05.progress.realism.findings import Finding
from nq05.progress.report import report_json
from nq05.progress.store import finding_dict, finding_from_dict
from nq05.reference.models import Period

#: the task that computes a stored view (queue ``recompute``, the default queue)
TASK = "nq05.progress.compute_view"
#: a view queued this long ago and still not computed is queued again (the message was lost)
REQUEUE_AFTER = timedelta(minutes=10)


@dataclass
class Served:
    """What a page shows: the figures (None: not computed yet) and where they stand."""

    payload: dict | None
    #: naive UTC; None when never computed
    computed_at: datetime | None
    #: the data changed since they were computed (a new computation is queued)
    outdated: bool = False
    #: a computation is queued for this combination
    queued: bool = False
    #: computed inline, now (no queue)
    live: bool = False

    @property
    def local_time(self) -> datetime | None:
        return to_user_timezone(self.computed_at) if self.computed_at else None


def report_key(baseline: date, as_of: date, period_code: str | None, by: str | None) -> str:
    return "|".join((baseline.isoformat(), as_of.isoformat(), period_code or "", by or ""))


def gaps_key(period_code: str, as_of: date) -> str:
    return f"{period_code}|{as_of.isoformat()}"


def findings_key(year: int, as_of: date) -> str:
    return f"{year}|{as_of.isoformat()}"


def _period(code: str) -> Period | None:
    return db.session.scalar(select(Period).where(Period.code == code)) if code else None


def _compute(kind: str, key: str) -> dict:
    if kind == "report":
        baseline, as_of, period_code, by = key.split("|")
        return report_json(
            date.fromisoformat(baseline), date.fromisoformat(as_of), _period(period_code), by or None
        )
    if kind == "gaps":
        period_code, as_of = key.split("|")
        rows = gap_rows(_period(period_code), date.fromisoformat(as_of))
        return {"rows": [{**asdict(r), "target": float(r.target), "gap": float(r.gap)} for r in rows]}
    if kind == "findings":
        year, as_of = key.split("|")
        found = evaluate(int(year), date.fromisoformat(as_of))
        return {"findings": [finding_dict(f) for f in found]}
    raise ValueError(f"unknown stored view {kind!r}")


def gap_rows_of(payload: dict) -> list[GapRow]:
    return [
        GapRow(**{**row, "target": number(row["target"]), "gap": number(row["gap"])})
        for row in payload["rows"]
    ]


def findings_of(payload: dict) -> list[Finding]:
    return [finding_from_dict(row) for row in payload["findings"]]


def province_revision() -> int:
    """The sum of every unit's revision (and ``*``'s): it grows with every edit that touches the
    figures (revisions never go back)."""
    return int(db.session.scalar(select(func.coalesce(func.sum(UnitRevision.revision), 0))))


def queue_available() -> bool:
    return broker_url() is not None


def _row(kind: str, key: str) -> StoredView | None:
    return db.session.scalar(select(StoredView).where(StoredView.kind == kind, StoredView.key == key))


def exists(kind: str, key: str) -> bool:
    """The combination was asked for before (stored, or queued)."""
    return _row(kind, key) is not None


def compute(kind: str, key: str) -> StoredView:
    """Compute the view now and store it (the task; inline without a queue). Reads the revision
    before the figures: an edit committed meanwhile leaves the stored view outdated, never
    wrongly current."""
    revision = province_revision()
    payload = _compute(kind, key)
    row = _row(kind, key)
    if row is None:
        row = StoredView(kind=kind, key=key)
        db.session.add(row)
    row.payload, row.revision, row.computed_at, row.requested_at = payload, revision, utcnow(), None
    db.session.commit()
    return row


def request(kind: str, key: str, *, force: bool = False) -> bool:
    """Queue a computation of the view (unless one was queued lately, or ``force``); commits."""
    row = _row(kind, key)
    now = utcnow()
    if row is None:
        row = StoredView(kind=kind, key=key)
        db.session.add(row)
    elif not force and row.requested_at is not None and row.requested_at > now - REQUEUE_AFTER:
        return True
    row.requested_at = now
    db.session.commit()
    return publish([(TASK, (kind, key))], respect_breaker=True)


def serve(kind: str, key: str) -> Served:
    row = _row(kind, key)
    if row is not None and row.payload is not None and row.revision == province_revision():
        return Served(row.payload, row.computed_at)
    if not queue_available():
        row = compute(kind, key)
        return Served(row.payload, row.computed_at, live=True)
    request(kind, key)
    row = _row(kind, key)
    if row is not None and row.payload is not None:
        return Served(row.payload, row.computed_at, outdated=True, queued=True)
    return Served(None, None, queued=True)
