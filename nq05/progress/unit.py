"""One unit's progress: the progress report and plan versus quota restricted to a unit and its
sub-units (docs/reports.md, "One unit's progress"), for ``nq05 report --unit`` and its page.

The figures are the engine's own (``report_json`` and ``gap_rows`` with ``unit_ids``): the same
definitions as shared/spec/reports.md, counted over the people assigned to those units."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from nq05.extensions import db
from nq05.progress.gaps import gap_rows
from nq05.progress.report import report_json
from nq05.reference.models import Period
from nq05.staff.access import unit_and_descendants
from nq05.staff.models import Unit


def unit_by_code(code: str) -> Unit | None:
    return db.session.scalar(select(Unit).where(Unit.code == code))


def unit_progress_json(
    unit: Unit, baseline: date, as_of: date, period: Period | None = None, by: str | None = None
) -> dict:
    """The report's object for ``unit`` and its sub-units, plus ``unit`` (code and name),
    ``units`` (the codes counted, the unit's first) and ``gaps`` (the plan-versus-quota rows of
    ``period``: the units' quotas as in ``nq05 gaps``, and their part of the province-wide and
    category targets; null without a period)."""
    unit_ids = unit_and_descendants(unit.id)
    codes = dict(db.session.execute(select(Unit.id, Unit.code).where(Unit.id.in_(sorted(unit_ids)))).all())
    data = {
        "unit": {"code": unit.code, "name": unit.name},
        "units": [unit.code, *sorted(code for uid, code in codes.items() if uid != unit.id)],
        **report_json(baseline, as_of, period, by, unit_ids),
    }
    data["gaps"] = (
        {
            "period": period.code,
            "as_of": as_of.isoformat(),
            "rows": [row.to_json() for row in gap_rows(period, as_of, unit_ids)],
        }
        if period is not None
        else None
    )
    return data
