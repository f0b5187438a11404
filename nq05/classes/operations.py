"""Changes to classes and rosters. Each operation checks its rule, changes rows, records an audit
entry; the caller commits. A refusal raises RosterRefused with a reason a person can act on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from nq05 import clock
from nq05.classes import history, notices
from nq05.classes.eligibility import eligibility_at_start
from nq05.classes.errors import RosterRefused
from nq05.classes.models import Attendance, Enrolment, SessionDay, TrainingClass
from nq05.classes.seats import first_waitlisted, lock_class, reload, seats_taken
from nq05.domain.codes import GRADES, RESULT_KINDS
from nq05.domain.enrolment import TransitionRefused, frees_seat, needs_seat, transition
from nq05.extensions import db
from nq05.reference.models import Centre, Programme
from nq05.staff.models import Person, Qualification

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
    fee_per_head: int | None = None,
    funding_source: str | None = None,
    actor=None,
) -> TrainingClass:
    """A new, unpublished class of ``programme`` at ``centre``."""
    session_days = sorted(set(session_days))
    validate_schedule(start_date, end_date, capacity, enrol_deadline, session_days)
    validate_fee(fee_per_head)
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
        fee_per_head=fee_per_head,
        funding_source=(funding_source or "").strip() or None,
    )
    db.session.add(training_class)
    db.session.flush()
    history.class_changed(actor, "schedule", training_class)
    return training_class


def validate_fee(fee_per_head: int | None) -> None:
    if fee_per_head is not None and fee_per_head < 0:
        raise RosterRefused("fee_negative")


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
    fee_per_head: int | None = None,
    funding_source: str | None = None,
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
    validate_fee(fee_per_head)
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
        "fee_per_head": training_class.fee_per_head,
        "funding_source": training_class.funding_source,
    }
    after = {
        "start_date": start_date,
        "end_date": end_date,
        "capacity": capacity,
        "enrol_deadline": enrol_deadline,
        "place": place or None,
        "fee_per_head": fee_per_head,
        "funding_source": (funding_source or "").strip() or None,
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


def set_session_logistics(
    training_class: TrainingClass, values: dict[int, tuple[str | None, str | None]], *, actor=None
) -> int:
    """Set (lecturer, room) of session days (id -> values; free text, empty clears); returns how
    many days changed. Days of another class are refused."""
    days = {s.id: s for s in training_class.session_days}
    changes = {}
    for day_id, (lecturer, room) in values.items():
        day = days.get(day_id)
        if day is None:
            raise RosterRefused("wrong_class")
        lecturer, room = (lecturer or "").strip() or None, (room or "").strip() or None
        if (day.lecturer, day.room) != (lecturer, room):
            changes[day.day.isoformat()] = [[day.lecturer, day.room], [lecturer, room]]
            day.lecturer, day.room = lecturer, room
    if changes:
        db.session.flush()
        history.class_changed(actor, "timetable", training_class, changes=changes)
    return len(changes)


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


@dataclass
class BulkOutcome:
    """What one bulk decision did, person by person (enrolments, in the order they were decided)."""

    accepted: list[Enrolment]
    waitlisted: list[Enrolment]
    rejected: list[Enrolment]
    #: asked to be accepted but no seat was free: put (or left) on the waiting list
    waiting_for_a_seat: list[Enrolment]


DECISIONS = ("accept", "waitlist", "reject")


def decision_order(enrolments: Iterable[Enrolment]) -> list[Enrolment]:
    """The order seats go in: the waiting list first (first waitlisted first), then the nominations
    in the order they came (nomination date, then the order they were recorded)."""

    def key(e: Enrolment):
        if e.status == "waitlisted":
            return (0, e.waitlisted_at or datetime.max, e.id)
        return (1, datetime.combine(e.nominated_on or date.min, datetime.min.time()), e.id)

    return sorted(enrolments, key=key)


def decide_many(
    training_class: TrainingClass,
    enrolments: Iterable[Enrolment],
    decision: str,
    *,
    reason: str | None = None,
    actor=None,
    today: date | None = None,
) -> BulkOutcome:
    """Accept, waitlist or reject several enrolments of one class with the single-enrolment
    operations, in one transaction (the caller commits, or rolls back on RosterRefused: all or none).

    Accepting more people than there are free seats accepts in ``decision_order`` while seats last
    and puts the others on the waiting list (those already waiting stay there, in their place).
    """
    if decision not in DECISIONS:
        raise RosterRefused("unknown_decision")
    if decision == "reject" and not (reason or "").strip():
        raise RosterRefused("reason_required")
    today = today or clock.today()
    training_class = lock_class(training_class.id)
    outcome = BulkOutcome([], [], [], [])
    ids = [e.id for e in enrolments]
    fresh = db.session.scalars(  # read after the lock, with what the audit entries name, in one go
        select(Enrolment)
        .where(Enrolment.id.in_(ids))
        .options(selectinload(Enrolment.person).selectinload(Person.assignments))
        .execution_options(populate_existing=True)
    ).all()
    for enrolment in decision_order(fresh):
        if enrolment.class_id != training_class.id:
            raise RosterRefused("wrong_class")
        try:
            _decide_one(training_class, enrolment, decision, reason, outcome, actor=actor, today=today)
        except RosterRefused as refused:
            refused.person_name = enrolment.person.full_name  # the page says whose decision failed
            raise
    return outcome


def _decide_one(training_class, enrolment, decision, reason, outcome: BulkOutcome, *, actor, today):
    if decision == "accept":
        full = seats_taken(training_class.id) >= training_class.capacity
        if full and enrolment.status in ("nominated", "waitlisted"):
            if enrolment.status == "nominated":
                waitlist(enrolment, actor=actor, today=today)
            outcome.waiting_for_a_seat.append(enrolment)
        else:
            outcome.accepted.append(accept(enrolment, actor=actor, today=today))
    elif decision == "waitlist":
        if enrolment.status != "waitlisted":  # one already waiting keeps its place
            outcome.waitlisted.append(waitlist(enrolment, actor=actor, today=today))
    else:
        outcome.rejected.append(reject(enrolment, reason, actor=actor, today=today))


def waiting_positions(class_id: int) -> dict[int, int]:
    """enrolment id -> its place on the class's waiting list (1 is promoted first), in one query."""
    ids = db.session.scalars(
        select(Enrolment.id)
        .where(Enrolment.class_id == class_id, Enrolment.status == "waitlisted")
        .order_by(Enrolment.waitlisted_at.is_(None), Enrolment.waitlisted_at, Enrolment.id)
    )
    return {enrolment_id: n for n, enrolment_id in enumerate(ids, start=1)}


