"""What the stored figures depend on: the rows whose change puts a unit's figures out of date, and
the units a changed row touches. The recompute outbox (nq05.notify.outbox) watches these models:
an edit marks the units it touches dirty, in the edit's own transaction.
"""

from __future__ import annotations

from sqlalchemy import and_, select
from sqlalchemy.orm import aliased

from nq05.classes.models import Enrolment, TrainingClass
from nq05.domain.codes import SETTING_DEFAULTS
from nq05.notify.models import ALL_UNITS
from nq05.plans.models import Plan, PlanLine, PlanNominee
from nq05.reference.models import Indicator, Period, Position, Programme, Setting, Target
from nq05.reference.today import DemoClock
from nq05.staff.models import Assignment, Person, Qualification, Unit

#: model -> {attribute: the kind of id it holds}; ``all``: any change affects every unit;
#: ``unit_or_all``: a unit id, or every unit when empty (a province-wide target); ``setting``: a
#: setting's key, every unit when it is one of domain.md's (the notices' ``notice_*`` keys, in the
#: same table, change no figure)
WATCHED = {
    #: and the units of the people named on its lines, and on the other versions' (the targets of
    #: no unit count the people named by their home unit: progress.gaps.province_parts)
    Plan: {"unit_id": "unit", "id": "plan_named"},
    PlanLine: {"plan_id": "plan", "id": "line_named"},
    PlanNominee: {"line_id": "line", "person_id": "person"},
    Enrolment: {"person_id": "person"},
    Qualification: {"person_id": "person"},
    Assignment: {"unit_id": "unit", "person_id": "person"},
    Person: {"id": "person"},
    TrainingClass: {"id": "class", "programme_id": "programme"},
    #: and the units of the people enrolled in its classes (its level counts in their figures)
    Programme: {"id": "programme_enrolled"},
    #: a title standard: the units where someone holds the position (UNCOVERED_STANDARD_GAP)
    Position: {"id": "position"},
    Target: {"unit_id": "unit_or_all"},
    Setting: {"key": "setting"},
    Period: {"id": "all"},
    Indicator: {"id": "all"},
    DemoClock: {"id": "all"},  # the demo's date moved: every "as of today" figure
}


#: the settings the figures read (domain.md's keys)
FIGURE_SETTINGS = frozenset(SETTING_DEFAULTS)


def units_touched(conn, ids: dict[str, set[int]]) -> set[str]:
    """The codes of the units whose figures the changed rows' ids (by kind) affect."""
    if ids["setting"] & FIGURE_SETTINGS:
        return {ALL_UNITS}
    if ids["class"]:
        rows = conn.execute(select(TrainingClass.programme_id).where(TrainingClass.id.in_(ids["class"])))
        ids["programme"].update(r[0] for r in rows)
        rows = conn.execute(select(Enrolment.person_id).where(Enrolment.class_id.in_(ids["class"])))
        ids["person"].update(r[0] for r in rows)
    if ids["line_named"]:
        rows = conn.execute(select(PlanNominee.person_id).where(PlanNominee.line_id.in_(ids["line_named"])))
        ids["person"].update(r[0] for r in rows)
    if ids["plan_named"]:
        versions = aliased(Plan)
        same_unit_year = (
            select(versions.id)
            .join(Plan, and_(Plan.unit_id == versions.unit_id, Plan.year == versions.year))
            .where(Plan.id.in_(ids["plan_named"]))
        )
        rows = conn.execute(
            select(PlanNominee.person_id)
            .join(PlanLine, PlanLine.id == PlanNominee.line_id)
            .where(PlanLine.plan_id.in_(same_unit_year))
            .distinct()
        )
        ids["person"].update(r[0] for r in rows)
    unit_ids = set(ids["unit"])
    if ids["programme_enrolled"]:
        ids["programme"].update(ids["programme_enrolled"])
        enrolled = (
            select(Enrolment.person_id)
            .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
            .where(TrainingClass.programme_id.in_(ids["programme_enrolled"]))
        )
        rows = conn.execute(select(Assignment.unit_id).where(Assignment.person_id.in_(enrolled)).distinct())
        unit_ids.update(r[0] for r in rows)
    if ids["line"]:
        rows = conn.execute(
            select(Plan.unit_id)
            .join(PlanLine, PlanLine.plan_id == Plan.id)
            .where(PlanLine.id.in_(ids["line"]))
        )
        unit_ids.update(r[0] for r in rows)
    if ids["plan"]:
        rows = conn.execute(select(Plan.unit_id).where(Plan.id.in_(ids["plan"])))
        unit_ids.update(r[0] for r in rows)
    if ids["programme"]:
        rows = conn.execute(
            select(Plan.unit_id)
            .join(PlanLine, PlanLine.plan_id == Plan.id)
            .where(PlanLine.programme_id.in_(ids["programme"]))
            .distinct()
        )
        unit_ids.update(r[0] for r in rows)
    if ids["person"]:
        rows = conn.execute(
            select(Assignment.unit_id).where(Assignment.person_id.in_(ids["person"])).distinct()
        )
        unit_ids.update(r[0] for r in rows)
    if ids["position"]:
        rows = conn.execute(
            select(Assignment.unit_id).where(Assignment.position_id.in_(ids["position"])).distinct()
        )
        unit_ids.update(r[0] for r in rows)
    if not unit_ids:
        return set()
    return {r[0] for r in conn.execute(select(Unit.code).where(Unit.id.in_(unit_ids)))}
