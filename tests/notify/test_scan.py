"""The reminder scan reads the database and creates each reminder once, however often it runs."""

from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import select

from nq05.sqlite import writing
from tests.notify.data import EXPECTED_TODAY, TODAY, make_province


def _reminders(db):
    from nq05.notify.models import Reminder

    db.session.expire_all()
    return db.session.scalars(select(Reminder).order_by(Reminder.id)).all()


def test_scan_finds_every_kind_for_the_right_people(db, users):
    from nq05.notify.scan import scan

    make_province(db, users)
    assert scan(TODAY) == len(EXPECTED_TODAY)
    assert {(r.kind, r.recipient) for r in _reminders(db)} == EXPECTED_TODAY
    assert scan(TODAY) == 0  # the next scan of the same day finds nothing new


def test_scan_follows_the_calendar(db, users):
    from nq05.notify.scan import scan

    make_province(db, users)
    scan(date(2025, 11, 28))
    scan(date(2025, 12, 5))
    scan(date(2025, 12, 6))  # same overdue week: nothing new
    kinds = {
        (r.kind, r.recipient, r.event_date)
        for r in _reminders(db)
        if r.kind.startswith("plan_due") or r.kind == "plan_overdue"
    }
    assert kinds == {
        ("plan_due_3", "head.a@nq05.test", date(2025, 11, 30)),
        ("plan_due_3", "head.a1@nq05.test", date(2025, 11, 30)),
        ("plan_overdue", "head.a@nq05.test", date(2025, 12, 1)),
        ("plan_overdue", "head.a1@nq05.test", date(2025, 12, 1)),
    }
    # weekly reminders come once per week
    waiting = sorted(r.event_date for r in _reminders(db) if r.kind == "nominations_waiting")
    assert waiting == [date(2025, 11, 24), date(2025, 12, 1)]


def test_a_plan_in_force_stops_the_due_reminders(db, users):
    from nq05.notify.scan import scan
    from nq05.plans.models import Plan

    province = make_province(db, users)
    db.session.add(
        Plan(
            unit=users.units["HA"], year=2026, version=2, status="submitted", submitted_on=date(2025, 11, 19)
        )
    )
    db.session.add(Plan(unit=users.units["XA1"], year=2026, version=1, status="draft"))
    db.session.commit()
    scan(TODAY)
    due = {(r.kind, r.recipient) for r in _reminders(db) if r.kind.startswith("plan_due")}
    assert due == {("plan_due_14", "head.a1@nq05.test")}  # a draft is not a plan in force
    assert province.plans["returned"].status == "returned"


def test_two_scans_at_once_create_each_reminder_once(app, db, users):
    from nq05.notify.scan import scan

    make_province(db, users)
    db.session.remove()
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            with app.app_context(), writing():  # as the scan task runs (FlaskTask)
                barrier.wait()
                scan(TODAY)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    rows = _reminders(db)
    assert len(rows) == len(EXPECTED_TODAY)
    assert {(r.kind, r.recipient) for r in rows} == EXPECTED_TODAY


def test_each_email_is_vietnamese_with_a_link_for_users(db, users):
    from nq05.notify.emails import render_reminder
    from nq05.notify.scan import scan

    province = make_province(db, users)
    scan(TODAY)
    from nq05.auth.models import User

    account_holders = set(db.session.scalars(select(User.email)))
    assert account_holders
    by_kind = {}
    linked = []  # (kind, text, html) of the emails to account holders
    for reminder in _reminders(db):
        rendered = render_reminder(reminder)
        by_kind.setdefault(reminder.kind, []).append(rendered)
        if reminder.recipient in account_holders:
            linked.append((reminder.kind, *rendered[1:]))
    returned_subject, returned_text, returned_html = by_kind["plan_returned"][0]
    assert "bị trả lại" in returned_subject
    assert "Thiếu danh sách nguồn cho lớp trung cấp lý luận chính trị." in returned_text
    assert "Thiếu danh sách nguồn" in returned_html
    assert f"/plans/{province.plans['returned'].id}" in returned_text
    due_subject, due_text, _ = by_kind["plan_due_14"][0]
    assert "chậm nhất ngày 30/11/2025" in due_subject and "còn 10 ngày" in due_text
    starting = [text for _, text, _ in by_kind["class_starting"]]
    # a person, by name and title in their unit: not "Thủ trưởng Huyện An Hòa", a territory
    assert any(
        "Nguyễn Văn Một" in t and "Kính gửi: Đồng chí Trần Văn An, Thủ trưởng đơn vị Huyện An Hòa" in t
        for t in starting
    )
    to_nominee = [(t, h) for _, t, h in by_kind["class_starting"] if "Kính gửi: Đồng chí Trần Thị Hai" in t]
    (nominee_text, nominee_html) = to_nominee[0]
    # the nominee has no account: the email says where and when, without a link they could not open
    assert "http" not in nominee_text and "href" not in nominee_html
    assert "Lớp khai giảng ngày 25/11/2025" in nominee_text
    for kind, emails in by_kind.items():
        for subject, text, html in emails:
            assert subject and "\n" not in subject, kind
            assert "Kính gửi" in text and "<html" in html, kind
    assert linked
    for kind, text, html in linked:
        assert "http" in text and "href" in html, kind


