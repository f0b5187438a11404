"""Centre decisions: capacity, rejection reasons, waiting-list promotion, results, attendance."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from nq05.classes import operations as ops
from nq05.classes.errors import RosterRefused
from nq05.staff.models import Qualification
from tests import factories as f

BEFORE = date(2015, 1, 10)


def roster(db, capacity=2, people=4, **programme):
    unit = f.unit()
    klass = f.training_class(f.programme(**programme), capacity=capacity)
    enrolments = [
        ops.nominate(klass, f.person(unit).id, unit_id=unit.id, today=BEFORE) for _ in range(people)
    ]
    return klass, enrolments


def statuses(enrolments):
    return [e.status for e in enrolments]


def test_accept_until_full_then_refuse(db):
    klass, (a, b, c, _) = roster(db, capacity=2)
    ops.accept(a, today=BEFORE)
    ops.accept(b, today=BEFORE)
    with pytest.raises(RosterRefused) as refused:
        ops.accept(c, today=BEFORE)
    assert refused.value.code == "class_full"
    assert "đủ 2 chỗ" in refused.value.message
    assert c.status == "nominated"


def test_completed_and_failed_still_hold_seats(db):
    klass, (a, b, c, _) = roster(db, capacity=2)
    ops.accept(a, today=BEFORE)
    ops.accept(b, today=BEFORE)
    ops.record_result(a, "completed", date(2015, 12, 31))
    ops.record_result(b, "failed", date(2015, 12, 31))
    with pytest.raises(RosterRefused):
        ops.accept(c, today=BEFORE)


def test_reject_needs_a_reason(db):
    _, (a, *_) = roster(db)
    with pytest.raises(RosterRefused) as refused:
        ops.reject(a, "  ", today=BEFORE)
    assert refused.value.code == "reason_required"
    ops.reject(a, "Không đúng đối tượng", today=BEFORE)
    assert (a.status, a.reason, a.decided_on) == ("rejected", "Không đúng đối tượng", BEFORE)


def test_refused_transition_says_so_in_words(db):
    _, (a, *_) = roster(db)
    ops.withdraw(a, today=BEFORE)
    with pytest.raises(RosterRefused) as refused:
        ops.accept(a, today=BEFORE)
    assert refused.value.code == "transition"
    assert "«Rút tên»" in refused.value.message and "«Được nhận»" in refused.value.message


def test_first_waitlisted_is_promoted_when_an_accepted_person_withdraws(db):
    klass, (a, b, c, d) = roster(db, capacity=1)
    ops.accept(a, today=BEFORE)
    # waitlisted in the order d, b, c: d waited longest
    for e in (d, b, c):
        ops.waitlist(e, today=BEFORE)
    ops.withdraw(a, today=date(2015, 2, 1))
    assert statuses([a, b, c, d]) == ["withdrawn", "waitlisted", "waitlisted", "accepted"]
    ops.withdraw(d, today=date(2015, 2, 2))
    assert statuses([b, c]) == ["accepted", "waitlisted"]


def test_same_waitlisted_time_promotes_the_lower_id(db):
    klass, (a, b, c, _) = roster(db, capacity=1)
    ops.accept(a, today=BEFORE)
    ops.waitlist(c, today=BEFORE)
    ops.waitlist(b, today=BEFORE)
    c.waitlisted_at = b.waitlisted_at
    ops.withdraw(a, today=BEFORE)
    assert statuses([b, c]) == ["accepted", "waitlisted"]


def test_withdrawing_a_nomination_promotes_nobody(db):
    klass, (a, b, c, _) = roster(db, capacity=1)
    ops.accept(a, today=BEFORE)
    ops.waitlist(b, today=BEFORE)
    ops.withdraw(c, today=BEFORE)
    assert statuses([a, b]) == ["accepted", "waitlisted"]


def test_completion_confers_the_qualification_once(db):
    klass, (a, *_) = roster(db)
    ops.accept(a, today=BEFORE)
    outcome = ops.record_result(a, "completed", date(2015, 12, 20))
    first = outcome.qualification
    assert outcome.qualification_change == "awarded"
    assert (first.track, first.level, first.awarded_on, first.source_enrolment_id) == (
        "pol",
        "intermediate",
        date(2015, 12, 20),
        a.id,
    )
    again = ops.record_result(a, "completed", date(2015, 12, 20))
    assert (again.changed, again.qualification_change, again.qualification.id) == (False, None, first.id)
    rows = db.session.scalars(select(Qualification).where(Qualification.person_id == a.person_id)).all()
    assert len(rows) == 1
    assert (a.status, a.completed_on) == ("completed", date(2015, 12, 20))


def test_failing_confers_nothing_and_becomes_completed_only_by_a_correction(db):
    _, (a, *_) = roster(db)
    ops.accept(a, today=BEFORE)
    assert ops.record_result(a, "failed", date(2015, 12, 20)).qualification is None
    with pytest.raises(RosterRefused) as refused:
        ops.record_result(a, "completed", date(2015, 12, 20))
    assert refused.value.code == "correction_needs_reason"
    assert db.session.scalars(select(Qualification)).all() == []


def test_a_refresher_confers_nothing(db):
    _, (a, *_) = roster(db, kind="refresher", track=None, level=None)
    ops.accept(a, today=BEFORE)
    assert ops.record_result(a, "completed", date(2015, 12, 20)).qualification is None
    assert a.status == "completed"


def test_result_needs_an_accepted_person_and_a_date(db):
    _, (a, *_) = roster(db)
    with pytest.raises(RosterRefused) as refused:
        ops.record_result(a, "completed", date(2015, 12, 20))
    assert refused.value.code == "transition"
    ops.accept(a, today=BEFORE)
    with pytest.raises(RosterRefused) as refused:
        ops.record_result(a, "completed", None)
    assert refused.value.code == "result_needs_date"
    with pytest.raises(RosterRefused) as refused:
        ops.record_result(a, "completed", date(2015, 2, 1))
    assert refused.value.code == "result_before_start"


def test_attendance_per_session_day(db):
    klass, (a, b, *_) = roster(db)
    ops.set_session_days(klass, [date(2015, 3, 2), date(2015, 3, 3)])
    ops.accept(a, today=BEFORE)
    first, second = klass.session_days
    ops.record_attendance(first, a, True)
    ops.record_attendance(second, a, False, note="nghỉ có phép")
    ops.record_attendance(second, a, True)
    assert [(r.present, r.note) for r in sorted(a_rows(db, a), key=lambda r: r.session_day_id)] == [
        (True, None),
        (True, None),
    ]
    with pytest.raises(RosterRefused) as refused:
        ops.record_attendance(first, b, True)
    assert refused.value.code == "not_in_class"


def a_rows(db, enrolment):
    from nq05.classes.models import Attendance

    return db.session.scalars(select(Attendance).where(Attendance.enrolment_id == enrolment.id)).all()


def test_schedule_validation_and_publish(db):
    programme, centre = f.programme(), f.centre()
    kwargs = dict(start_date=date(2015, 3, 1), end_date=date(2015, 6, 1), capacity=10)
    for bad, code in (
        (dict(end_date=date(2015, 2, 1)), "dates_out_of_order"),
        (dict(capacity=-1), "capacity_negative"),
        (dict(enrol_deadline=date(2015, 3, 2)), "deadline_after_start"),
        (dict(session_days=[date(2015, 7, 1)]), "session_day_outside"),
    ):
        with pytest.raises(RosterRefused) as refused:
            ops.schedule_class(programme, centre, **{**kwargs, **bad})
        assert refused.value.code == code
    klass = ops.schedule_class(
        programme, centre, **kwargs, enrol_deadline=date(2015, 3, 1), session_days=[date(2015, 3, 2)]
    )
    assert klass.code == f"{programme.code}-2015-01" and not klass.is_published
    assert [s.day for s in klass.session_days] == [date(2015, 3, 2)]
    ops.publish_class(klass)
    assert klass.is_published
    assert ops.schedule_class(programme, centre, **kwargs).code == f"{programme.code}-2015-02"


def test_capacity_change(db):
    klass, (a, b, c, d) = roster(db, capacity=1)
    ops.accept(a, today=BEFORE)
    ops.waitlist(c, today=BEFORE)
    ops.waitlist(b, today=BEFORE)
    ops.waitlist(d, today=BEFORE)
    dates = dict(start_date=klass.start_date, end_date=klass.end_date, enrol_deadline=None, place="Phòng 2")
    with pytest.raises(RosterRefused) as refused:
        ops.update_class(klass, capacity=0, **dates)
    assert refused.value.code == "capacity_below_seats"
    promoted = ops.update_class(klass, capacity=3, **dates)
    assert [e.id for e in promoted] == [c.id, b.id]
    assert statuses([a, b, c, d]) == ["accepted", "accepted", "accepted", "waitlisted"]
    assert (klass.capacity, klass.place) == (3, "Phòng 2")