def record_result(
    enrolment: Enrolment,
    result: str,
    on: date | None,
    *,
    grade: str | None = None,
    score: Decimal | None = None,
    certificate_no: str | None = None,
    certificate_on: date | None = None,
    reason: str | None = None,
    confirm_low_attendance: bool = False,
    actor=None,
    today: date | None = None,
) -> ResultOutcome:
    """Record (or correct) the result of an accepted enrolment: ``completed``, ``failed`` or
    ``unfinished`` (did not finish), on a date between the class start and today, with an optional
    grade or score and the certificate's number and date.

    A first result moves the enrolment to completed / failed; completing a class that confers a level
    awards that qualification on the result date. Changing a recorded result, date, grade, score or
    certificate is a correction: it needs ``reason`` (kept in the audit log) and awards, moves or
    withdraws the qualification accordingly. Recording the same values again changes nothing.
    Completing with an attendance rate below the programme's minimum needs ``confirm_low_attendance``.
    """
    today = today or clock.today()
    if result not in RESULT_KINDS:
        raise RosterRefused("unknown_result")
    if on is None:
        raise RosterRefused("result_needs_date")
    if grade is not None and grade not in GRADES:
        raise RosterRefused("unknown_grade")
    certificate_no = (certificate_no or "").strip() or None
    training_class = lock_class(enrolment.class_id)
    enrolment = reload(enrolment.id)
    programme = training_class.programme
    if on < training_class.start_date:
        raise RosterRefused("result_before_start", start=_dmy(training_class.start_date))
    if on > today:
        raise RosterRefused("result_after_today", today=_dmy(today))
    if score is not None and not 0 <= score <= programme.scale:
        raise RosterRefused("score_out_of_scale", scale=programme.scale)
    if (certificate_no or certificate_on) and result != "completed":
        raise RosterRefused("certificate_needs_completed")
    if certificate_on is not None and not on <= certificate_on <= today:
        raise RosterRefused("certificate_date_outside", on=_dmy(on), today=_dmy(today))
    before = enrolment.result_kind
    if result == "completed" and before != "completed" and not confirm_low_attendance:
        rate = attendance_rate(enrolment.id)
        if rate is not None and round(rate * 100, 6) < programme.attendance_minimum:
            raise RosterRefused(
                "attendance_below_minimum",
                rate=_percent(rate),
                minimum=programme.attendance_minimum,
            )
    values = {
        "result": result,
        "completed_on": on,
        "grade": grade,
        "score": score,
        "certificate_no": certificate_no,
        "certificate_on": certificate_on,
    }
    status = "completed" if result == "completed" else "failed"
    if before is None:  # the first result: the state machine moves accepted -> completed / failed
        _apply(enrolment, status, actor=actor, today=on, result_on=on, values=values)
        qualification = _confer_qualification(enrolment, programme, actor) if status == "completed" else None
        return ResultOutcome(True, "awarded" if qualification is not None else None, qualification)
    current = {k: getattr(enrolment, k) for k in values}
    current["result"] = before
    changes = {k: [current[k], v] for k, v in values.items() if current[k] != v}
    if not changes:
        return ResultOutcome(False, None, _qualification_of(enrolment))
    if any(old is not None for old, _new in changes.values()) and not (reason or "").strip():
        raise RosterRefused("correction_needs_reason")
    previous_status = enrolment.status
    for key, value in values.items():
        setattr(enrolment, key, value)
    enrolment.status = status
    db.session.flush()
    history.result_corrected(actor, enrolment, previous_status, changes, (reason or "").strip() or None)
    return _settle_qualification(enrolment, programme, actor)


