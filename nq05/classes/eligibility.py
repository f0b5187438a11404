"""Who may attend programme G, and why not: eligibility as set-based SQL (realism.md, "Terms").

The realism rules count pools with it, the plan editor's picker and the nomination to a class
(``eligibility_at_start``) answer with it.

The per-person rule is nq05.domain.eligibility.eligibility_reasons; this module answers the same
question for a whole unit (or every plan line of a year) in one query, and the tests hold the two
in agreement. ``reason_conditions`` gives the seven conditions as SQL expressions so the realism
rules can count pools inside their own queries; ``eligibility_for`` is the ready-made API.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import and_, case, exists, func, literal, not_, or_, select, union
from sqlalchemy.orm import aliased
from sqlalchemy.sql.base import ColumnCollection
from sqlalchemy.sql.elements import ColumnElement

from nq05.classes.models import Enrolment, TrainingClass
from nq05.domain.codes import OPEN_ENROLMENT_STATUSES
from nq05.domain.eligibility import REASONS
from nq05.domain.levels import TRACKS
from nq05.extensions import db
from nq05.reference.models import Programme
from nq05.reference.settings import ProvinceSettings, load_settings
from nq05.sql.dates import SqlDate, add_months_ymd, const, without_jit, ymd
from nq05.sql.levels import level_rank
from nq05.staff.models import Assignment, Person, Qualification


def is_sql(value) -> bool:
    """True for an SQL expression or a mapped attribute (PlanLine.category), False for a value."""
    return isinstance(value, ColumnElement) or hasattr(value, "__clause_element__")


def _sql(value):
    """A Python value or an SQL expression, as an SQL expression."""
    return value if is_sql(value) else literal(value)


def _alias(model):
    """An alias of the model's table, its columns by name (``a.person_id``): the conditions below
    are built for every rule and year, and a table alias's columns cost a fraction of an ORM
    ``aliased()``'s (which adapts each column it is asked for); the SQL is the same."""
    return model.__table__.alias().c


def covers(assignment, at: SqlDate) -> ColumnElement[bool]:
    """The assignment covers the date: start <= X <= end (no end: open)."""
    return and_(
        assignment.start_date <= at.value,
        or_(assignment.end_date.is_(None), assignment.end_date >= at.value),
    )


def in_scope(person_id, unit_id, category, at: SqlDate) -> ColumnElement[bool]:
    """p has an assignment in U covering X (in category C when C is set).

    ``category`` is None (any), a category code, or an SQL expression that may be NULL (any).
    """
    a = _alias(Assignment)
    conds = [a.person_id == person_id, a.unit_id == unit_id, covers(a, at)]
    if is_sql(category):
        conds.append(or_(category.is_(None), a.category == category))
    elif category is not None:
        conds.append(a.category == category)
    return exists().where(*conds)


def holds_level(person_id, track, min_rank, at: SqlDate, levels=None) -> ColumnElement[bool]:
    """p's level on ``track`` at X is at least the level of rank ``min_rank``.

    A qualification with no award date counts as held at every date. ``levels``: a
    ``levels_at(at)`` subquery joined (outer) on p in the caller's FROM, read instead of looking
    up p's qualifications (the same answer: p's best rank on the track at X).
    """
    if levels is not None:
        best = _level_of(levels, track)
        return or_(min_rank <= const(0), func.coalesce(best, const(-1)) >= min_rank)
    q = _alias(Qualification)
    # Everyone holds the track's lowest level, with or without a qualification row.
    return or_(
        min_rank <= const(0),
        exists().where(
            q.person_id == person_id,
            q.track == track,
            level_rank(q.level) >= min_rank,
            or_(q.awarded_on.is_(None), q.awarded_on <= at.value),
        ),
    )


def levels_at(at: SqlDate, name: str = "levels_at"):
    """Subquery: per person with a qualification held at X (no award date: always held), the rank
    of their highest level on each track (a column per track, NULL: none on it). One pass over
    the qualifications instead of a look-up per row: for queries over many people (the rules over
    every unit), joined (outer) on ``person_id``; ``holds_level(..., levels=)`` reads it."""
    return levels_select(at).subquery(name)


def levels_select(at: SqlDate):
    """The SELECT of ``levels_at`` (columns ``person_id`` and one per track)."""
    q = aliased(Qualification)
    return (
        select(
            q.person_id,
            *(func.max(case((q.track == track, level_rank(q.level)))).label(track) for track in TRACKS),
        )
        .where(or_(q.awarded_on.is_(None), q.awarded_on <= at.value))
        .group_by(q.person_id)
    )


