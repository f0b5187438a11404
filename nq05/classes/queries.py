"""Reading classes and rosters: lists with seat counts, roster rows, the nomination picker, a
person's training history. Each is a handful of queries whatever the number of rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from nq05.classes.access import classes_query_for, enrolment_clause
from nq05.classes.eligibility import eligibility_at_start
from nq05.classes.models import Attendance, Enrolment, SessionDay, TrainingClass
from nq05.classes.operations import BUSY_STATUSES
from nq05.domain.codes import SEAT_STATUSES
from nq05.domain.levels import TRACKS
from nq05.domain.people import level_at
from nq05.extensions import db
from nq05.reference.models import Centre, Programme
from nq05.staff.access import person_clause, person_unit_sql
from nq05.staff.models import Person, Qualification, Unit


@dataclass
class SeatCounts:
    """How full a class is: seats taken (accepted + completed + failed), waiting, pending."""

    capacity: int
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def taken(self) -> int:
        return sum(self.by_status.get(s, 0) for s in SEAT_STATUSES)

    @property
    def accepted(self) -> int:
        return self.by_status.get("accepted", 0)

    @property
    def waitlisted(self) -> int:
        return self.by_status.get("waitlisted", 0)

    @property
    def pending(self) -> int:
        return self.by_status.get("nominated", 0)

    @property
    def free(self) -> int:
        return max(self.capacity - self.taken, 0)

    @property
    def ratio(self) -> float:
        return min(self.taken / self.capacity, 1.0) if self.capacity else 1.0


def seat_counts(classes: list[TrainingClass]) -> dict[int, SeatCounts]:
    """class id -> its seat counts, in one query."""
    counts = {c.id: SeatCounts(c.capacity) for c in classes}
    if counts:
        rows = db.session.execute(
            select(Enrolment.class_id, Enrolment.status, func.count())
            .where(Enrolment.class_id.in_(list(counts)))
            .group_by(Enrolment.class_id, Enrolment.status)
        )
        for class_id, status, n in rows:
            counts[class_id].by_status[status] = n
    return counts


def classes_for(user, *, year: int | None = None, programme_id: int | None = None) -> list[TrainingClass]:
    """The classes the user may see, soonest first (programme and centre loaded)."""
    query = (
        classes_query_for(user)
        .options(joinedload(TrainingClass.programme), joinedload(TrainingClass.centre))
        .order_by(TrainingClass.start_date.desc(), TrainingClass.code)
    )
    if year:
        query = query.where(TrainingClass.year == year)
    if programme_id:
        query = query.where(TrainingClass.programme_id == programme_id)
    return list(db.session.scalars(query).unique())


def class_years() -> list[int]:
    return list(db.session.scalars(select(TrainingClass.year).distinct().order_by(TrainingClass.year.desc())))


def programmes() -> list[Programme]:
    return list(
        db.session.scalars(
            select(Programme)
            .where(Programme.retired_on.is_(None))
            .order_by(Programme.sort_key, Programme.code)
        )
    )


def centres() -> list[Centre]:
    return list(
        db.session.scalars(
            select(Centre).where(Centre.retired_on.is_(None)).order_by(Centre.sort_key, Centre.code)
        )
    )


@dataclass
class RosterRow:
    enrolment: Enrolment
    person: Person
    unit: Unit | None
    #: session day id -> present (no key: not taken)
    attendance: dict[int, bool]
    #: (track, level at the class start) for the tracks the programme asks for or confers
    levels: list[tuple[str, str]] = field(default_factory=list)


def tracks_asked(programme: Programme) -> list[str]:
    """The tracks a programme has a prerequisite on, or confers a level on, in the spec's order."""
    return [t for t in TRACKS if programme.prerequisite(t) or programme.track == t]


