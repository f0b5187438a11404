"""Changes to classes and rosters. Each operation checks its rule, changes rows, records an audit
entry; the caller commits. A refusal raises RosterRefused with a reason a person can act on."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from nq05 import clock
from nq05.classes import history, notices
from nq05.classes.eligibility import eligibility_at_start
from nq05.classes.errors import RosterRefused
from nq05.classes.models import Attendance, Enrolment, SessionDay, TrainingClass
from nq05.classes.seats import first_waitlisted, lock_class, reload, seats_taken
from nq05.domain.enrolment import TransitionRefused, frees_seat, needs_seat, transition
from nq05.extensions import db
from nq05.reference.models import Centre, Programme
from nq05.staff.models import Qualification

#: statuses of an enrolment that still mean the person is (or was) in the class's time slot
BUSY_STATUSES = ("nominated", "accepted", "waitlisted", "completed", "failed")
RESULTS = ("completed", "failed")


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# --- classes -------------------------------------------------------------------------------------


def validate_schedule(
    start_date: date,
    end_date: date,
    capacity: int,
    enrol_deadline: date | None,
    session_days: Iterable[date] = (),
) -> None:
    """Refuse dates out of order, a negative capacity, a deadline after the start, stray session days."""
    if end_date < start_date:
        raise RosterRefused("dates_out_of_order")
    if capacity < 0:
        raise RosterRefused("capacity_negative")
    if enrol_deadline is not None and enrol_deadline > start_date:
        raise RosterRefused("deadline_after_start")
    for day in session_days:
        if not start_date <= day <= end_date:
            raise RosterRefused("session_day_outside", day=_dmy(day))


def schedule_class(
    programme: Programme,
    centre: Centre,
    *,
    start_date: date,
    end_date: date,
    capacity: int,
    enrol_deadline: date | None = None,
    place: str | None = None,
    code: str | None = None,
    session_days: Iterable[date] = (),
    actor=None,
) -> TrainingClass:
    """A new, unpublished class of ``programme`` at ``centre``."""
    session_days = sorted(set(session_days))
    validate_schedule(start_date, end_date, capacity, enrol_deadline, session_days)
    code = code or _next_code(programme, start_date.year)
    if db.session.scalar(select(TrainingClass.id).where(TrainingClass.code == code)):
        raise RosterRefused("code_taken", code=code)
    training_class = TrainingClass(
        code=code,
        programme=programme,
        centre=centre,
        year=start_date.year,
        start_date=start_date,
        end_date=end_date,
        capacity=capacity,
        enrol_deadline=enrol_deadline,
        place=place or None,
        is_published=False,
        session_days=[SessionDay(day=d) for d in session_days],
    )
    db.session.add(training_class)
    db.session.flush()
    history.class_changed(actor, "schedule", training_class)
    return training_class


def _next_code(programme: Programme, year: int) -> str:
    prefix = f"{programme.code}-{year}-"
    taken = set(db.session.scalars(select(TrainingClass.code).where(TrainingClass.code.like(f"{prefix}%"))))
    n = 1
    while f"{prefix}{n:02d}" in taken:
        n += 1
    return f"{prefix}{n:02d}"


def publish_class(training_class: TrainingClass, *, actor=None) -> None:
    """Open the class to nominations."""
    if training_class.is_published:
        raise RosterRefused("already_published")
    training_class.is_published = True
    history.class_changed(actor, "publish", training_class)
    notices.class_announced(training_class)


def update_class(
    training_class: TrainingClass,
    *,
    start_date: date,
    end_date: date,
    capacity: int,
    enrol_deadline: date | None,
    place: str | None,
    actor=None,
    today: date | None = None,
) -> list[Enrolment]:
    """Change a class's dates, capacity, deadline or place; returns the people promoted.

    The capacity cannot go below the seats already taken; a larger one fills the new seats from the
    waiting list, first come first.
    """
    validate_schedule(
        start_date, end_date, capacity, enrol_deadline, [s.day for s in training_class.session_days]
    )
    training_class = lock_class(training_class.id)
    taken = seats_taken(training_class.id)
    if capacity < taken:
        raise RosterRefused("capacity_below_seats", taken=taken)
    before = {
        "start_date": training_class.start_date,
        "end_date": training_class.end_date,
        "capacity": training_class.capacity,
        "enrol_deadline": training_class.enrol_deadline,
        "place": training_class.place,
    }
    after = {
        "start_date": start_date,
        "end_date": end_date,
        "capacity": capacity,
        "enrol_deadline": enrol_deadline,
        "place": place or None,
    }
    changed = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    for key, value in after.items():
        setattr(training_class, key, value)
    training_class.year = start_date.year
    db.session.flush()
    history.class_changed(actor, "update", training_class, changes=changed)
    promoted = []
    while (
        waiting := _promote_first_waitlisted(training_class, actor=actor, today=today or clock.today())
    ) is not None:
        promoted.append(waiting)
    return promoted


def set_session_days(training_class: TrainingClass, days: Iterable[date], *, actor=None) -> None:
    """Make ``days`` the class's session days; attendance on days kept is kept."""
    days = sorted(set(days))
    validate_schedule(training_class.start_date, training_class.end_date, training_class.capacity, None, days)
    existing = {s.day: s for s in training_class.session_days}
    training_class.session_days = [existing.get(d) or SessionDay(day=d) for d in days]
    history.class_changed(actor, "session_days", training_class, days=[d.isoformat() for d in days])