def _level_of(levels, track):
    """The person's best rank on ``track`` (a track code or an SQL expression) in ``levels``."""
    if is_sql(track):
        return case(*((track == t, levels.c[t]) for t in TRACKS), else_=None)
    return levels.c[track]


def programme_facts(at: SqlDate | None = None, name: str = "programme_facts"):
    """CTE: every programme with the ranks of its levels (``level_rank``, ``pre_<track>_rank``)
    and, at a known date X, the yyyymmdd a course begun at X would end (``ends_ymd``), each
    computed once per programme (materialised on PostgreSQL) instead of for every (person,
    programme) row of a rule. Pass its ``.c`` to ``reason_conditions`` as the programme (with
    ``at`` the same X): the same conditions, the same answers."""
    g = Programme.__table__.c
    columns = [
        g.id,
        g.code,
        g.track,
        g.level,
        g.max_age,
        g.min_service_years,
        g.duration_months,
        *(g[f"pre_{track}"] for track in TRACKS),
        level_rank(g.level).label("level_rank"),
        *(level_rank(g[f"pre_{track}"]).label(f"pre_{track}_rank") for track in TRACKS),
    ]
    if at is not None:
        columns.append(add_months_ymd(at, g.duration_months).label("ends_ymd"))
    return select(*columns).cte(name).prefix_with("MATERIALIZED", dialect="postgresql")


def _precomputed(programme, name: str):
    """The column ``name`` of a ``programme_facts`` CTE passed as the programme (None: Programme
    itself, or an alias of it)."""
    if isinstance(programme, ColumnCollection):
        return programme.get(name)
    return None


def first_assignment_start(person_id):
    a = _alias(Assignment)
    return select(func.min(a.start_date)).where(a.person_id == person_id).scalar_subquery()


def reason_conditions(
    person,
    programme,
    at: SqlDate,
    settings: ProvinceSettings,
    *,
    unit_id=None,
    category=None,
    plan_year=None,
    ignore_enrolment_id=None,
    levels=None,
) -> list[tuple[str, ColumnElement[bool]]]:
    """The seven conditions of realism.md as SQL, in spec order: ``[(reason, condition), ...]``.

    ``person`` and ``programme`` are (aliases of) Person and Programme in the caller's FROM (the
    programme may be the ``.c`` of a ``programme_facts(at)`` CTE instead);
    ``unit_id`` None skips the unit check; ``category``, ``plan_year`` and
    ``ignore_enrolment_id`` may be Python values or SQL expressions of the caller's rows;
    ``levels``: a ``levels_at(at)`` subquery outer-joined on ``person`` (see ``holds_level``).
    """
    g = programme

    def rank_of(column: str):
        precomputed = _precomputed(g, f"{column}_rank")
        return level_rank(getattr(g, column)) if precomputed is None else precomputed

    conds: list[tuple[str, ColumnElement[bool]]] = []
    if unit_id is not None:
        conds.append(("not_in_scope", not_(in_scope(person.id, _sql(unit_id), category, at))))

    conds.append(
        (
            "already_qualified",
            and_(
                g.track.isnot(None),
                g.level.isnot(None),
                holds_level(person.id, g.track, rank_of("level"), at, levels),
            ),
        )
    )

    prereqs = []
    for track in TRACKS:
        minimum = getattr(g, f"pre_{track}")
        min_rank = rank_of(f"pre_{track}")
        prereqs.append(
            and_(
                minimum.isnot(None),
                min_rank > const(0),
                not_(holds_level(person.id, track, min_rank, at, levels)),
            )
        )
    conds.append(("prerequisite", or_(*prereqs)))

    # age at X > max ⇔ (birth y, m, d) <= (X.y - max - 1, X.m, X.d)
    conds.append(
        (
            "over_age",
            and_(
                g.max_age.isnot(None),
                ymd(person.birth_date) <= at.ymd - (g.max_age + const(1)) * const(10000),
            ),
        )
    )

    # whole years since the first assignment < S ⇔ no assignment, or it started after X - S years
    first_start = func.coalesce(ymd(first_assignment_start(person.id)), const(99999999))
    conds.append(
        (
            "insufficient_service",
            and_(
                g.min_service_years.isnot(None),
                g.min_service_years > const(0),
                first_start > at.ymd - g.min_service_years * const(10000),
            ),
        )
    )

    # birth date + retirement age < X + duration; a 29 February birthday compares the same
    # whether or not it is moved to 28 February (realism.md's comparison is strict).
    retirement_age = case(
        (person.gender == "M", const(settings.retirement_age_male)),
        else_=const(settings.retirement_age_female),
    )
    ends = _precomputed(g, "ends_ymd")
    if ends is None:
        ends = add_months_ymd(at, g.duration_months)
    conds.append(("retiring", ymd(person.birth_date) + retirement_age * const(10000) < ends))

    e = _alias(Enrolment)
    c = _alias(TrainingClass)
    enrolled = [
        e.person_id == person.id,
        e.class_id == c.id,
        c.programme_id == g.id,
        e.status.in_(OPEN_ENROLMENT_STATUSES),
        c.end_date > at.value,
    ]
    if plan_year is not None:
        enrolled.append(c.year != _sql(plan_year))
    if ignore_enrolment_id is not None:
        enrolled.append(e.id != _sql(ignore_enrolment_id))
    conds.append(("already_enrolled", exists().where(*enrolled)))
    return conds