def roster(training_class: TrainingClass, user) -> list[RosterRow]:
    """The enrolments of the class the user may see, with person and unit, by status then name."""
    unit_id = person_unit_sql(Enrolment.person_id).label("unit_id")
    rows = db.session.execute(
        select(Enrolment, Person, unit_id)
        .join(Person, Person.id == Enrolment.person_id)
        .where(Enrolment.class_id == training_class.id, enrolment_clause(user))
        .order_by(Person.sort_key, Person.code)
    ).all()
    units = {u.id: u for u in db.session.scalars(select(Unit).where(Unit.id.in_({r.unit_id for r in rows})))}
    attendance = defaultdict(dict)
    for enrolment_id, day_id, present in db.session.execute(
        select(Attendance.enrolment_id, Attendance.session_day_id, Attendance.present)
        .join(SessionDay, SessionDay.id == Attendance.session_day_id)
        .where(SessionDay.class_id == training_class.id)
    ):
        attendance[enrolment_id][day_id] = present
    levels = _levels_at(
        [r.Person.id for r in rows], tracks_asked(training_class.programme), training_class.start_date
    )
    order = {s: i for i, s in enumerate(("accepted", "completed", "failed", "nominated", "waitlisted"))}
    result = [
        RosterRow(
            r.Enrolment, r.Person, units.get(r.unit_id), attendance[r.Enrolment.id], levels[r.Person.id]
        )
        for r in rows
    ]
    result.sort(key=lambda r: (order.get(r.enrolment.status, 9), _waiting_key(r.enrolment)))
    return result


def _levels_at(person_ids: list[int], tracks: list[str], at) -> dict[int, list[tuple[str, str]]]:
    """person id -> [(track, level at ``at``)] for ``tracks``, from one query."""
    held = defaultdict(list)
    if person_ids and tracks:
        for row in db.session.execute(
            select(
                Qualification.person_id, Qualification.track, Qualification.level, Qualification.awarded_on
            ).where(Qualification.person_id.in_(person_ids), Qualification.track.in_(tracks))
        ):
            held[row.person_id].append((row.track, row.level, row.awarded_on))
    return {p: [(t, level_at(t, held[p], at)) for t in tracks] for p in person_ids}


def _waiting_key(enrolment: Enrolment):
    # the waiting list reads in promotion order; everyone else keeps the name order of the query
    if enrolment.status == "waitlisted":
        return (enrolment.waitlisted_at or datetime.max, enrolment.id)
    return (datetime.min, 0)


@dataclass
class Candidate:
    person: Person
    #: eligibility reason codes at the class start date (empty: eligible)
    reasons: list[str]
    #: status of the person's enrolment in this class, if nominated already
    status: str | None
    #: code of another class overlapping this one the person is busy in
    overlapping: str | None

    @property
    def can_nominate(self) -> bool:
        return not self.reasons and self.status is None and self.overlapping is None


def nomination_candidates(training_class: TrainingClass, unit_id: int, user) -> list[Candidate]:
    """The unit's staff at the class start date that the user may nominate, with their eligibility."""
    reasons = eligibility_at_start(training_class, unit_id=unit_id)
    if not reasons:
        return []
    people = db.session.scalars(
        select(Person)
        .where(Person.id.in_(list(reasons)), person_clause(user, write=True))
        .order_by(Person.sort_key, Person.code)
    ).all()
    ids = [p.id for p in people]
    here = dict(
        db.session.execute(
            select(Enrolment.person_id, Enrolment.status).where(
                Enrolment.class_id == training_class.id, Enrolment.person_id.in_(ids)
            )
        ).all()
    )
    busy = dict(
        db.session.execute(
            select(Enrolment.person_id, TrainingClass.code)
            .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
            .where(
                Enrolment.person_id.in_(ids),
                Enrolment.status.in_(BUSY_STATUSES),
                TrainingClass.id != training_class.id,
                TrainingClass.start_date <= training_class.end_date,
                TrainingClass.end_date >= training_class.start_date,
            )
        ).all()
    )
    candidates = [Candidate(p, reasons[p.id], here.get(p.id), busy.get(p.id)) for p in people]
    # those who can be chosen first, then those already on this class, then the rest (by name)
    candidates.sort(key=lambda c: 0 if c.can_nominate else 1 if c.status else 2)
    return candidates


@dataclass
class HistoryRow:
    enrolment: Enrolment
    training_class: TrainingClass
    programme: Programme
    centre: Centre
    qualification: Qualification | None


def training_history(person_id: int) -> list[HistoryRow]:
    """A person's classes (latest first) with status, result and the qualification conferred."""
    rows = db.session.execute(
        select(Enrolment, TrainingClass, Programme, Centre, Qualification)
        .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
        .join(Programme, Programme.id == TrainingClass.programme_id)
        .join(Centre, Centre.id == TrainingClass.centre_id)
        .outerjoin(Qualification, Qualification.source_enrolment_id == Enrolment.id)
        .where(Enrolment.person_id == person_id)
        .order_by(TrainingClass.start_date.desc(), Enrolment.id.desc())
    ).all()
    return [HistoryRow(*r) for r in rows]
