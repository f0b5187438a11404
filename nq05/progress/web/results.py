"""The figures the pages show: the engine's, read from the stored results when they answer the
question asked, otherwise computed now by the same engine functions as the CLI.

Nothing here computes a figure itself; it only chooses where the engine's figures come from and
keeps the rows within the signed-in user's scope.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import to_user_timezone
from sqlalchemy import func, select

from nq05.auth.access import is_admin
from nq05.domain.rounding import number
from nq05.extensions import db
from nq05.progress import served
from nq05.progress.gaps import GapRow
from nq05.progress.models import StoredFinding
from nq05.progress.realism.terms import plans_in_force_cte
from nq05.progress.store import (
    freshness,
    stored_finding_counts,
    stored_findings,
    stored_gap_rows,
    years_to_check,
)
from nq05.reference.models import Period
from nq05.staff.access import readable_unit_ids, units_query_for


@dataclass
class Provenance:
    """When the figures were computed, and whether they come from the stored results."""

    #: naive UTC; None: not computed yet (queued)
    computed_at: datetime | None
    stored: bool
    #: the data changed since: being computed again
    outdated: bool = False
    #: a computation is queued (no figures yet unless ``outdated``)
    queued: bool = False

    @property
    def local_time(self) -> datetime | None:
        """``computed_at`` in the province's time zone (BABEL_DEFAULT_TIMEZONE), for display."""
        return to_user_timezone(self.computed_at) if self.computed_at else None


def _served(shown: served.Served) -> Provenance:
    return Provenance(shown.computed_at, stored=not shown.live, outdated=shown.outdated, queued=shown.queued)


def periods() -> list[Period]:
    return list(db.session.scalars(select(Period).order_by(Period.start_date, Period.code)))


def period_for(all_periods: list[Period], as_of: date, code: str | None = None) -> Period | None:
    """The period asked for; else the one containing ``as_of``; else the last one begun; else the first."""
    if code:
        return next((p for p in all_periods if p.code == code), None)
    for p in all_periods:
        if p.start_date <= as_of <= p.end_date:
            return p
    begun = [p for p in all_periods if p.start_date <= as_of]
    if begun:
        return begun[-1]
    return all_periods[0] if all_periods else None


def gap_rows(period: Period, as_of: date):
    """The rows of ``nq05 gaps`` for the period as of the date, and where they come from."""
    stored = _stored_gap_rows(period, as_of, outdated_ok=served.queue_available())
    if stored is not None:
        return stored
    shown = served.serve("gaps", served.gaps_key(period.code, as_of))
    return (served.gap_rows_of(shown.payload) if shown.payload else []), _served(shown)


def findings(year: int, as_of: date):
    """The findings of ``nq05 realism --year Y --as-of D`` (all units), and where they come from."""
    stored = _stored_findings(year, as_of, outdated_ok=served.queue_available())
    if stored is not None:
        return stored
    shown = served.serve("findings", served.findings_key(year, as_of))
    return (served.findings_of(shown.payload) if shown.payload else []), _served(shown)


def stored_findings_provenance(year: int, as_of: date, units=None) -> Provenance | None:
    """When the stored findings of ``units`` (None: every unit) for the year were computed, if
    they answer the question (fresh for these units, as of this date, the year covered); None
    otherwise. Reads the units' own rows only: their revisions, and their findings' dates."""
    if units is None:
        found = _stored_findings(year, as_of, check_only=True)
        return found[1] if found is not None else None
    unit_ids = sorted(u.id for u in units)
    last = freshness([u.code for u in units])
    if last.computed_at is None or last.stale or last.as_of != as_of:
        return None
    mine = StoredFinding.unit_id.in_(unit_ids)
    if year not in (as_of.year, as_of.year + 1):
        # a year a recompute covered: one with plans (another year's findings are not stored)
        covered = select(StoredFinding.id).where(StoredFinding.year == year, mine).limit(1)
        if db.session.scalar(covered) is None:
            return None
    other_dates = select(StoredFinding.id).where(
        StoredFinding.year == year, mine, StoredFinding.as_of != as_of
    )
    if db.session.scalar(other_dates.limit(1)) is not None:
        return None
    return Provenance(last.computed_at, stored=True)