def test_the_weekly_digest_tells_admins_the_findings_first_seen_the_week_before(db, users):
    from nq05.notify.emails import render_reminder
    from nq05.notify.scan import scan

    make_province(db, users)
    scan(TODAY)  # Thursday: the two stored findings are seen for the first time
    assert not [r for r in _reminders(db) if r.kind == "findings_digest"]
    scan(date(2025, 11, 24))  # Monday: the digest of last week
    scan(date(2025, 11, 26))  # same week: no second digest
    (digest,) = [r for r in _reminders(db) if r.kind == "findings_digest"]
    assert digest.recipient == "admin@nq05.test" and digest.context["count"] == 2
    subject, text, _ = render_reminder(digest)
    assert subject == "Tổng hợp tuần: 2 lỗi, cảnh báo, lưu ý mới về tính sát thực tế của kế hoạch"
    # the units by name, never by code
    assert "Xã An Bình:" in text and "Huyện An Hòa:" in text and "/progress/findings" in text
    assert "XA1" not in text and "trước ngày 01/12/2025" in text
    scan(date(2025, 12, 1))  # nothing new the week after: no digest
    assert len([r for r in _reminders(db) if r.kind == "findings_digest"]) == 1


def test_every_email_is_an_official_notice_signed_with_the_settings_contact(db, users):
    """glossary.md's form: "Kính gửi: " a person; what is asked with "Đề nghị" and a date
    (dd/mm/yyyy); signed by the sending body of the province settings with its contact."""
    import re

    from nq05.notify.emails import render_reminder
    from nq05.notify.scan import scan
    from nq05.reference.models import Setting

    make_province(db, users)
    for key, value in {
        "notice_sender": "Sở Nội vụ tỉnh Lai Châu",
        "notice_contact_name": "Đồng chí Vũ Thị Liên, Phòng Công chức, viên chức",
        "notice_contact_phone": "0213 3876 543",
        "notice_contact_email": "daotao@snv.laichau.gov.vn",
    }.items():
        db.session.add(Setting(key=key, value=value))
    db.session.commit()
    scan(TODAY)
    scan(date(2025, 11, 24))  # the weekly digest too
    reminders = _reminders(db)
    assert {r.kind for r in reminders} >= {k for k, _ in EXPECTED_TODAY} | {"findings_digest"}
    for reminder in reminders:
        subject, text, html = render_reminder(reminder)
        first = text.splitlines()[0]
        assert first.startswith("Kính gửi: Đồng chí "), (reminder.kind, first)
        assert "Thủ trưởng Huyện" not in text and "Xin " not in text, reminder.kind
        asked = [line for line in text.splitlines() if "Đề nghị" in line]
        assert asked, reminder.kind
        if reminder.kind != "plan_approved":  # news of an approval asks for nothing by a date
            assert re.search(r"\d\d/\d\d/\d{4}", " ".join(asked)), reminder.kind
        assert "SỞ NỘI VỤ TỈNH LAI CHÂU" in text and "SỞ NỘI VỤ TỈNH LAI CHÂU" in html, reminder.kind
        assert (
            "Đầu mối liên hệ: Đồng chí Vũ Thị Liên, Phòng Công chức, viên chức, điện thoại 0213 3876 543, "
            "thư điện tử daotao@snv.laichau.gov.vn." in text
        ), reminder.kind
        assert "0213 3876 543" in html and "None" not in text + html, reminder.kind
    returned = next(r for r in reminders if r.kind == "plan_returned")
    subject, text, _ = render_reminder(returned)
    # decided 18/11/2025; 15 days to resubmit (the default notice_resubmit_days)
    assert "trước ngày 03/12/2025" in subject and "trình lại kế hoạch (lần 2) trước ngày 03/12/2025" in text
    head = next(r for r in reminders if r.kind == "results_overdue")
    assert "Kính gửi: Đồng chí Đỗ Văn Giáo, cán bộ " in render_reminder(head)[1]
