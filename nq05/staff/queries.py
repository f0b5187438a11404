"""Reading staff records, set-based: a page of the staff list is two queries whatever its size.

A person's level on a track at a date is the highest level among their qualifications awarded on
or before it (no award date: held at every date), else the track's lowest (domain.md); in SQL the
levels are ranks (0 = lowest) from ``nq05.sql.levels.level_rank``, and tests hold this agreeing with
``nq05.domain.people.level_at``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, func, literal, or_, select
from sqlalchemy.orm import aliased, selectinload

from nq05.auth.access import UNIT_HEAD, acting_user
from nq05.domain.levels import TRACK_LEVELS, TRACKS, rank
from nq05.domain.people import level_at
from nq05.extensions import db
from nq05.reference.models import Position
from nq05.search import fold, folded
from nq05.sql.levels import level_rank
from nq05.sql.lists import in_ids
from nq05.staff.access import person_clause_by_unit, readable_unit_ids, unit_and_descendants
from nq05.staff.models import Assignment, Person, Qualification, Unit


def people_of_units(unit_ids) -> list[int]:
    """Ids of the people with an assignment (any, past or present) in one of the units, read
    first and passed on as a list (``in_ids``): given a subquery instead, PostgreSQL estimates its
    rows badly and reads the province's qualifications whole, the time growing with the province."""
    return list(
        db.session.scalars(
            select(Assignment.person_id).where(Assignment.unit_id.in_(sorted(unit_ids))).distinct()
        )
    )


def latest_assignments(unit_ids=None) -> Select:
    """Each person's latest assignment (the one that starts last): the post they hold or last held.

    An assignment no other of the same person starts after (``NOT EXISTS``, not a window numbering
    each person's rows: PostgreSQL estimates an anti-join's rows well, and "row number = 1" at a
    fraction of a percent, then joins the levels row by row). With ``unit_ids``, only the latest
    assignments in those units (the people whose post is, or last was, there), read by the units'
    index."""
    later = aliased(Assignment)
    newer = (
        select(later.id)
        .where(
            later.person_id == Assignment.person_id,
            or_(
                later.start_date > Assignment.start_date,
                and_(later.start_date == Assignment.start_date, later.id > Assignment.id),
            ),
        )
        .exists()
    )
    latest = select(
        Assignment.id.label("assignment_id"),
        Assignment.person_id,
        Assignment.unit_id,
        Assignment.category,
        Assignment.position_id,
        Assignment.start_date,
        Assignment.end_date,
    ).where(~newer)
    if unit_ids is not None:
        latest = latest.where(Assignment.unit_id.in_(sorted(unit_ids)))
    return latest.subquery("latest")


def level_ranks(at: date, unit_ids=None) -> Select:
    """Per person: the rank of their level on each track at ``at`` (NULL = no qualification = 0);
    with ``unit_ids``, of the people who ever had an assignment in those units only."""
    rank_expr = level_rank(Qualification.level)
    held = or_(Qualification.awarded_on.is_(None), Qualification.awarded_on <= at)
    columns = [
        func.max(rank_expr).filter(Qualification.track == track).label(f"{track}_rank") for track in TRACKS
    ]
    query = select(Qualification.person_id, *columns).where(held)
    if unit_ids is not None:
        query = query.where(in_ids(Qualification.person_id, people_of_units(unit_ids)))
    return query.group_by(Qualification.person_id).subquery("levels")


@dataclass
class StaffFilters:
    q: str = ""
    unit_id: int | None = None
    with_sub_units: bool = True
    category: str = ""
    #: track -> exact level
    levels: dict[str, str] | None = None
    below_standard: bool = False
    has_planned_position: bool = False
    #: include people whose latest assignment has ended
    include_former: bool = False


def _rank_col(levels, track):
    return func.coalesce(getattr(levels.c, f"{track}_rank"), literal(0))


def _below(levels, position, track):
    minimum = getattr(position, f"min_{track}")
    return and_(minimum.is_not(None), _rank_col(levels, track) < level_rank(minimum))


def below_standard_clause(levels, position):
    """SQL: below the position's title standard on at least one track."""
    return or_(*[_below(levels, position, track) for track in TRACKS])