def finding_code_counts(year: int, as_of: date, units=None):
    """Rule code -> number of findings of ``units`` (None: every unit) for the year, and where
    they come from: the stored findings counted in SQL when they are fresh for these units, else
    the engine's evaluation filtered to the user's scope."""
    provenance = stored_findings_provenance(year, as_of, units)
    if provenance is not None:
        unit_ids = None if units is None else {u.id for u in units}
        return Counter(stored_finding_counts(year, unit_ids)), provenance
    found, provenance = findings(year, as_of)
    unit_ids = None if units is None else {u.id for u in units}
    return (
        Counter(f.code for f in found if finding_visible(f) and (unit_ids is None or f.unit_id in unit_ids)),
        provenance,
    )


def scope_units():
    """The units whose figures the signed-in user reads: None for the admin (every unit), else
    their unit and its sub-units."""
    if is_admin():
        return None
    return list(db.session.scalars(units_query_for()))


def _stored_gap_rows(period: Period, as_of: date, outdated_ok: bool = False):
    """The stored rows of the period, if the last recompute was as of this date and the data has
    not changed since (or, ``outdated_ok``, has: the outbox's recompute is on its way); None
    otherwise."""
    last = freshness()
    if last.computed_at is None or (last.stale and not outdated_ok) or last.as_of != as_of:
        return None
    stored = stored_gap_rows(period.id)
    if any(r.as_of != as_of for r in stored):
        return None
    rows = [
        GapRow(
            target_id=r.target_id,
            track=r.track,
            level=r.level,
            category=r.category,
            unit=r.unit_code,
            unit_id=r.unit_id,
            target=number(r.target),
            planned=r.planned,
            named=r.named,
            nominated=r.nominated,
            completed=r.completed,
            gap=number(r.gap),
            pct=r.pct,
            status=r.status,
        )
        for r in stored
    ]
    return rows, Provenance(last.computed_at, stored=True, outdated=last.stale, queued=last.stale)


def _stored_findings(year: int, as_of: date, check_only: bool = False, outdated_ok: bool = False):
    """The stored findings of the year, if the last recompute was as of this date, covered the
    year, and the data has not changed since (a recompute for some units keeps the others'
    findings, which it judged unaffected); None otherwise."""
    last = freshness()
    if last.computed_at is None or (last.stale and not outdated_ok) or last.as_of != as_of:
        return None
    if year not in years_to_check(as_of):
        return None
    other_dates = db.session.scalar(
        select(func.count()).where(StoredFinding.year == year, StoredFinding.as_of != as_of)
    )
    if other_dates:
        return None
    provenance = Provenance(last.computed_at, stored=True, outdated=last.stale, queued=last.stale)
    return (None if check_only else stored_findings(year)), provenance


# --- scope ---------------------------------------------------------------------------------------


def gap_row_visible(row) -> bool:
    """Admin: every row. Unit head: the province-wide rows (no unit) and the quotas of the units
    they may read (their unit and its sub-units)."""
    return is_admin() or row.unit_id is None or row.unit_id in readable_unit_ids()


def finding_visible(finding) -> bool:
    """Admin: every finding. Unit head: the findings of the units they may read."""
    return is_admin() or (finding.unit_id is not None and finding.unit_id in readable_unit_ids())


def plans_in_force(year: int, unit_ids=None) -> dict[int, int]:
    """unit id -> id of its plan in force for the year (the engine's definition), for links; of
    ``unit_ids`` only when given."""
    if unit_ids is not None and not unit_ids:
        return {}
    pif = plans_in_force_cte(unit_ids=unit_ids)
    return dict(db.session.execute(select(pif.c.unit_id, pif.c.plan_id).where(pif.c.year == year)).all())


def plan_link_id(finding, in_force: dict[int, int]) -> int | None:
    """The plan a finding concerns: its own plan, else its unit's plan in force (None: no plan)."""
    if finding.plan_id is not None:
        return finding.plan_id
    return in_force.get(finding.unit_id) if finding.unit_id is not None else None