# --- nominations ---------------------------------------------------------------------------------


def nomination_deadline(training_class: TrainingClass) -> date:
    """The last day a unit may nominate: the enrolment deadline, else the day before the start."""
    if training_class.enrol_deadline is not None:
        return training_class.enrol_deadline
    return date.fromordinal(training_class.start_date.toordinal() - 1)


def nominate(
    training_class: TrainingClass,
    person_id: int,
    *,
    unit_id: int | None,
    actor=None,
    today: date | None = None,
) -> Enrolment:
    """Nominate a person to a published class, before its deadline, if eligible at its start.

    ``unit_id`` is the nominating unit: the person must work there at the class start date
    (None, for an admin, skips that check).
    """
    today = today or clock.today()
    if not training_class.is_published:
        raise RosterRefused("class_not_published")
    if today > nomination_deadline(training_class):
        raise RosterRefused("deadline_passed", deadline=_dmy(nomination_deadline(training_class)))
    if db.session.scalar(
        select(Enrolment.id).where(Enrolment.class_id == training_class.id, Enrolment.person_id == person_id)
    ):
        raise RosterRefused("already_nominated")
    other = overlapping_class(training_class, person_id)
    if other is not None:
        raise RosterRefused("overlapping_class", other=other.code)
    reasons = eligibility_at_start(training_class, unit_id=unit_id, person_ids=[person_id]).get(
        person_id, ["not_in_scope"]
    )
    if reasons:
        raise RosterRefused("not_eligible", reasons=reasons)
    enrolment = Enrolment(
        person_id=person_id,
        class_id=training_class.id,
        status="nominated",
        nominated_on=today,
        nominated_by_id=getattr(actor, "id", None),
    )
    try:
        with db.session.begin_nested():  # two heads nominating the same person at once: one wins
            db.session.add(enrolment)
    except IntegrityError:
        raise RosterRefused("already_nominated") from None
    history.enrolment_changed(actor, "nominated", enrolment, None)
    return enrolment


def overlapping_class(training_class: TrainingClass, person_id: int) -> TrainingClass | None:
    """Another class whose dates overlap this one's, to which the person is nominated or admitted."""
    return db.session.scalars(
        select(TrainingClass)
        .join(Enrolment, Enrolment.class_id == TrainingClass.id)
        .where(
            Enrolment.person_id == person_id,
            Enrolment.status.in_(BUSY_STATUSES),
            TrainingClass.id != training_class.id,
            TrainingClass.start_date <= training_class.end_date,
            TrainingClass.end_date >= training_class.start_date,
        )
        .order_by(TrainingClass.start_date)
        .limit(1)
    ).first()


# --- decisions -----------------------------------------------------------------------------------


def accept(enrolment: Enrolment, *, actor=None, today: date | None = None) -> Enrolment:
    """Give the person a seat; refused when the class is full."""
    return _change(enrolment, "accepted", actor=actor, today=today)


def waitlist(enrolment: Enrolment, *, actor=None, today: date | None = None) -> Enrolment:
    """Put the person on the waiting list (promoted, first come first, when a seat frees)."""
    return _change(enrolment, "waitlisted", actor=actor, today=today)


def reject(enrolment: Enrolment, reason: str, *, actor=None, today: date | None = None) -> Enrolment:
    """Refuse the nomination; a reason is required."""
    if not (reason or "").strip():
        raise RosterRefused("reason_required")
    return _change(enrolment, "rejected", actor=actor, today=today, reason=reason.strip())