def reason_columns(conds: list[tuple[str, ColumnElement[bool]]]):
    """One 0/1 column per reason, labelled by its code, for a SELECT."""
    return [case((cond, 1), else_=0).label(code) for code, cond in conds]


def reasons_of(row, codes: Iterable[str] = REASONS) -> list[str]:
    """The reasons a result row holds, in spec order."""
    mapping = row._mapping
    return [code for code in codes if code in mapping and mapping[code]]


def eligible(conds: list[tuple[str, ColumnElement[bool]]]) -> ColumnElement[bool]:
    """None of the conditions holds."""
    return not_(or_(*(cond for _, cond in conds)))


def staff_at(unit_id, at: SqlDate):
    """SELECT of the ids of the unit's staff at X (assignments in the unit itself covering X)."""
    a = aliased(Assignment)
    return select(a.person_id).where(a.unit_id == _sql(unit_id), covers(a, at))


def eligibility_for(
    programme_id: int,
    at: date,
    *,
    unit_id: int | None = None,
    category: str | None = None,
    person_ids: Iterable[int] | None = None,
    plan_year: int | None = None,
    ignore_enrolment_id: int | None = None,
    settings: ProvinceSettings | None = None,
) -> dict[int, list[str]]:
    """person id -> reasons they are not eligible for the programme at ``at`` (empty: eligible).

    With ``unit_id`` the candidates are the unit's staff at ``at`` (any category; those outside
    ``category`` get ``not_in_scope``) plus ``person_ids``; without it, only ``person_ids`` and
    the unit check is skipped. ``plan_year``: enrolments in the programme's classes of that year
    do not count as ``already_enrolled`` (checking a plan line); ``ignore_enrolment_id``: that
    enrolment does not count either (checking an enrolment). One query, whatever the number of
    people.
    """
    settings = settings or load_settings()
    without_jit(db.session)
    sql_at = SqlDate.known(at)
    person_ids = sorted(set(person_ids or ()))
    sources = []
    if unit_id is not None:
        sources.append(staff_at(unit_id, sql_at))
    if person_ids:
        sources.append(select(Person.id).where(Person.id.in_(person_ids)))
    if not sources:
        return {}
    candidates = (sources[0] if len(sources) == 1 else union(*sources)).subquery()
    p = aliased(Person)
    g = aliased(Programme)
    conds = reason_conditions(
        p,
        g,
        sql_at,
        settings,
        unit_id=unit_id,
        category=category,
        plan_year=plan_year,
        ignore_enrolment_id=ignore_enrolment_id,
    )
    stmt = (
        select(p.id, *reason_columns(conds))
        .join(candidates, candidates.c[0] == p.id)
        .join(g, g.id == programme_id)
    )
    return {row.id: reasons_of(row) for row in db.session.execute(stmt)}


def eligibility_at_start(
    training_class: TrainingClass,
    *,
    unit_id: int | None,
    person_ids: list[int] | None = None,
    ignore_enrolment_id: int | None = None,
) -> dict[int, list[str]]:
    """person id -> reason codes (empty: eligible) for ``training_class`` at its start date.

    ``unit_id`` is the nominating unit: its staff at the start date are answered for, and anyone
    else gets ``not_in_scope``; None skips the unit check (only ``person_ids`` are answered for).
    """
    return eligibility_for(
        training_class.programme_id,
        training_class.start_date,
        unit_id=unit_id,
        person_ids=person_ids,
        ignore_enrolment_id=ignore_enrolment_id,
    )
