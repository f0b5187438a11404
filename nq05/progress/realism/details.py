"""What the wording of a finding needs beyond its figures: names instead of codes and the numbers
behind each reason (``Finding.details``; docs/realism-rules.md).

The rules give the figures of realism.md; ``annotate`` adds, in a few set-based queries over all
the findings of a run (never one per finding), the names of the unit, programme and planned
position, and for INELIGIBLE_NOMINEE the age, years of service, missing levels... that make a
reason. Details are JSON values (dates as YYYY-MM-DD): they are stored with the finding.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Integer, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY

from nq05.classes.eligibility import covers, holds_level
from nq05.classes.models import Enrolment, TrainingClass
from nq05.domain.codes import OPEN_ENROLMENT_STATUSES
from nq05.domain.levels import TRACKS, rank
from nq05.domain.people import add_months, age_at, level_at, retirement_date, years_of_service
from nq05.extensions import db
from nq05.plans.models import Plan
from nq05.progress.realism.findings import Finding
from nq05.progress.realism.terms import Terms
from nq05.reference.models import Position, Programme
from nq05.sql.dates import const
from nq05.sql.levels import level_rank
from nq05.sql.lists import in_ids
from nq05.staff.models import Assignment, Person, Qualification, Unit

#: ids per IN list (SQLite binds at most 32,766 parameters)
CHUNK = 5_000


def _chunks(ids):
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _rows_for(ids, stmt_for):
    """The rows of ``stmt_for(among)`` for the ids, where ``among(column)`` is the condition
    "column is one of the ids": on PostgreSQL one array parameter (``= ANY``) and one statement,
    since a list of thousands of parameters costs more to render and parse than the query takes
    to run; elsewhere an IN list per ``CHUNK`` ids."""
    if not ids:
        return []
    if db.session.get_bind().dialect.name == "postgresql":
        every = bindparam("ids", sorted(ids), type_=ARRAY(Integer))
        return db.session.execute(stmt_for(lambda column: column == any_(every))).all()
    out = []
    for chunk in _chunks(ids):
        out.extend(db.session.execute(stmt_for(lambda column, chunk=chunk: column.in_(chunk))).all())
    return out


def annotate(findings: list[Finding], terms: Terms) -> list[Finding]:
    """Fill ``details`` of every finding (in place) and return the list."""
    if not findings:
        return findings
    codes = {f.programme for f in findings if f.programme}
    programmes = (
        {p.code: p for p in db.session.scalars(select(Programme).where(Programme.code.in_(sorted(codes))))}
        if codes
        else {}
    )
    unit_names = dict(
        _rows_for(
            {f.unit_id for f in findings if f.unit_id is not None},
            lambda among: select(Unit.id, Unit.name).where(among(Unit.id)),
        )
    )
    for f in findings:
        if f.unit_id in unit_names:
            f.details["unit_name"] = unit_names[f.unit_id]
        if f.programme in programmes:
            f.details["programme_name"] = programmes[f.programme].name
    _succession(findings, programmes)
    _below_standard(findings, terms)
    _stale(findings)
    _ineligible([f for f in findings if f.code == "INELIGIBLE_NOMINEE"], programmes, terms)
    for f in findings:
        if f.code == "LOW_EXECUTION":
            f.details.setdefault("threshold", terms.settings.low_execution_threshold)
    return findings


def _succession(findings: list[Finding], programmes: dict) -> None:
    """SUCCESSION_UNLINKED: the planned position's name and its minimum on the line's track."""
    wanted = [f for f in findings if f.code == "SUCCESSION_UNLINKED"]
    if not wanted:
        return
    codes = {f.figures["planned_position"] for f in wanted}
    positions = {
        p.code: p for p in db.session.scalars(select(Position).where(Position.code.in_(sorted(codes))))
    }
    for f in wanted:
        pos = positions.get(f.figures["planned_position"])
        g = programmes.get(f.programme)
        if pos is not None:
            f.details["position_name"] = pos.name
            if g is not None and g.track and getattr(pos, f"min_{g.track}"):
                f.details["required"] = [g.track, getattr(pos, f"min_{g.track}")]


#: how many of the people below a standard UNCOVERED_STANDARD_GAP names
NAMES_SHOWN = 5
#: how many programmes with a class that year it suggests
PROGRAMMES_SHOWN = 2


def _below_standard(findings: list[Finding], terms: Terms) -> None:
    """UNCOVERED_STANDARD_GAP: the first names of the staff below their position's minimum (one
    query per track that has such findings, over those units only), and the programmes on that
    track with a class in Y, earliest first (to suggest one)."""
    by_track: dict[str, dict[int, Finding]] = defaultdict(dict)
    for f in findings:
        if f.code == "UNCOVERED_STANDARD_GAP" and f.unit_id is not None:
            by_track[f.figures["track"]][f.unit_id] = f
    for track, of_unit in by_track.items():
        minimum = getattr(Position, f"min_{track}")
        min_rank = level_rank(minimum)
        names: dict[int, list] = defaultdict(list)
        for unit_id, name in _rows_for(
            set(of_unit),
            lambda among, minimum=minimum, min_rank=min_rank, track=track: _first_names(
                select(Assignment.unit_id, Person.full_name, Person.sort_key)
                .join(Position, Position.id == Assignment.position_id)
                .join(Person, Person.id == Assignment.person_id)
                .where(
                    among(Assignment.unit_id),
                    covers(Assignment, terms.at_r),
                    minimum.isnot(None),
                    min_rank > const(0),
                    ~holds_level(Assignment.person_id, track, min_rank, terms.at_r),
                )
            ),
        ):
            names[unit_id].append(name)
        offered = (
            db.session.execute(
                select(Programme.name)
                .join(TrainingClass, TrainingClass.programme_id == Programme.id)
                .where(Programme.track == track, TrainingClass.year == terms.year)
                .group_by(Programme.name)
                .order_by(func.min(TrainingClass.start_date), Programme.name)
                .limit(PROGRAMMES_SHOWN)
            )
            .scalars()
            .all()
        )
        for unit_id, f in of_unit.items():
            f.details["people"] = names[unit_id]
            f.details["programmes"] = list(offered)


def _first_names(people):
    """SELECT (unit_id, full_name) of the first ``NAMES_SHOWN`` distinct names of each unit in
    ``people`` (unit_id, full_name, sort_key), in Vietnamese order (the stored ``sort_key``:
    vn_name_key of the name), in that order: only those leave the database."""
    distinct_names = people.distinct().subquery("names")
    ranked = select(
        distinct_names.c.unit_id,
        distinct_names.c.full_name,
        func.row_number()
        .over(
            partition_by=distinct_names.c.unit_id,
            order_by=(distinct_names.c.sort_key, distinct_names.c.full_name),
        )
        .label("n"),
    ).subquery("ranked")
    return (
        select(ranked.c.unit_id, ranked.c.full_name)
        .where(ranked.c.n <= NAMES_SHOWN)
        .order_by(ranked.c.unit_id, ranked.c.n)
    )


def _stale(findings: list[Finding]) -> None:
    """STALE_PLAN: the number of the next version (kế hoạch bổ sung, điều chỉnh lần N)."""
    wanted = [f for f in findings if f.code == "STALE_PLAN" and f.unit_id is not None]
    if not wanted:
        return
    latest = dict(
        db.session.execute(
            select(Plan.unit_id, func.max(Plan.version))
            .where(Plan.year == wanted[0].year, in_ids(Plan.unit_id, {f.unit_id for f in wanted}))
            .group_by(Plan.unit_id)
        ).all()
    )
    for f in wanted:
        f.details["next_version"] = (latest.get(f.unit_id) or 0) + 1


def _ineligible(findings: list[Finding], programmes: dict, terms: Terms) -> None:
    """The numbers behind each reason: the age and the limit, the years of service and the minimum,
    the levels lacking or already held, the retirement date, the other class."""
    if not findings:
        return
    person_ids = {f.person_id for f in findings if f.person_id is not None}
    people = {
        r.id: r
        for r in _rows_for(
            person_ids,
            lambda among: select(Person.id, Person.birth_date, Person.gender).where(among(Person.id)),
        )
    }
    quals: dict[int, list] = defaultdict(list)
    for r in _rows_for(
        person_ids,
        lambda among: select(
            Qualification.person_id, Qualification.track, Qualification.level, Qualification.awarded_on
        ).where(among(Qualification.person_id)),
    ):
        quals[r.person_id].append((r.track, r.level, r.awarded_on))
    assignments: dict[int, list] = defaultdict(list)
    for r in _rows_for(
        person_ids,
        lambda among: select(
            Assignment.person_id,
            Assignment.unit_id,
            Assignment.category,
            Assignment.start_date,
            Assignment.end_date,
        ).where(among(Assignment.person_id)),
    ):
        assignments[r.person_id].append(r)
    enrolments: dict[int, list] = defaultdict(list)
    for r in _rows_for(
        person_ids,
        lambda among: (
            select(
                Enrolment.person_id,
                TrainingClass.id.label("class_id"),
                TrainingClass.year,
                TrainingClass.start_date,
                TrainingClass.end_date,
                Programme.code.label("programme"),
            )
            .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
            .join(Programme, Programme.id == TrainingClass.programme_id)
            .where(among(Enrolment.person_id), Enrolment.status.in_(OPEN_ENROLMENT_STATUSES))
        ),
    ):
        enrolments[r.person_id].append(r)
    class_starts = dict(
        _rows_for(
            {f.class_id for f in findings if f.class_id is not None},
            lambda among: select(TrainingClass.id, TrainingClass.start_date).where(among(TrainingClass.id)),
        )
    )
    s = terms.settings
    for f in findings:
        person = people.get(f.person_id)
        g = programmes.get(f.programme)
        if person is None or g is None:
            continue
        at = class_starts.get(f.class_id) if f.class_id is not None else terms.start_of_year
        if at is None:
            continue
        d = f.details
        d["at"] = at.isoformat()
        levels = {t: level_at(t, quals[f.person_id], at) for t in TRACKS}
        reasons = f.figures["reasons"]
        if "not_in_scope" in reasons:
            covering = [
                a
                for a in assignments[f.person_id]
                if a.start_date <= at and (a.end_date is None or a.end_date >= at)
            ]
            in_unit = [a for a in covering if a.unit_id == f.unit_id]
            if f.class_id is None and in_unit:
                d["person_category"] = in_unit[0].category
            d["in_unit"] = bool(in_unit) if f.class_id is None else bool(covering)
        if "already_qualified" in reasons and g.track:
            d["held"] = [g.track, levels[g.track]]
        if "prerequisite" in reasons:
            d["missing"] = [
                [t, getattr(g, f"pre_{t}")]
                for t in TRACKS
                if getattr(g, f"pre_{t}") and rank(t, levels[t]) < rank(t, getattr(g, f"pre_{t}"))
            ]
        if "over_age" in reasons and g.max_age is not None:
            d["age"], d["max_age"] = age_at(person.birth_date, at), g.max_age
        if "insufficient_service" in reasons and g.min_service_years is not None:
            starts = [a.start_date for a in assignments[f.person_id]]
            d["service_years"] = years_of_service(min(starts) if starts else None, at)
            d["min_service_years"] = g.min_service_years
        if "retiring" in reasons:
            retires = retirement_date(
                person.birth_date, person.gender, s.retirement_age_male, s.retirement_age_female
            )
            d["retires"] = retires.isoformat()
            d["months"] = g.duration_months
            d["ends"] = add_months(at, g.duration_months).isoformat()
        if "already_enrolled" in reasons:
            other = sorted(
                (
                    e.start_date
                    for e in enrolments[f.person_id]
                    if e.programme == f.programme
                    and e.end_date > at
                    and e.class_id != f.class_id
                    and (f.class_id is not None or e.year != f.year)
                ),
                key=date.toordinal,
            )
            if other:
                d["other_class_start"] = other[0].isoformat()
