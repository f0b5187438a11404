"""Logistics of a term: fee per head and funding source per class (roster, .xlsx, the centre's
yearly sums), lecturer and room per session day with the values typed before offered again."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from nq05.audit.models import AuditEntry
from nq05.classes.models import TrainingClass
from tests import factories as f
from tests.web.helpers import login


def _schedule(client, users, programme, **fields):
    return client.post(
        "/classes/new",
        data={
            "programme_id": programme.id,
            "centre_id": users.centres["C1"].id,
            "code": "LOP-PHI",
            "start_date": "2027-03-01",
            "end_date": "2027-04-30",
            "capacity": "30",
            **fields,
        },
    )


def test_a_class_has_a_fee_per_head_and_a_funding_source(client, users, db):
    programme = f.programme()
    db.session.commit()
    login(client, users.centre_1)
    response = _schedule(client, users, programme, fee_per_head="1500000", funding_source="Ngân sách tỉnh")
    assert response.status_code == 302
    klass = db.session.scalars(select(TrainingClass)).one()
    assert (klass.fee_per_head, klass.funding_source) == (1_500_000, "Ngân sách tỉnh")
    f.enrol(f.person(users.units["HA"], name="Đào Thị Phí"), klass, "accepted")
    db.session.commit()
    roster = client.get(f"/classes/{klass.id}")
    assert "1.500.000 đồng" in roster.text and "Nguồn kinh phí: Ngân sách tỉnh" in roster.text
    sheet = load_workbook(BytesIO(client.get(f"/classes/{klass.id}/roster.xlsx").data)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert 1_500_000 in values and "Ngân sách tỉnh" in values and "Kinh phí mỗi học viên (đồng)" in values
    assert [c.value for c in sheet[6]][:3] == ["STT", "Mã cán bộ", "Họ và tên"]  # the header keeps its row
    # the edit form changes them; an empty fee clears it
    client.post(
        f"/classes/{klass.id}/edit",
        data={
            "start_date": "2027-03-01",
            "end_date": "2027-04-30",
            "capacity": "30",
            "fee_per_head": "",
            "funding_source": "Đơn vị cử đi học chi trả",
        },
    )
    db.session.refresh(klass)
    assert (klass.fee_per_head, klass.funding_source) == (None, "Đơn vị cử đi học chi trả")


def test_a_negative_fee_is_refused(client, users, db):
    programme = f.programme()
    db.session.commit()
    login(client, users.centre_1)
    page = _schedule(client, users, programme, fee_per_head="-5")
    assert page.status_code == 200 and "Kinh phí mỗi học viên không được âm." in page.text
    assert db.session.scalars(select(TrainingClass)).all() == []


def test_funding_sources_typed_before_are_offered(client, users, db):
    f.training_class(f.programme(), users.centres["C1"]).funding_source = "Ngân sách huyện"
    f.training_class(f.programme(), users.centres["C2"]).funding_source = "Quỹ riêng của trung tâm khác"
    db.session.commit()
    login(client, users.centre_1)
    page = client.get("/classes/new")
    assert '<option value="Ngân sách huyện">' in page.text
    assert "Quỹ riêng của trung tâm khác" not in page.text


@pytest.fixture()
def timetabled(db, users):
    klass = f.training_class(f.programme(), users.centres["C1"], start="2027-03-01", end="2027-03-31")
    days = [f.session_day(klass, d) for d in ("2027-03-01", "2027-03-02", "2027-03-03")]
    other = f.training_class(f.programme(), users.centres["C1"], start="2027-05-01", end="2027-05-31")
    f.session_day(other, "2027-05-03")
    db.session.commit()
    return klass, days, other


def test_lecturer_and_room_per_session_day(client, users, db, timetabled):
    klass, (monday, tuesday, wednesday), other = timetabled
    login(client, users.centre_1)
    response = client.post(
        f"/classes/{klass.id}/timetable",
        data={
            f"lecturer-{monday.id}": "TS. Nguyễn Văn Giảng",
            f"room-{monday.id}": " Phòng 201 ",
            f"lecturer-{tuesday.id}": "ThS. Lê Thị Dạy",
            f"room-{tuesday.id}": "Phòng 201",
        },
        follow_redirects=True,
    )
    assert "Đã lưu giảng viên, phòng học của 2 ngày học." in response.text
    db.session.refresh(monday)
    db.session.refresh(wednesday)
    assert (monday.lecturer, monday.room) == ("TS. Nguyễn Văn Giảng", "Phòng 201")
    assert (wednesday.lecturer, wednesday.room) == (None, None)
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "class.timetable")) is not None
    # the values typed are offered on the centre's other class, most used first
    page = client.get(f"/classes/{other.id}/timetable")
    rooms = page.text.split('<datalist id="rooms">', 1)[1].split("</datalist>", 1)[0]
    assert rooms == '<option value="Phòng 201">'
    assert '<option value="TS. Nguyễn Văn Giảng">' in page.text
    # another centre is not offered them
    own = f.training_class(f.programme(), users.centres["C2"], start="2027-05-01", end="2027-05-31")
    f.session_day(own, "2027-05-04")
    db.session.commit()
    login(client, users.centre_2)
    assert "Nguyễn Văn Giảng" not in client.get(f"/classes/{own.id}/timetable").text


def test_one_lecturer_and_room_for_many_days(client, users, db, timetabled):
    klass, (monday, tuesday, wednesday), _ = timetabled
    monday.room = "Phòng 105"
    db.session.commit()
    login(client, users.centre_1)
    page = client.post(
        f"/classes/{klass.id}/timetable/fill",
        data={"lecturer": "TS. Hoàng Văn Chung", "weekdays": ["0", "2"]},
        follow_redirects=True,
    )
    assert "Đã lưu giảng viên, phòng học của 2 ngày học." in page.text
    for day in (monday, tuesday, wednesday):
        db.session.refresh(day)
    assert [(d.lecturer, d.room) for d in (monday, tuesday, wednesday)] == [
        ("TS. Hoàng Văn Chung", "Phòng 105"),  # a room left blank keeps the day's room
        (None, None),
        ("TS. Hoàng Văn Chung", None),
    ]
    client.post(
        f"/classes/{klass.id}/timetable/fill",
        data={"room": "Hội trường A", "fill_from": "2027-03-02", "fill_to": "2027-03-02"},
    )
    db.session.refresh(tuesday)
    assert (tuesday.lecturer, tuesday.room) == (None, "Hội trường A")
    nothing = client.post(f"/classes/{klass.id}/timetable/fill", data={"weekdays": ["1"]})
    assert "Cần ghi giảng viên hoặc phòng học." in nothing.text
    none_left = client.post(
        f"/classes/{klass.id}/timetable/fill", data={"lecturer": "Ai Đó", "weekdays": ["5"]}
    )
    assert "Không có ngày học nào trong khoảng đã chọn." in none_left.text
    login(client, users.centre_2)
    assert client.post(f"/classes/{klass.id}/timetable/fill", data={"lecturer": "X"}).status_code in (
        403,
        404,
    )


def test_who_may_fill_in_the_timetable(client, users, db, timetabled):
    klass, (monday, *_), _ = timetabled
    data = {f"lecturer-{monday.id}": "Người Lạ"}
    login(client, users.centre_2)
    assert client.post(f"/classes/{klass.id}/timetable", data=data).status_code in (403, 404)
    login(client, users.head_a)
    page = client.get(f"/classes/{klass.id}/timetable")
    assert page.status_code == 200 and "<input" not in page.text.split('<table class="timetable">', 1)[1]
    assert client.post(f"/classes/{klass.id}/timetable", data=data).status_code == 403
    db.session.refresh(monday)
    assert monday.lecturer is None


def test_the_centres_page_sums_fees_per_year(client, users, db):
    c1 = users.centres["C1"]
    a = f.training_class(f.programme(), c1, start="2027-03-01", end="2027-04-01", capacity=10)
    a.fee_per_head, a.funding_source = 1_000_000, "Ngân sách tỉnh"
    b = f.training_class(f.programme(), c1, start="2027-06-01", end="2027-07-01", capacity=10)
    b.fee_per_head, b.funding_source = 2_500_000, "Ngân sách tỉnh"
    c = f.training_class(f.programme(), c1, start="2028-03-01", end="2028-04-01", capacity=10)
    elsewhere = f.training_class(f.programme(), users.centres["C2"], start="2027-03-01", end="2027-04-01")
    elsewhere.fee_per_head = 9_000_000
    for i, status in enumerate(("accepted", "completed", "failed", "waitlisted", "nominated")):
        for klass in (a, b, c, elsewhere) if i < 2 else (a, c, elsewhere):
            result = {"completed_on": klass.end_date} if status in ("completed", "failed") else {}
            f.enrol(f.person(users.units["HA"]), klass, status, **result)
    db.session.commit()
    login(client, users.centre_1)
    page = client.get(f"/classes/centres/{c1.id}")
    assert page.status_code == 200

    def total_row(year):
        row = page.text.split(f'data-year="{year}"', 1)[1].split("</tr>", 1)[0]
        return re.findall(r"<strong>([^<]*)</strong>", row)

    # 2027: 3 seats × 1.000.000 + 2 seats × 2.500.000 = 8.000.000 đồng, 2 classes, 5 learners
    assert total_row(2027) == ["Cộng năm 2027", "2", "5", "8.000.000", "0"]
    assert total_row(2028) == ["Cộng năm 2028", "1", "3", "0", "1"]  # no fee: counted apart
    assert "9.000.000" not in page.text and "27.000.000" not in page.text


@pytest.mark.parametrize(
    "role,ok", [("centre_1", True), ("admin", True), ("centre_2", False), ("head_a", False)]
)
def test_who_may_open_a_centres_page(client, users, db, role, ok):
    login(client, getattr(users, role))
    status = client.get(f"/classes/centres/{users.centres['C1'].id}").status_code
    assert (status == 200) == ok and status in (200, 403, 404)
