"""Results of a class: result, grade or score, certificate; dates within the class; corrections
that award, move or withdraw the qualification, once; the attendance minimum."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from nq05 import clock
from nq05.audit.models import AuditEntry
from nq05.classes import operations as ops
from nq05.classes.errors import RosterRefused
from nq05.classes.models import Enrolment
from nq05.staff.models import Qualification
from tests import factories as f
from tests.web.helpers import login

BEFORE = date(2015, 1, 10)
END = date(2015, 12, 31)
TODAY = clock.today()


def accepted(people=1, **programme):
    unit = f.unit()
    klass = f.training_class(f.programme(**programme), capacity=5)
    enrolments = [
        ops.nominate(klass, f.person(unit).id, unit_id=unit.id, today=BEFORE) for _ in range(people)
    ]
    for e in enrolments:
        ops.accept(e, today=BEFORE)
    return klass, enrolments


def qualifications(person_id):
    return [
        (q.level, q.awarded_on)
        for q in db_session().scalars(select(Qualification).where(Qualification.person_id == person_id))
    ]


def db_session():
    from nq05.extensions import db

    return db.session


def actions(enrolment_or_none=None):
    query = select(AuditEntry.action).order_by(AuditEntry.id)
    return list(db_session().scalars(query))


def test_a_result_with_grade_score_and_certificate(db):
    klass, (a, b, c) = accepted(people=3)
    ops.record_result(a, "completed", END, grade="good", certificate_no="123/CC-TCT", certificate_on=END)
    ops.record_result(b, "completed", END, score=Decimal("8.5"))
    ops.record_result(c, "unfinished", date(2015, 6, 1))
    assert (a.status, a.result, a.grade, a.certificate_no, a.certificate_on) == (
        "completed",
        "completed",
        "good",
        "123/CC-TCT",
        END,
    )
    assert (b.score, b.grade) == (Decimal("8.5"), None)
    # did not finish: the status is failed (a seat was held), the result says what happened
    assert (c.status, c.result, c.result_kind) == ("failed", "unfinished", "unfinished")
    assert qualifications(c.person_id) == []


@pytest.mark.parametrize(
    ("kwargs", "code", "words"),
    [
        ({"on": date(2015, 2, 28)}, "result_before_start", "trước ngày khai giảng (01/03/2015)"),
        ({"on": TODAY + timedelta(days=1)}, "result_after_today", "sau hôm nay"),
        ({"score": Decimal("10.5")}, "score_out_of_scale", "từ 0 đến 10"),
        ({"result": "failed", "certificate_no": "12"}, "certificate_needs_completed", "chứng chỉ"),
        ({"certificate_on": date(2015, 12, 1)}, "certificate_date_outside", "Ngày cấp chứng chỉ"),
        ({"result": "passed"}, "unknown_result", "không hoàn thành khóa học"),
    ],
)
def test_results_out_of_bounds_are_refused(db, kwargs, code, words):
    _, (a,) = accepted()
    args = {"result": "completed", "on": END, **kwargs}
    with pytest.raises(RosterRefused) as refused:
        ops.record_result(a, args.pop("result"), args.pop("on"), **args)
    assert refused.value.code == code and words in refused.value.message
    assert a.status == "accepted"


def test_the_score_follows_the_programme_scale(db):
    _, (a,) = accepted(score_scale=100)
    ops.record_result(a, "completed", END, score=Decimal("85"))
    assert a.score == Decimal("85")


def test_recording_completed_twice_awards_once(db):
    _, (a,) = accepted()
    first = ops.record_result(a, "completed", END)
    again = ops.record_result(a, "completed", END)
    assert (first.changed, first.qualification_change) == (True, "awarded")
    assert (again.changed, again.qualification_change) == (False, None)
    assert qualifications(a.person_id) == [("intermediate", END)]
    assert actions().count("qualification.confer") == 1


def test_a_correction_needs_a_reason_and_moves_the_qualification_to_the_new_date(db):
    _, (a,) = accepted()
    ops.record_result(a, "completed", END)
    with pytest.raises(RosterRefused) as refused:
        ops.record_result(a, "completed", date(2015, 12, 20))
    assert refused.value.code == "correction_needs_reason"
    moved = ops.record_result(a, "completed", date(2015, 12, 20), reason="Nhầm ngày thi")
    assert moved.qualification_change == "moved"
    assert qualifications(a.person_id) == [("intermediate", date(2015, 12, 20))]
    # the same correction again changes nothing
    assert ops.record_result(a, "completed", date(2015, 12, 20), reason="Nhầm ngày thi").changed is False
    assert actions().count("qualification.move") == 1


def test_completed_corrected_to_failed_withdraws_the_qualification_and_back_awards_it(db):
    _, (a,) = accepted()
    ops.record_result(a, "completed", END, grade="fair")
    withdrawn = ops.record_result(a, "failed", END, reason="Bài thi bị hủy")
    assert (withdrawn.qualification_change, a.status, a.grade) == ("withdrawn", "failed", None)
    assert qualifications(a.person_id) == []
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "enrolment.corrected")).one()
    assert entry.details["reason"] == "Bài thi bị hủy"
    assert entry.details["result"] == ["completed", "failed"] and entry.details["grade"] == ["fair", None]
    assert (entry.details["from"], entry.details["to"]) == ("completed", "failed")
    assert "qualification.withdraw" in actions()
    awarded = ops.record_result(a, "completed", END, reason="Phúc khảo đạt")
    assert (awarded.qualification_change, a.status) == ("awarded", "completed")
    assert qualifications(a.person_id) == [("intermediate", END)]


def test_filling_in_the_certificate_later_is_no_correction(db):
    _, (a,) = accepted()
    ops.record_result(a, "completed", END)
    later = ops.record_result(a, "completed", END, certificate_no="CC-01", certificate_on=END)
    assert later.changed and a.certificate_no == "CC-01"
    assert "enrolment.corrected" in actions()


def test_the_seat_count_does_not_change_with_a_correction(db):
    klass, (a,) = accepted()
    ops.record_result(a, "completed", END)
    ops.record_result(a, "unfinished", END, reason="Bỏ học giữa chừng")
    assert db.session.get(Enrolment, a.id).status == "failed"
    from nq05.classes.seats import seats_taken

    assert seats_taken(klass.id) == 1


def test_completed_below_the_attendance_minimum_needs_a_confirmation(db):
    klass, (a, b) = accepted(people=2, min_attendance=75)
    days = [date(2015, 3, 2), date(2015, 3, 3), date(2015, 3, 4), date(2015, 3, 5)]
    ops.set_session_days(klass, days)
    db.session.flush()
    for n, day in enumerate(klass.session_days):
        ops.record_attendance(day, a, n < 2)  # 2 of 4: 50%
        ops.record_attendance(day, b, n < 3)  # 3 of 4: 75%
    assert ops.attendance_rates([a.id, b.id]) == {a.id: 0.5, b.id: 0.75}
    with pytest.raises(RosterRefused) as refused:
        ops.record_result(a, "completed", END)
    assert refused.value.code == "attendance_below_minimum"
    assert "50%" in refused.value.message and "75%" in refused.value.message
    ops.record_result(a, "failed", END)  # failing needs no confirmation
    ops.record_result(a, "completed", END, reason="Học bù đủ", confirm_low_attendance=True)
    ops.record_result(b, "completed", END)  # at the minimum
    assert (a.status, b.status) == ("completed", "completed")


def test_the_default_minimum_is_eighty_percent(db):
    klass, (a,) = accepted()
    ops.set_session_days(klass, [date(2015, 3, 2) + timedelta(days=n) for n in range(5)])
    db.session.flush()
    for n, day in enumerate(klass.session_days):
        ops.record_attendance(day, a, n < 4)  # 80%
    assert ops.record_result(a, "completed", END).qualification_change == "awarded"


# --- pages -------------------------------------------------------------------------------------


@pytest.fixture()
def running(db, users):
    """A class of centre C1 that started 60 days ago, two accepted people of HA."""
    klass = f.training_class(
        f.programme(), users.centres["C1"], start=TODAY - timedelta(days=60), end=TODAY + timedelta(days=30)
    )
    ha = users.units["HA"]
    people = [f.person(ha, name=n) for n in ("Nguyễn Văn An", "Trần Thị Bình")]
    enrolments = [ops.nominate(klass, p.id, unit_id=ha.id, today=TODAY - timedelta(days=90)) for p in people]
    for e in enrolments:
        ops.accept(e)
    db.session.commit()
    return klass, enrolments


def test_the_centre_records_and_corrects_a_result_on_the_roster(client, users, db, running):
    klass, (a, b) = running
    login(client, users.centre_1)
    url = f"/classes/{klass.id}/enrolments/{a.id}/result"
    day = (TODAY - timedelta(days=1)).isoformat()
    data = {
        "result": "completed",
        "on": day,
        "grade": "Giỏi",
        "certificate_no": "45/CC",
        "certificate_on": day,
    }
    page = client.post(url, data=data, follow_redirects=True)
    assert "được công nhận trình độ mới" in page.text
    assert "Xếp loại: Giỏi" in page.text and "Chứng chỉ số 45/CC" in page.text
    again = client.post(url, data=data, follow_redirects=True)
    assert "Kết quả của Nguyễn Văn An không thay đổi." in again.text
    no_reason = client.post(
        url,
        data={**data, "result": "failed", "certificate_no": "", "certificate_on": ""},
        follow_redirects=True,
    )
    assert "Sửa kết quả đã ghi cần ghi lý do." in no_reason.text
    corrected = client.post(
        url,
        data={"result": "failed", "on": day, "grade": "", "reason": "Nhầm người"},
        follow_redirects=True,
    )
    assert "đã bị hủy" in corrected.text
    db.session.expire_all()
    assert db.session.get(Enrolment, a.id).status == "failed"
    assert qualifications(a.person_id) == []
    person_page = client.get(f"/classes/{klass.id}")
    assert "Sửa kết quả…" in person_page.text


def test_a_bad_grade_or_a_future_date_is_refused_in_words(client, users, db, running):
    klass, (a, _) = running
    login(client, users.centre_1)
    url = f"/classes/{klass.id}/enrolments/{a.id}/result"
    bad = client.post(
        url, data={"result": "completed", "on": TODAY.isoformat(), "grade": "tốt"}, follow_redirects=True
    )
    assert "Xếp loại «tốt» không hợp lệ" in bad.text
    future = client.post(
        url,
        data={"result": "completed", "on": (TODAY + timedelta(days=3)).isoformat()},
        follow_redirects=True,
    )
    assert "không được sau hôm nay" in future.text
    db.session.expire_all()
    assert db.session.get(Enrolment, a.id).status == "accepted"


def test_the_roster_shows_the_attendance_rate_and_asks_to_confirm(client, users, db, running):
    klass, (a, b) = running
    ops.set_session_days(klass, [klass.start_date, klass.start_date + timedelta(days=1)])
    db.session.flush()
    for day in klass.session_days:
        ops.record_attendance(day, a, day.day == klass.start_date)
        ops.record_attendance(day, b, True)
    db.session.commit()
    login(client, users.centre_1)
    page = client.get(f"/classes/{klass.id}")
    assert "50%" in page.text and "100%" in page.text
    # one confirmation on the rows (the person below 80%), one on the spreadsheet upload form
    assert page.text.count('<input type="checkbox" name="confirm_low_attendance" value="y">') == 1
    url = f"/classes/{klass.id}/enrolments/{a.id}/result"
    refused = client.post(url, data={"result": "completed", "on": TODAY.isoformat()}, follow_redirects=True)
    assert "thấp hơn mức tối thiểu 80%" in refused.text
    done = client.post(
        url,
        data={"result": "completed", "on": TODAY.isoformat(), "confirm_low_attendance": "y"},
        follow_redirects=True,
    )
    assert "được công nhận trình độ mới" in done.text


def test_a_unit_head_cannot_record_results(client, users, db, running):
    klass, (a, _) = running
    login(client, users.head_a)
    response = client.post(
        f"/classes/{klass.id}/enrolments/{a.id}/result", data={"result": "completed", "on": TODAY.isoformat()}
    )
    assert response.status_code == 403


def test_the_admin_sets_a_programmes_scale_and_attendance_minimum(client, users, db):
    from nq05.reference.models import Programme

    login(client, users.admin)
    data = {
        "code": "BD_QLNN",
        "name": "Bồi dưỡng quản lý nhà nước ngạch chuyên viên",
        "kind": "certificate",
        "confers": "sm:specialist",
        "duration_months": "2",
        "score_scale": "100",
        "min_attendance": "101",
    }
    refused = client.post("/admin/programmes/new", data=data)
    assert refused.status_code == 200 and db.session.scalar(select(Programme.id)) is None
    assert client.post("/admin/programmes/new", data={**data, "min_attendance": "90"}).status_code == 302
    programme = db.session.scalars(select(Programme)).one()
    assert (programme.scale, programme.attendance_minimum) == (100, 90)


def test_the_roster_and_its_results_in_english(client, users, db, running):
    klass, (a, b) = running
    ops.record_result(a, "unfinished", TODAY)
    db.session.commit()
    client.set_cookie("lang", "en")
    login(client, users.centre_1)
    page = client.get(f"/classes/{klass.id}")
    assert page.status_code == 200
    assert (
        "Did not finish" in page.text
        and "Correct the result…" in page.text
        and "Record the result…" in page.text
    )
    assert "Không hoàn thành khóa học" not in page.text
    refused = client.post(
        f"/classes/{klass.id}/enrolments/{b.id}/result",
        data={"result": "completed", "on": TODAY.isoformat(), "grade": "so-so"},
        follow_redirects=True,
    )
    assert "Grade «so-so» is not valid" in refused.text
