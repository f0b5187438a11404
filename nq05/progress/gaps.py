"""Plan versus quota (reports.md): one row per count target of a period, from plan to result.

Each figure is one set-based query over all the period's targets at once (targets joined to the
lines, enrolments or qualifications that count for them); the arithmetic is finished in Python.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from sqlalchemy import and_, func, literal, or_, select, true, union_all
from sqlalchemy.orm import aliased

from nq05.classes.eligibility import covers
from nq05.classes.models import Enrolment, TrainingClass
from nq05.domain.levels import rank, track_order
from nq05.domain.rounding import exact, number, round_half_away
from nq05.extensions import db
from nq05.plans.models import PlanLine, PlanNominee
from nq05.progress.realism.terms import plans_in_force_cte
from nq05.reference.models import Period, Programme, Target
from nq05.sql.dates import SqlDate, without_jit
from nq05.staff.groups import group_column
from nq05.staff.models import Assignment, Person, Qualification, Unit

NOT_NOMINATED = ("rejected", "withdrawn")


@dataclass
class GapRow:
    """One count target followed from plan to result."""

    target_id: int
    track: str
    level: str
    category: str | None
    unit: str | None
    unit_id: int | None
    target: object
    planned: int
    named: int
    nominated: int
    completed: int
    gap: object
    pct: float | None
    #: None on a unit's page for a province-wide or category target (the unit's part of it)
    status: str | None

    def to_json(self) -> dict:
        return {
            "track": self.track,
            "level": self.level,
            "category": self.category,
            "unit": self.unit,
            "target": self.target,
            "planned": self.planned,
            "named": self.named,
            "nominated": self.nominated,
            "completed": self.completed,
            "gap": self.gap,
            "pct": self.pct,
            "status": self.status,
        }


def elapsed_share(period: Period, as_of: date) -> Fraction:
    """f: days from the period start to D (both counted) over the days of the period, in 0..1."""
    days = (period.end_date - period.start_date).days + 1
    f = Fraction((as_of - period.start_date).days + 1, days)
    return min(max(f, Fraction(0)), Fraction(1))


def gap_status(completed: int, target, f: Fraction) -> str:
    value = exact(target)
    if completed > value:
        return "exceeded"
    if completed == value:
        return "met"
    return "on_track" if completed >= value * f else "behind"


def percent(completed: int, target) -> float | None:
    value = exact(target)
    return None if value == 0 else round_half_away(Fraction(completed) * 100 / value, 1)


def _serving_lines(period: Period, unit_ids: Collection[int] | None = None, which=None):
    """(target id, line, the line's unit) triples: lines of plans in force for the period's years
    serving each count target of the period (realism.md, "serves"), in the target's unit when set
    (and only the plans of ``unit_ids`` when given; only the targets ``which`` when given: a
    condition on Target)."""
    pif = plans_in_force_cte()
    in_units = pif.c.unit_id.in_(sorted(unit_ids)) if unit_ids is not None else true()
    return (
        select(
            Target.id.label("target_id"),
            PlanLine.id.label("line_id"),
            PlanLine.planned_count,
            pif.c.unit_id.label("plan_unit"),
        )
        .join(pif, or_(Target.unit_id.is_(None), pif.c.unit_id == Target.unit_id))
        .join(PlanLine, PlanLine.plan_id == pif.c.plan_id)
        .join(
            Programme,
            and_(
                Programme.id == PlanLine.programme_id,
                Programme.track == Target.track,
                Programme.level == Target.level,
            ),
        )
        .where(
            Target.period_id == period.id,
            Target.kind == "count",
            pif.c.year >= period.start_date.year,
            pif.c.year <= period.end_date.year,
            or_(Target.category.is_(None), PlanLine.category.is_(None), PlanLine.category == Target.category),
            in_units,
            true() if which is None else which,
        )
        .subquery()
    )


def _named(lines) -> dict[int, int]:
    return dict(
        db.session.execute(
            select(lines.c.target_id, func.count(func.distinct(PlanNominee.person_id)))
            .join(PlanNominee, PlanNominee.line_id == lines.c.line_id)
            .group_by(lines.c.target_id)
        ).all()
    )


def planned_and_named(
    period: Period, unit_ids: Collection[int] | None = None, which=None
) -> tuple[dict[int, int], dict[int, int]]:
    lines = _serving_lines(period, unit_ids, which)
    planned = {
        t: int(n)
        for t, n in db.session.execute(
            select(lines.c.target_id, func.sum(lines.c.planned_count)).group_by(lines.c.target_id)
        )
    }
    return planned, _named(lines)


def _homes(home_units: Collection[int] | None = None):
    """CTE of (person_id, unit_id): each person's home unit, the lowest id among the units of
    their assignments (with ``home_units``: the people whose home is one of them). An edit of a
    person's assignments, qualifications or enrolments marks all their units (old and new) for
    recompute, so their home before and after is among the units recomputed."""
    stmt = select(Assignment.person_id, func.min(Assignment.unit_id).label("unit_id")).group_by(
        Assignment.person_id
    )
    if home_units is not None:
        units = sorted(home_units)
        there = aliased(Assignment)
        stmt = stmt.where(
            Assignment.person_id.in_(select(there.person_id).where(there.unit_id.in_(units)))
        ).having(func.min(Assignment.unit_id).in_(units))
    return stmt.cte("home")


def _count_per_target(
    period: Period,
    events,
    by: str | None = None,
    unit_ids: Collection[int] | None = None,
    quota_units: Collection[int] | None = None,
    home=None,
) -> dict[tuple[int, str | None], int]:
    """(target id, group) -> distinct people among ``events`` (person_id, track, level, on) at
    exactly the target's level, in scope: an assignment covering ``on`` in the target's
    unit/category when set, no condition when neither is. The group is the person's in the
    breakdown ``by`` (None without one). With ``unit_ids``, only people whose assignment covering
    ``on`` is in one of those units count, for every target. With ``quota_units``, only the
    quotas of those units are counted. With ``home`` (``_homes()``), only the targets of no unit,
    grouped by the person's home unit (None: no assignment): the groups' counts add up to the
    target's.

    Each event is joined to the one assignment covering its date first, then to the targets it
    can serve by equality (unit, or category), so the work grows with the events, not with
    events × unit quotas.
    """
    a = aliased(Assignment)
    placed = select(events.c.person_id, events.c.track, events.c.level, a.unit_id, a.category).join(
        a, and_(a.person_id == events.c.person_id, covers(a, SqlDate.column(events.c.on)))
    )
    if unit_ids is not None:
        placed = placed.where(a.unit_id.in_(sorted(unit_ids)))
    if quota_units is not None:
        placed = placed.where(a.unit_id.in_(sorted(quota_units)))
    placed = placed.cte("placed")
    of_period = and_(Target.period_id == period.id, Target.kind == "count")
    # Without a restriction to some units, a target with neither unit nor category counts every
    # event, placed in a unit or not.
    anywhere = events if unit_ids is None else placed
    unscoped = (
        select(Target.id.label("target_id"), anywhere.c.person_id)
        .join(anywhere, and_(anywhere.c.track == Target.track, anywhere.c.level == Target.level))
        .where(of_period, Target.unit_id.is_(None), Target.category.is_(None))
    )
    by_unit = (
        select(Target.id.label("target_id"), placed.c.person_id)
        .join(
            placed,
            and_(
                placed.c.unit_id == Target.unit_id,
                placed.c.track == Target.track,
                placed.c.level == Target.level,
            ),
        )
        .where(of_period, or_(Target.category.is_(None), placed.c.category == Target.category))
    )
    by_category = (
        select(Target.id.label("target_id"), placed.c.person_id)
        .join(
            placed,
            and_(
                placed.c.category == Target.category,
                placed.c.track == Target.track,
                placed.c.level == Target.level,
            ),
        )
        .where(of_period, Target.unit_id.is_(None))
    )
    if quota_units is not None:
        pairs = by_unit.subquery("pairs")
    elif home is not None:
        pairs = union_all(unscoped, by_category).subquery("pairs")
    else:
        pairs = union_all(unscoped, by_unit, by_category).subquery("pairs")
    if by is None and home is None:
        stmt = select(pairs.c.target_id, func.count(func.distinct(pairs.c.person_id))).group_by(
            pairs.c.target_id
        )
        return {(t, None): int(n) for t, n in db.session.execute(stmt)}
    # The group is added to the same grouping: a person is in exactly one group, so the groups'
    # counts add up to the target's.
    if home is not None:
        grouped = (
            select(pairs.c.target_id, pairs.c.person_id, home.c.unit_id.label("grp"))
            .outerjoin(home, home.c.person_id == pairs.c.person_id)
            .subquery("grouped")
        )
    else:
        p = aliased(Person)
        grouped = (
            select(pairs.c.target_id, pairs.c.person_id, group_column(by, p).label("grp"))
            .join(p, p.id == pairs.c.person_id)
            .subquery("grouped")
        )
    by_group = (grouped.c.target_id, grouped.c.grp)
    stmt = select(*by_group, func.count(func.distinct(grouped.c.person_id))).group_by(*by_group)
    return {(t, g): int(n) for t, g, n in db.session.execute(stmt)}


def _nominations(period: Period, people=None):
    """CTE of (person_id, track, level, on): enrolments not rejected/withdrawn in classes of the
    period's years, dated by the class start (of ``people``, a SELECT of person ids, when given)."""
    return (
        select(Enrolment.person_id, Programme.track, Programme.level, TrainingClass.start_date.label("on"))
        .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
        .join(Programme, Programme.id == TrainingClass.programme_id)
        .where(
            Programme.track.isnot(None),
            TrainingClass.year >= period.start_date.year,
            TrainingClass.year <= period.end_date.year,
            Enrolment.status.notin_(NOT_NOMINATED),
            true() if people is None else Enrolment.person_id.in_(people),
        )
        .cte("events")
    )


def nominated(
    period: Period, unit_ids: Collection[int] | None = None, quota_units: Collection[int] | None = None
) -> dict[int, int]:
    """Enrolments not rejected/withdrawn in classes of the period's years, dated by the class start
    (with ``unit_ids``: of people assigned to those units on that day)."""
    events = _nominations(period, _staff_of(quota_units))
    counts = _count_per_target(period, events, unit_ids=unit_ids, quota_units=quota_units)
    return {t: n for (t, _group), n in counts.items()}


def _staff_of(quota_units: Collection[int] | None):
    """SELECT of the people with an assignment in ``quota_units`` (None: no restriction): a quota
    counts only people assigned to its unit, so its events are theirs (filtered in each branch of
    the events, where the person indexes serve)."""
    if quota_units is None:
        return None
    return select(Assignment.person_id).where(Assignment.unit_id.in_(sorted(quota_units)))


def reached_levels(people=None):
    """Subquery of (person_id, track, level, on): every dated qualification, and every completed
    enrolment of a programme conferring a level (normally also a qualification; both count once);
    of ``people`` (a SELECT of person ids) when given."""
    by_qualification = select(
        Qualification.person_id,
        Qualification.track,
        Qualification.level,
        Qualification.awarded_on.label("on"),
    ).where(Qualification.awarded_on.isnot(None))
    if people is not None:
        by_qualification = by_qualification.where(Qualification.person_id.in_(people))
    by_class = (
        select(Enrolment.person_id, Programme.track, Programme.level, Enrolment.completed_on.label("on"))
        .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
        .join(Programme, Programme.id == TrainingClass.programme_id)
        .where(
            Enrolment.status == "completed", Programme.track.isnot(None), Enrolment.completed_on.isnot(None)
        )
    )
    if people is not None:
        by_class = by_class.where(Enrolment.person_id.in_(people))
    return union_all(by_qualification, by_class).subquery("reached")


def completed(
    period: Period,
    as_of: date,
    by: str | None = None,
    unit_ids: Collection[int] | None = None,
    quota_units: Collection[int] | None = None,
) -> dict[tuple[int, str | None], int]:
    """(target id, group) -> people who reached the target's level from the period start to
    min(D, period end), dated by the award; the group None without a breakdown ``by``."""
    events = _reached_in(period, as_of, _staff_of(quota_units))
    if events is None:
        return {}
    return _count_per_target(period, events, by, unit_ids, quota_units)


def _reached_in(period: Period, as_of: date, people=None):
    """CTE of the levels reached from the period start to min(D, period end) (None: none yet), of
    ``people`` when given."""
    last = min(as_of, period.end_date)
    if last < period.start_date:
        return None
    reached = reached_levels(people)
    return (
        select(reached)
        .where(reached.c.on >= literal(period.start_date), reached.c.on <= literal(last))
        .cte("events")
    )


def gap_rows(
    period: Period,
    as_of: date,
    unit_ids: Collection[int] | None = None,
    quota_units: Collection[int] | None = None,
) -> list[GapRow]:
    """The rows of ``nq05 gaps`` for a period, sorted as reports.md says.

    With ``unit_ids`` (a unit and its sub-units: docs/reports.md, "One unit's progress"): the
    quotas of those units, exactly as without, and the province-wide and category targets with
    the units' part of them (their plans' lines, their staff named, nominated and trained), whose
    ``pct`` is that part's share of the target and whose ``gap`` and ``status`` are None (the
    target is not theirs alone).

    With ``quota_units`` (a unit's recompute): the rows of those units' quotas only, each exactly
    as without it (a quota reads its own unit's plans and staff only, reports.md); the targets of
    no unit are ``province_parts``' business."""
    without_jit(db.session)
    stmt = (
        select(Target, Unit.code)
        .outerjoin(Unit, Unit.id == Target.unit_id)
        .where(Target.period_id == period.id, Target.kind == "count")
    )
    which = None
    if quota_units is not None:
        which = Target.unit_id.in_(sorted(quota_units))
        stmt = stmt.where(which)
    if unit_ids is not None:
        stmt = stmt.where(or_(Target.unit_id.is_(None), Target.unit_id.in_(sorted(unit_ids))))
    targets = db.session.execute(stmt).all()
    planned, named = planned_and_named(period, unit_ids if quota_units is None else quota_units, which)
    nominated_ = nominated(period, unit_ids, quota_units)
    reached = completed(period, as_of, unit_ids=unit_ids, quota_units=quota_units)
    completed_ = {t: n for (t, _group), n in reached.items()}
    f = elapsed_share(period, as_of)
    rows = [
        gap_row(
            t,
            unit_code,
            planned.get(t.id, 0),
            named.get(t.id, 0),
            nominated_.get(t.id, 0),
            completed_.get(t.id, 0),
            f,
            part=unit_ids is not None and t.unit_id is None,
        )
        for t, unit_code in targets
    ]
    return sorted(rows, key=gap_sort_key)


def gap_row(
    t: Target, unit_code, planned: int, named: int, nominated: int, done: int, f, part=False
) -> GapRow:
    """The row of target ``t`` from its figures (``part``: a unit's part of a target not its own)."""
    return GapRow(
        target_id=t.id,
        track=t.track,
        level=t.level,
        category=t.category,
        unit=unit_code,
        unit_id=t.unit_id,
        target=number(t.value),
        planned=planned,
        named=named,
        nominated=nominated,
        completed=done,
        gap=None if part else number(exact(t.value) - done),
        pct=percent(done, t.value),
        status=None if part else gap_status(done, t.value, f),
    )


def province_parts(
    period: Period, as_of: date, home_units: Collection[int] | None = None
) -> dict[tuple[int, int | None], list[int]]:
    """(target id, unit id) -> [planned, named, nominated, completed] of each target of no unit,
    split by unit so that the parts add up to the target's figures: ``planned`` by the unit of the
    plan, the people ``named``, ``nominated`` and ``completed`` by their home unit (``_homes``;
    None: people with no assignment). With ``home_units``, the parts of those units only: what a
    unit's recompute rewrites, the other units' parts kept (an edit marks the units whose parts it
    changes: nq05.progress.dependencies)."""
    parts: dict[tuple[int, int | None], list[int]] = {}

    def part(key):
        return parts.setdefault(key, [0, 0, 0, 0])

    lines = _serving_lines(period, home_units, Target.unit_id.is_(None))
    for t, unit_id, n in db.session.execute(
        select(lines.c.target_id, lines.c.plan_unit, func.sum(lines.c.planned_count)).group_by(
            lines.c.target_id, lines.c.plan_unit
        )
    ):
        part((t, unit_id))[0] = int(n)
    # the events of the people at home in ``home_units`` only (the filter in each branch of the
    # events, where the person indexes serve)
    home = _homes(home_units)
    people = None if home_units is None else select(home.c.person_id)
    lines = _serving_lines(period, which=Target.unit_id.is_(None))
    named = (
        select(lines.c.target_id, home.c.unit_id, func.count(func.distinct(PlanNominee.person_id)))
        .join(PlanNominee, PlanNominee.line_id == lines.c.line_id)
        .outerjoin(home, home.c.person_id == PlanNominee.person_id)
        .group_by(lines.c.target_id, home.c.unit_id)
    )
    if people is not None:
        named = named.where(PlanNominee.person_id.in_(people))
    for t, unit_id, n in db.session.execute(named):
        part((t, unit_id))[1] = n
    nominations = _count_per_target(period, _nominations(period, people), home=home)
    for key, n in nominations.items():
        part(key)[2] = n
    events = _reached_in(period, as_of, people)
    if events is not None:
        for key, n in _count_per_target(period, events, home=home).items():
            part(key)[3] = n
    return parts


def gap_sort_key(row: GapRow):
    """unit, then category (nulls first), then track and level in the order of domain.md."""
    return (
        (0, "") if row.unit is None else (1, row.unit),
        (0, "") if row.category is None else (1, row.category),
        track_order(row.track),
        rank(row.track, row.level),
        row.target_id,
    )


def find_period(code: str) -> Period | None:
    return db.session.scalar(select(Period).where(Period.code == code))


def gaps_json(period: Period, as_of: date) -> dict:
    return {
        "period": period.code,
        "as_of": as_of.isoformat(),
        "rows": [row.to_json() for row in gap_rows(period, as_of)],
    }