def withdraw(enrolment: Enrolment, *, actor=None, today: date | None = None) -> Enrolment:
    """Withdraw the nomination; a seat it held goes to the first person waiting."""
    return _change(enrolment, "withdrawn", actor=actor, today=today)


def record_result(enrolment: Enrolment, result: str, on: date | None, *, actor=None) -> Qualification | None:
    """Record ``completed`` or ``failed`` on a date. Completing a class that confers a level records
    that qualification once; recording the same result again changes nothing."""
    if result not in RESULTS:
        raise RosterRefused("unknown_result")
    if on is None:
        raise RosterRefused("result_needs_date")
    training_class = lock_class(enrolment.class_id)
    enrolment = reload(enrolment.id)
    if on < training_class.start_date:
        raise RosterRefused("result_before_start")
    if enrolment.status != result:
        _apply(enrolment, result, actor=actor, today=on, result_on=on)
    if result == "completed":
        return _confer_qualification(enrolment, training_class.programme, actor)
    return None


def _change(enrolment: Enrolment, target: str, *, actor, today: date | None, reason: str | None = None):
    today = today or clock.today()
    training_class = lock_class(enrolment.class_id)
    enrolment = reload(enrolment.id)
    current = enrolment.status
    _apply(enrolment, target, actor=actor, today=today, reason=reason, capacity=training_class.capacity)
    notices.enrolment_decided(enrolment, target)
    if frees_seat(current, target):
        _promote_first_waitlisted(training_class, actor=actor, today=today)
    return enrolment


def _apply(enrolment, target, *, actor, today, reason=None, capacity=None, result_on=None) -> None:
    """Move ``enrolment`` to ``target``; the class row must already be locked."""
    current = enrolment.status
    try:
        transition(current, target)
    except TransitionRefused as refused:
        raise RosterRefused.from_transition(refused) from None
    if needs_seat(current, target):
        if capacity is None:
            capacity = enrolment.training_class.capacity
        if seats_taken(enrolment.class_id) >= capacity:
            raise RosterRefused("class_full", capacity=capacity)
    enrolment.status = target
    if target in ("accepted", "waitlisted", "rejected"):
        enrolment.decided_on = today
    if target == "waitlisted":
        enrolment.waitlisted_at = datetime.now()
    if target == "rejected":
        enrolment.reason = reason
    if target == "withdrawn":
        enrolment.withdrawn_on = today
    if target in RESULTS:
        enrolment.completed_on = result_on
    db.session.flush()
    history.enrolment_changed(actor, target, enrolment, current, reason=reason)


def _promote_first_waitlisted(training_class: TrainingClass, *, actor, today: date) -> Enrolment | None:
    if seats_taken(training_class.id) >= training_class.capacity:
        return None
    waiting = first_waitlisted(training_class.id)
    if waiting is None:
        return None
    waiting.status = "accepted"
    waiting.decided_on = today
    db.session.flush()
    history.enrolment_changed(actor, "promoted", waiting, "waitlisted")
    notices.enrolment_decided(waiting, "promoted")
    return waiting


def _confer_qualification(enrolment: Enrolment, programme: Programme, actor) -> Qualification | None:
    if not (programme.track and programme.level):
        return None
    existing = db.session.scalar(
        select(Qualification).where(Qualification.source_enrolment_id == enrolment.id)
    )
    if existing is not None:
        return existing
    qualification = Qualification(
        person_id=enrolment.person_id,
        track=programme.track,
        level=programme.level,
        awarded_on=enrolment.completed_on,
        source_enrolment_id=enrolment.id,
    )
    db.session.add(qualification)
    db.session.flush()
    history.qualification_conferred(actor, qualification, enrolment)
    return qualification


# --- attendance ----------------------------------------------------------------------------------


def record_attendance(
    session_day: SessionDay, enrolment: Enrolment, present: bool, *, note: str | None = None, actor=None
) -> Attendance:
    """Whether a person with a seat in the class was present on a session day."""
    if session_day.class_id != enrolment.class_id:
        raise RosterRefused("wrong_class")
    if enrolment.status not in ("accepted", "completed", "failed"):
        raise RosterRefused("not_in_class")
    row = db.session.scalar(
        select(Attendance).where(
            Attendance.session_day_id == session_day.id, Attendance.enrolment_id == enrolment.id
        )
    )
    if row is None:
        row = Attendance(session_day_id=session_day.id, enrolment_id=enrolment.id)
        db.session.add(row)
    if row.present != present or row.note != (note or None) or row.id is None:
        row.present, row.note = present, note or None
        db.session.flush()
        history.attendance_recorded(actor, row, enrolment, session_day)
    return row