@dataclass
class ResultOutcome:
    """What recording a result did: whether anything changed, and to the qualification it confers."""

    changed: bool
    #: "awarded" | "moved" | "withdrawn" | None (nothing happened to a qualification)
    qualification_change: str | None
    qualification: Qualification | None


def _qualification_of(enrolment: Enrolment) -> Qualification | None:
    return db.session.scalar(select(Qualification).where(Qualification.source_enrolment_id == enrolment.id))


def _settle_qualification(enrolment: Enrolment, programme: Programme, actor) -> ResultOutcome:
    """After a correction: the qualification the enrolment confers matches its result and date."""
    existing = _qualification_of(enrolment)
    if enrolment.status == "completed":
        if existing is None:
            qualification = _confer_qualification(enrolment, programme, actor)
            return ResultOutcome(True, "awarded" if qualification is not None else None, qualification)
        if existing.awarded_on != enrolment.completed_on:
            previous = existing.awarded_on
            existing.awarded_on = enrolment.completed_on
            db.session.flush()
            history.qualification_moved(actor, existing, enrolment, previous)
            return ResultOutcome(True, "moved", existing)
        return ResultOutcome(True, None, existing)
    if existing is not None:
        history.qualification_withdrawn(actor, existing, enrolment)
        db.session.delete(existing)
        db.session.flush()
        return ResultOutcome(True, "withdrawn", None)
    return ResultOutcome(True, None, None)


def attendance_rate(enrolment_id: int) -> float | None:
    """Share of the session days taken on which the person was present (None: none taken yet)."""
    rates = attendance_rates([enrolment_id])
    return rates.get(enrolment_id)


def attendance_rates(enrolment_ids: Iterable[int]) -> dict[int, float]:
    """enrolment id -> share of its attendance records marked present, in one grouped query
    (enrolments without a record are left out: their rate is not known yet)."""
    ids = list(enrolment_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(
            Attendance.enrolment_id,
            func.count(),
            func.sum(case((Attendance.present.is_(True), 1), else_=0)),
        )
        .where(Attendance.enrolment_id.in_(ids))
        .group_by(Attendance.enrolment_id)
    )
    return {enrolment_id: (present or 0) / taken for enrolment_id, taken, present in rows if taken}


def _percent(rate: float) -> str:
    return f"{rate * 100:.1f}".replace(".", ",").removesuffix(",0") + "%"


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


def _apply(
    enrolment, target, *, actor, today, reason=None, capacity=None, result_on=None, values=None
) -> None:
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
        enrolment.waitlisted_at = clock.utcnow()
    if target == "rejected":
        enrolment.reason = reason
    if target == "withdrawn":
        enrolment.withdrawn_on = today
    if target in RESULTS:
        enrolment.completed_on = result_on
    for key, value in (values or {}).items():
        setattr(enrolment, key, value)
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
    existing = _qualification_of(enrolment)
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
    session_day: SessionDay,
    enrolment: Enrolment,
    present: bool,
    *,
    note: str | None = None,
    actor=None,
    today: date | None = None,
) -> Attendance:
    """Whether a person with a seat in the class was present on a session day (not a future day)."""
    if session_day.class_id != enrolment.class_id:
        raise RosterRefused("wrong_class")
    if session_day.day > (today or clock.today()):
        raise RosterRefused("future_day", day=_dmy(session_day.day))
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
