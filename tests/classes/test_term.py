"""A centre's term: session days from a weekly pattern over public holidays, no attendance for
future days, printed attendance sheets per week or month."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from nq05 import clock
from nq05.classes import operations as ops
from nq05.classes.models import Attendance
from nq05.classes.sessions import days_of_pattern, public_holidays
from tests import factories as f
from tests.web.helpers import login

TODAY = clock.today()


def _weekdays(start: date, end: date) -> list[date]:
    return [
        start + timedelta(days=i)
        for i in range((end - start).days + 1)
        if (start + timedelta(days=i)).weekday() < 5
    ]


def test_vietnamese_public_holidays_include_tet_and_reunification_day():
    off = public_holidays(date(2027, 1, 1), date(2027, 12, 31))
    assert off[date(2027, 4, 30)] == "Ngày Chiến thắng"
    assert off[date(2027, 9, 2)] == "Quốc khánh"
    assert date(2027, 2, 6) in off  # Tết Nguyên Đán, by the lunar calendar
    assert date(2027, 3, 15) not in off


def test_a_pattern_gives_every_day_it_names_except_holidays():
    pattern = days_of_pattern(date(2027, 4, 26), date(2027, 5, 9), [1, 4])  # Tuesdays and Fridays
    assert pattern.days == [date(2027, 4, 27), date(2027, 5, 4), date(2027, 5, 7)]
    assert list(pattern.skipped) == [date(2027, 4, 30)]


@pytest.fixture()
def long_class(db, users):
    """A class at centre C1 with 255 weekdays (Monday 04/01/2027 to Friday 24/12/2027)."""
    klass = f.training_class(f.programme(), users.centres["C1"], start="2027-01-04", end="2027-12-24")
    db.session.commit()
    return klass


def test_every_weekday_has_no_cap_and_skips_holidays(client, users, db, long_class):
    weekdays = _weekdays(long_class.start_date, long_class.end_date)
    holidays = [d for d in public_holidays(long_class.start_date, long_class.end_date) if d.weekday() < 5]
    assert len(weekdays) == 255 and len(holidays) >= 10
    login(client, users.centre_1)
    page = client.post(f"/classes/{long_class.id}/days", data={"every_weekday": "y"}, follow_redirects=True)
    db.session.refresh(long_class)
    days = [s.day for s in long_class.session_days]
    assert days == [d for d in weekdays if d not in holidays]
    assert len(days) > 200
    assert f"Đã lưu {len(days)} ngày học." in page.text
    assert "30/04/2027 (Ngày Chiến thắng)" in page.text


def test_a_weekly_pattern_within_part_of_the_class_keeps_the_other_days(client, users, db, long_class):
    ops.set_session_days(long_class, [date(2027, 1, 4), date(2027, 6, 1)])
    db.session.commit()
    login(client, users.centre_1)
    client.post(
        f"/classes/{long_class.id}/days",
        data={"pattern": ["0", "2"], "pattern_from": "2027-03-01", "pattern_to": "2027-03-14"},
    )
    db.session.refresh(long_class)
    assert [s.day for s in long_class.session_days] == [
        date(2027, 1, 4),
        date(2027, 3, 1),
        date(2027, 3, 3),
        date(2027, 3, 8),
        date(2027, 3, 10),
        date(2027, 6, 1),
    ]


@pytest.mark.parametrize(
    "dates", [{"pattern_from": "2027-01-01"}, {"pattern_to": "2027-12-31"}, {"pattern_from": "2026-12-01"}]
)
def test_a_pattern_outside_the_class_dates_is_refused(client, users, db, long_class, dates):
    login(client, users.centre_1)
    page = client.post(f"/classes/{long_class.id}/days", data={"pattern": ["1"], **dates})
    assert page.status_code == 200 and "Lịch học phải nằm trong thời gian của lớp." in page.text
    db.session.refresh(long_class)
    assert long_class.session_days == []


def test_a_pattern_giving_no_day_is_refused(client, users, db):
    klass = f.training_class(f.programme(), users.centres["C1"], start="2027-04-30", end="2027-05-01")
    db.session.commit()
    login(client, users.centre_1)
    page = client.post(f"/classes/{klass.id}/days", data={"pattern": ["4"]})  # Friday 30/04: a holiday
    assert "Lịch học này không cho ngày học nào" in page.text
    db.session.refresh(klass)
    assert klass.session_days == []


def test_no_attendance_for_a_future_day(client, users, db):
    klass = f.training_class(
        f.programme(), users.centres["C1"], start=TODAY - timedelta(days=3), end=TODAY + timedelta(days=30)
    )
    person = f.person(users.units["HA"])
    enrolment = f.enrol(person, klass, "accepted")
    past, future = (
        f.session_day(klass, TODAY - timedelta(days=1)),
        f.session_day(klass, TODAY + timedelta(days=1)),
    )
    db.session.commit()
    login(client, users.centre_1)
    assert "Chưa đến ngày học" in client.get(f"/classes/{klass.id}/days/{future.id}/attendance").text
    page = client.post(
        f"/classes/{klass.id}/days/{future.id}/attendance", data={"present": [str(enrolment.id)]}
    )
    assert "chưa điểm danh được" in page.text
    assert db.session.scalar(select(func.count()).select_from(Attendance)) == 0
    client.post(f"/classes/{klass.id}/days/{past.id}/attendance", data={"present": [str(enrolment.id)]})
    assert db.session.scalar(select(func.count()).select_from(Attendance)) == 1


def _sheets(html: str) -> list[tuple[int, bool]]:
    """(day columns, has a signature column) of each printed sheet on the page."""
    tables = re.findall(r'<table class="sheet">(.*?)</table>', html, re.S)
    return [(len(re.findall(r'<th class="day">', t)), '<th class="sign">Ký tên</th>' in t) for t in tables]


def test_print_sheets_per_month_and_per_week_fit_a_page(client, users, db, long_class):
    person = f.person(users.units["HA"], name="Trần Thị Học")
    f.enrol(person, long_class, "accepted")
    ops.set_session_days(
        long_class, days_of_pattern(long_class.start_date, long_class.end_date, range(5)).days
    )
    db.session.commit()
    n = len(long_class.session_days)
    login(client, users.centre_1)
    monthly = client.get(f"/classes/{long_class.id}/attendance-sheet")
    assert monthly.status_code == 200 and "Trần Thị Học" in monthly.text
    sheets = _sheets(monthly.text)
    assert len(sheets) == 12 and all(sign for _, sign in sheets)
    assert sum(days for days, _ in sheets) == n and max(days for days, _ in sheets) <= 23
    assert "Tháng 01/2027" in monthly.text
    weekly = _sheets(client.get(f"/classes/{long_class.id}/attendance-sheet?per=week").text)
    assert len(weekly) == 51 and sum(days for days, _ in weekly) == n
    assert max(days for days, _ in weekly) == 5 and all(sign for _, sign in weekly)


def test_a_class_without_session_days_prints_one_blank_sheet(client, users, db, long_class):
    login(client, users.centre_1)
    assert _sheets(client.get(f"/classes/{long_class.id}/attendance-sheet").text) == [(10, True)]


def test_typed_days_on_a_holiday_are_kept_and_pointed_out(client, users, db, long_class):
    login(client, users.centre_1)
    page = client.post(
        f"/classes/{long_class.id}/days",
        data={"session_days": "29/04/2027\n30/04/2027"},
        follow_redirects=True,
    )
    db.session.refresh(long_class)
    assert [s.day for s in long_class.session_days] == [date(2027, 4, 29), date(2027, 4, 30)]
    assert "Lưu ý: có ngày học vào ngày nghỉ lễ: 30/04/2027 (Ngày Chiến thắng)." in page.text