def staff_query(filters: StaffFilters, at: date, user=None) -> Select:
    """Rows for the staff list: the person, their latest post and their level ranks at ``at``.

    A unit head's list, or a list filtered by unit, windows over those units' people only."""
    scope = None
    if filters.unit_id:
        scope = unit_and_descendants(filters.unit_id) if filters.with_sub_units else {filters.unit_id}
    elif acting_user(user).is_authenticated and acting_user(user).role == UNIT_HEAD:
        scope = readable_unit_ids(user)
    latest = latest_assignments(scope)
    levels = level_ranks(at, scope)
    unit = aliased(Unit)
    position = aliased(Position)
    planned = aliased(Position)
    query = (
        select(
            Person,
            unit.name.label("unit_name"),
            latest.c.unit_id,
            latest.c.category,
            latest.c.end_date,
            position.name.label("position_name"),
            planned.name.label("planned_name"),
            *[_rank_col(levels, t).label(f"{t}_rank") for t in TRACKS],
            *[level_rank(getattr(position, f"min_{t}")).label(f"{t}_min") for t in TRACKS],
        )
        .join(latest, latest.c.person_id == Person.id)
        .join(unit, unit.id == latest.c.unit_id)
        .join(position, position.id == latest.c.position_id)
        .outerjoin(levels, levels.c.person_id == Person.id)
        .outerjoin(planned, planned.id == Person.planned_position_id)
        .where(person_clause_by_unit(latest.c.unit_id, user))
    )
    if not filters.include_former:
        query = query.where(or_(latest.c.end_date.is_(None), latest.c.end_date >= at))
    if filters.q:
        needle = f"%{fold(filters.q.strip())}%"
        query = query.where(or_(folded(Person.full_name).like(needle), folded(Person.code).like(needle)))
    if filters.unit_id:
        ids = unit_and_descendants(filters.unit_id) if filters.with_sub_units else {filters.unit_id}
        query = query.where(latest.c.unit_id.in_(sorted(ids)))
    if filters.category:
        query = query.where(latest.c.category == filters.category)
    for track, level in (filters.levels or {}).items():
        if level and level in TRACK_LEVELS.get(track, ()):
            query = query.where(_rank_col(levels, track) == rank(track, level))
    if filters.below_standard:
        query = query.where(below_standard_clause(levels, position))
    if filters.has_planned_position:
        query = query.where(Person.planned_position_id.is_not(None))
    return query.order_by(Person.sort_key, Person.id)


def person_ids(query: Select) -> Select:
    """The ids of the people a staff list query selects, in no order."""
    rows = query.order_by(None).subquery("listed")
    return select(rows.c.id)


# --- one person -----------------------------------------------------------------------------


@dataclass
class Gap:
    track: str
    required: str
    held: str


@dataclass
class Standing:
    """A person against a position's title standard, track by track."""

    position: Position
    #: track -> (required level or None, held level, meets?)
    rows: list[tuple[str, str | None, str, bool]]

    @property
    def gaps(self) -> list[Gap]:
        return [Gap(t, req, held) for t, req, held, ok in self.rows if not ok]


def levels_of(person: Person, at: date) -> dict[str, str]:
    triples = [(q.track, q.level, q.awarded_on) for q in person.qualifications]
    return {track: level_at(track, triples, at) for track in TRACKS}


def standing(levels: dict[str, str], position: Position | None) -> Standing | None:
    if position is None:
        return None
    rows = []
    for track in TRACKS:
        required = position.minimum(track)
        ok = required is None or rank(track, levels[track]) >= rank(track, required)
        rows.append((track, required, levels[track], ok))
    return Standing(position, rows)


def timeline_key(qualification: Qualification) -> tuple:
    """Sort key for a qualification timeline: by award date, undated ones first (held from the start)."""
    day = qualification.awarded_on
    return (day is not None, day or date.min, rank(qualification.track, qualification.level))


