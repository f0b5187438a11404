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
    assert "còn 10 ngày" in due_subject and "30/11/2025" in due_text
    starting = [text for _, text, _ in by_kind["class_starting"]]
    assert any("Nguyễn Văn Một" in t and "Kính gửi Thủ trưởng Huyện An Hòa" in t for t in starting)
    to_nominee = [(t, h) for _, t, h in by_kind["class_starting"] if "Kính gửi đồng chí Trần Thị Hai" in t]
    (nominee_text, nominee_html) = to_nominee[0]
    # the nominee has no account: the email says where and when, without a link they could not open
    assert "http" not in nominee_text and "href" not in nominee_html
    assert "Lớp khai giảng ngày" in nominee_text
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
    assert subject == "Tổng hợp tuần: 2 phát hiện mới về tính sát thực của kế hoạch"
    assert "XA1:" in text and "HA:" in text and "/progress/findings" in text
    scan(date(2025, 12, 1))  # nothing new the week after: no digest
    assert len([r for r in _reminders(db) if r.kind == "findings_digest"]) == 1
