"""The class pages as each role sees them: scheduling, nominating, deciding, results, documents."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from flask import render_template_string
from openpyxl import load_workbook
from sqlalchemy import select

from nq05 import clock
from nq05.classes import operations as ops
from nq05.classes.models import Enrolment, TrainingClass
from nq05.staff.models import Qualification
from tests import factories as f
from tests.web.helpers import login

TODAY = clock.today()


@pytest.fixture()
def scene(db, users):
    """A published class at centre C1 starting in a month; two people in HA, one in HB."""
    programme = f.programme(name="Trung cấp lý luận chính trị - hành chính")
    klass = f.training_class(
        programme,
        users.centres["C1"],
        start=TODAY + timedelta(days=30),
        end=TODAY + timedelta(days=120),
        capacity=1,
    )
    ha, hb = users.units["HA"], users.units["HB"]
    an = f.person(ha, name="Nguyễn Văn An")
    qualified = f.person(ha, name="Lê Thị Đủ", qualifications=[("pol", "advanced", None)])
    other = f.person(hb, name="Phạm Văn Khác")
    db.session.commit()
    return klass, an, qualified, other


def test_centre_schedules_and_publishes_a_class(client, users, db):
    programme = f.programme()
    db.session.commit()
    login(client, users.centre_1)
    page = client.get("/classes/new")
    assert page.status_code == 200 and "Mở lớp mới" in page.text
    start = TODAY + timedelta(days=40)
    start -= timedelta(days=start.weekday())  # a Monday: the class runs Monday to Friday
    response = client.post(
        "/classes/new",
        data={
            "programme_id": programme.id,
            "centre_id": users.centres["C1"].id,
            "start_date": start.isoformat(),
            "end_date": (start + timedelta(days=4)).isoformat(),
            "capacity": "30",
            "enrol_deadline": (start - timedelta(days=7)).isoformat(),
            "place": "Hội trường A",
            "every_weekday": "y",
        },
    )
    assert response.status_code == 302
    klass = db.session.scalars(select(TrainingClass)).one()
    assert (klass.capacity, klass.is_published, klass.centre_id) == (30, False, users.centres["C1"].id)
    assert len(klass.session_days) == 5
    roster = client.get(f"/classes/{klass.id}")
    assert "Chưa thông báo chiêu sinh" in roster.text and "Thông báo chiêu sinh lớp này" in roster.text
    client.post(f"/classes/{klass.id}/publish")
    db.session.refresh(klass)
    assert klass.is_published


def _refused_schedule(client, users, db, **fields):
    """centre_1 posts the new-class form for centre C1 (2030-03-01 to 2030-04-01, 5 seats) with
    ``fields`` changed; the form is shown again and no class is created."""
    programme = f.programme()
    db.session.commit()
    login(client, users.centre_1)
    data = {
        "programme_id": programme.id,
        "centre_id": users.centres["C1"].id,
        "start_date": "2030-03-01",
        "end_date": "2030-04-01",
        "capacity": "5",
        **fields,
    }
    response = client.post("/classes/new", data=data)
    assert response.status_code == 200
    assert db.session.scalars(select(TrainingClass)).all() == []
    return response


def test_schedule_refuses_a_deadline_after_the_start(client, users, db):
    response = _refused_schedule(client, users, db, enrol_deadline="2030-03-05")
    assert "Hạn đăng ký phải trước hoặc bằng ngày khai giảng." in response.text


def test_centre_staff_cannot_schedule_for_another_centre(client, users, db):
    _refused_schedule(client, users, db, centre_id=users.centres["C2"].id)  # C2 is not a choice


def test_unit_head_picker_shows_eligibility_and_nominates(client, users, db, scene):
    klass, an, qualified, other = scene
    login(client, users.head_a)
    picker = client.get(f"/classes/{klass.id}/nominate")
    assert picker.status_code == 200
    assert an.full_name in picker.text and qualified.full_name in picker.text
    assert "đã có trình độ mà chương trình cấp" in picker.text
    assert other.full_name not in picker.text
    response = client.post(f"/classes/{klass.id}/nominate", data={"person_ids": [an.id]})
    assert response.status_code == 302
    enrolment = db.session.scalars(select(Enrolment)).one()
    assert (enrolment.person_id, enrolment.status, enrolment.nominated_by_id) == (
        an.id,
        "nominated",
        users.head_a.id,
    )


def test_unit_head_cannot_nominate_another_units_person(client, users, db, scene):
    klass, _, _, other = scene
    login(client, users.head_a)
    response = client.post(f"/classes/{klass.id}/nominate", data={"person_ids": [other.id]})
    assert response.status_code in (200, 404)
    assert db.session.scalars(select(Enrolment)).all() == []


def test_an_ineligible_nomination_is_refused_with_its_reason(client, users, db, scene):
    klass, _, qualified, _ = scene
    login(client, users.head_a)
    response = client.post(
        f"/classes/{klass.id}/nominate", data={"person_ids": [qualified.id]}, follow_redirects=True
    )
    assert "không đủ điều kiện" in response.text and "đã có trình độ" in response.text
    assert db.session.scalars(select(Enrolment)).all() == []


def test_roster_scoping(client, users, db, scene):
    klass, an, _, other = scene
    ops.nominate(klass, an.id, unit_id=users.units["HA"].id)
    ops.nominate(klass, other.id, unit_id=users.units["HB"].id)
    db.session.commit()
    login(client, users.head_a)
    page = client.get(f"/classes/{klass.id}")
    assert an.full_name in page.text and other.full_name not in page.text
    login(client, users.centre_2)
    assert client.get(f"/classes/{klass.id}").status_code == 404
    assert klass.code not in client.get("/classes/").text
    login(client, users.centre_1)
    page = client.get(f"/classes/{klass.id}")
    assert an.full_name in page.text and other.full_name in page.text
    assert "0/1 chỗ" in page.text and "chưa xét: 2" in page.text


def test_unit_head_cannot_decide(client, users, db, scene):
    klass, an, _, _ = scene
    enrolment = ops.nominate(klass, an.id, unit_id=users.units["HA"].id)
    db.session.commit()
    login(client, users.head_a)
    response = client.post(
        f"/classes/{klass.id}/enrolments/{enrolment.id}/decision", data={"decision": "accept"}
    )
    assert response.status_code == 403


def test_centre_decisions_capacity_and_promotion(client, users, db, scene):
    klass, an, _, other = scene
    a = ops.nominate(klass, an.id, unit_id=users.units["HA"].id)
    b = ops.nominate(klass, other.id, unit_id=users.units["HB"].id)
    db.session.commit()
    login(client, users.centre_1)
    url = f"/classes/{klass.id}/enrolments/%s/decision"
    client.post(url % a.id, data={"decision": "accept"})
    full = client.post(url % b.id, data={"decision": "accept"}, follow_redirects=True)
    # a full class puts the person on the waiting list and says so
    assert "Lớp đã hết chỗ; Phạm Văn Khác vào danh sách chờ." in full.text
    no_reason = client.post(url % b.id, data={"decision": "reject", "reason": ""}, follow_redirects=True)
    assert "Cần ghi lý do từ chối." in no_reason.text
    assert db.session.get(Enrolment, b.id).status == "waitlisted"
    login(client, users.head_a)
    client.post(f"/classes/{klass.id}/enrolments/{a.id}/withdraw")
    db.session.expire_all()
    assert (db.session.get(Enrolment, a.id).status, db.session.get(Enrolment, b.id).status) == (
        "withdrawn",
        "accepted",
    )


def test_result_records_the_qualification(client, users, db, scene):
    _, an, _, _ = scene
    klass = f.training_class(
        f.programme(), users.centres["C1"], start=TODAY - timedelta(days=60), end=TODAY + timedelta(days=30)
    )
    enrolment = ops.nominate(klass, an.id, unit_id=users.units["HA"].id, today=TODAY - timedelta(days=90))
    ops.accept(enrolment)
    db.session.commit()
    login(client, users.centre_1)
    on = TODAY.isoformat()
    url = f"/classes/{klass.id}/enrolments/{enrolment.id}/result"
    page = client.post(url, data={"result": "completed", "on": on}, follow_redirects=True)
    assert "được công nhận trình độ mới" in page.text
    client.post(url, data={"result": "completed", "on": on})
    rows = db.session.scalars(select(Qualification).where(Qualification.person_id == an.id)).all()
    assert [(q.track, q.level, q.awarded_on) for q in rows] == [("pol", "intermediate", TODAY)]


def test_attendance_and_documents(client, users, db, scene):
    klass, an, _, _ = scene
    enrolment = ops.nominate(klass, an.id, unit_id=users.units["HA"].id)
    ops.accept(enrolment)
    klass.start_date = TODAY - timedelta(days=10)  # the class has begun: attendance is for past days
    ops.set_session_days(klass, [klass.start_date, klass.start_date + timedelta(days=1)])
    db.session.commit()
    first, second = klass.session_days
    login(client, users.centre_1)
    client.post(f"/classes/{klass.id}/days/{first.id}/attendance", data={"present": [str(enrolment.id)]})
    client.post(f"/classes/{klass.id}/days/{second.id}/attendance", data={})
    page = client.get(f"/classes/{klass.id}")
    assert "✓" in page.text and "✗" in page.text
    sheet = client.get(f"/classes/{klass.id}/attendance-sheet")
    assert sheet.status_code == 200 and "BẢNG ĐIỂM DANH HỌC VIÊN" in sheet.text and an.full_name in sheet.text
    xlsx = client.get(f"/classes/{klass.id}/roster.xlsx")
    assert xlsx.status_code == 200
    book = load_workbook(BytesIO(xlsx.data))
    values = [c for row in book.active.iter_rows(values_only=True) for c in row]
    assert an.full_name in values and "Được nhận" in values and "x" in values and "vắng" in values
    login(client, users.head_a)
    assert client.get(f"/classes/{klass.id}/attendance-sheet").status_code == 403


def test_training_history_include(app, db, users, scene):
    klass, an, _, _ = scene
    enrolment = ops.nominate(klass, an.id, unit_id=users.units["HA"].id)
    ops.accept(enrolment)
    ops.record_result(enrolment, "completed", klass.end_date, today=klass.end_date)  # the class has ended
    db.session.commit()
    html = render_template_string('{% include "classes/_training_history.html" %}', person=an)
    assert klass.code in html and "Hoàn thành" in html and "Trung cấp" in html


def test_dashboard_panels(client, users, db, scene):
    klass, an, _, _ = scene
    ops.nominate(klass, an.id, unit_id=users.units["HA"].id)
    db.session.commit()
    login(client, users.centre_1)
    page = client.get("/")
    assert f"Lớp {klass.code}: người được cử chờ xét" in page.text
    login(client, users.centre_2)
    assert klass.code not in client.get("/").text
    login(client, users.head_b)
    page = client.get("/")
    assert "Lớp đang nhận cử người" in page.text and f"Lớp {klass.code}, khai giảng" in page.text


def test_centre_edits_a_class(client, users, db, scene):
    klass, *_ = scene
    login(client, users.centre_1)
    assert "Sửa lớp" in client.get(f"/classes/{klass.id}").text
    data = {
        "start_date": klass.start_date.isoformat(),
        "end_date": klass.end_date.isoformat(),
        "capacity": "12",
        "place": "Hội trường B",
    }
    assert client.post(f"/classes/{klass.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert (klass.capacity, klass.place) == (12, "Hội trường B")
    login(client, users.centre_2)
    assert client.post(f"/classes/{klass.id}/edit", data=data).status_code == 404


def test_nominating_nobody_says_so(client, users, db, scene):
    klass, *_ = scene
    login(client, users.head_a)
    page = client.post(f"/classes/{klass.id}/nominate", data={}, follow_redirects=True)
    assert page.status_code == 200 and "Chưa chọn người nào." in page.text


def test_the_roster_shows_the_levels_the_programme_asks_for(client, users, db):
    programme = f.programme(pre_pro="bachelor")
    klass = f.training_class(
        programme, users.centres["C1"], start=TODAY + timedelta(days=30), end=TODAY + timedelta(days=60)
    )
    person = f.person(users.units["HA"], qualifications=[("pro", "master", date(2010, 1, 1))])
    ops.nominate(klass, person.id, unit_id=users.units["HA"].id)
    db.session.commit()
    login(client, users.centre_1)
    page = client.get(f"/classes/{klass.id}").text
    assert "Trình độ khi khai giảng" in page
    assert "Chuyên môn: Thạc sĩ" in page and "Lý luận chính trị: Chưa qua đào tạo" in page


@pytest.mark.parametrize(
    "lang,integer_message,date_message",
    [
        ("vi", "Cần nhập một số nguyên.", "Ngày phải viết theo dạng ngày/tháng/năm, ví dụ 01/03/2014."),
        ("en", "Not a valid integer value.", "Write the date as day/month/year, e.g. 01/03/2014."),
    ],
)
def test_built_in_field_messages_follow_the_users_language(
    client, users, db, lang, integer_message, date_message
):
    client.set_cookie("lang", lang)
    response = _refused_schedule(client, users, db, start_date="01/03/2030x", capacity="ba mươi")
    assert integer_message in response.text and date_message in response.text, response.text
    # a value that is not a number is not also told it is out of range
    assert "không được âm" not in response.text and "cannot be negative" not in response.text