def current_assignment(person: Person, at: date) -> Assignment | None:
    """The assignment covering ``at``; else the latest one (a person who left)."""
    covering = [a for a in person.assignments if a.covers(at)]
    if covering:
        return max(covering, key=lambda a: a.start_date)
    return max(person.assignments, key=lambda a: (a.start_date, a.id), default=None)


def load_person_page(person_id: int) -> Person:
    """The person with their assignments (unit, position) and qualifications, in three queries."""
    return db.session.execute(
        select(Person)
        .where(Person.id == person_id)
        .options(
            selectinload(Person.assignments).joinedload(Assignment.unit),
            selectinload(Person.assignments).joinedload(Assignment.position),
            selectinload(Person.qualifications),
        )
        .execution_options(populate_existing=True)
    ).scalar_one()


def unit_staff_counts(at: date, unit_ids=None) -> dict[int, int]:
    """Unit id -> number of people whose latest assignment there covers ``at`` (of ``unit_ids``
    only, when given)."""
    latest = latest_assignments(unit_ids)
    query = select(latest.c.unit_id, func.count()).where(
        latest.c.start_date <= at, or_(latest.c.end_date.is_(None), latest.c.end_date >= at)
    )
    if unit_ids is not None:
        query = query.where(latest.c.unit_id.in_(sorted(unit_ids)))
    return dict(db.session.execute(query.group_by(latest.c.unit_id)).all())


def current_staff_ids(unit_ids, at: date) -> Select:
    """Ids of the people whose latest assignment is in one of these units and covers ``at``: the
    people ``unit_staff_counts`` counts there."""
    latest = latest_assignments(unit_ids)
    return select(latest.c.person_id).where(
        latest.c.unit_id.in_(sorted(unit_ids)),
        latest.c.start_date <= at,
        or_(latest.c.end_date.is_(None), latest.c.end_date >= at),
    )


def below_standard_count(unit_ids, at: date) -> int:
    """People of these units (latest assignment, current) below their position's standard."""
    latest = latest_assignments(unit_ids)
    levels = level_ranks(at, unit_ids)
    position = aliased(Position)
    return db.session.execute(
        select(func.count())
        .select_from(latest)
        .join(position, position.id == latest.c.position_id)
        .outerjoin(levels, levels.c.person_id == latest.c.person_id)
        .where(
            latest.c.unit_id.in_(sorted(unit_ids)),
            or_(latest.c.end_date.is_(None), latest.c.end_date >= at),
            below_standard_clause(levels, position),
        )
    ).scalar_one()


def unit_choices(unit_ids) -> list[tuple[int, str]]:
    """(id, 'code · name') for a select, in Vietnamese order of the names."""
    if not unit_ids:
        return []
    rows = db.session.execute(
        select(Unit.id, Unit.code, Unit.name)
        .where(Unit.id.in_(sorted(unit_ids)))
        .order_by(Unit.sort_key, Unit.code)
    )
    return [(r.id, f"{r.code} · {r.name}") for r in rows]


def position_choices(keep: int | None = None) -> list[tuple[int, str]]:
    """(id, name) for a select: people read the title's name, never its code. A retired position
    is not offered, but ``keep`` (the one the edited row already names) stays."""
    offered = (
        Position.retired_on.is_(None)
        if keep is None
        else or_(Position.retired_on.is_(None), Position.id == keep)
    )
    rows = db.session.execute(
        select(Position.id, Position.name).where(offered).order_by(Position.sort_key, Position.code)
    )
    return [(r.id, r.name) for r in rows]


def person_units(person_ids) -> dict[int, tuple[int, str]]:
    """person id -> (unit id, unit name) of their latest assignment (the one that starts last)."""
    if not person_ids:
        return {}
    latest = (
        select(Assignment.person_id, func.max(Assignment.start_date).label("start"))
        .where(Assignment.person_id.in_(set(person_ids)))
        .group_by(Assignment.person_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Assignment.person_id, Unit.id, Unit.name)
        .join(
            latest, and_(latest.c.person_id == Assignment.person_id, latest.c.start == Assignment.start_date)
        )
        .join(Unit, Unit.id == Assignment.unit_id)
    )
    return {person_id: (unit_id, name) for person_id, unit_id, name in rows}
