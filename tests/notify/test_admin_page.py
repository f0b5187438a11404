"""/admin/reminders: admins see the reminders and resend a failed one; others may not look."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tests.notify.data import TODAY, make_province
from tests.web.helpers import login


def _fail_one(db) -> int:
    from nq05.notify.models import Reminder

    reminder = db.session.scalars(select(Reminder).where(Reminder.kind == "plan_returned")).one()
    reminder.status = "failed"
    reminder.attempts = 6
    reminder.last_error = "TransientMailError: (451, b'4.3.0 Try again later')"
    db.session.commit()
    return reminder.id


def test_admin_lists_reminders_and_resends_a_failed_one(client, db, users):
    from nq05.notify.models import Reminder
    from nq05.notify.scan import scan

    make_province(db, users)
    scan(TODAY)
    failed_id = _fail_one(db)
    login(client, users.admin)
    page = client.get("/admin/reminders")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Lời nhắc qua thư điện tử" in html
    assert "head.a@nq05.test" in html and "Kế hoạch bị trả lại" in html
    assert "4.3.0 Try again later" in html and "Gửi lại" in html

    only_failed = client.get("/admin/reminders?status=failed").get_data(as_text=True)
    assert "centre.1@nq05.test" not in only_failed and "head.a@nq05.test" in only_failed

    response = client.post(f"/admin/reminders/{failed_id}/resend")
    assert response.status_code == 302
    db.session.expire_all()
    reminder = db.session.get(Reminder, failed_id)
    assert reminder.status == "pending" and reminder.attempts == 0
    # resending one that is neither failed nor uncertain does nothing
    client.post(f"/admin/reminders/{failed_id}/resend")
    assert db.session.get(Reminder, failed_id).status == "pending"


def test_only_admins_see_the_page(client, db, users):
    for user in (users.head_a, users.centre_1):
        login(client, user)
        assert client.get("/admin/reminders").status_code == 403
    client.post("/logout")
    assert client.get("/admin/reminders").status_code in (302, 401)


def test_admins_see_a_banner_when_no_worker_answers(client, db, users):
    from nq05.clock import utcnow
    from nq05.notify.heartbeat import beat_now
    from nq05.notify.models import WorkerHeartbeat

    login(client, users.admin)
    assert "Chưa có tiến trình nền nào trả lời" in client.get("/admin/reminders").get_data(as_text=True)

    beat_now("mail", "celery@may-chu-1")
    assert "worker-banner" not in client.get("/").get_data(as_text=True)

    row = db.session.scalars(select(WorkerHeartbeat)).one()
    row.seen_at = utcnow() - timedelta(minutes=31)
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "worker-banner" in page and "Không có tiến trình nền nào trả lời từ" in page

    login(client, users.head_a)  # not for unit heads
    assert "worker-banner" not in client.get("/").get_data(as_text=True)


def test_the_page_speaks_words_and_vietnam_time(client, db, users):
    """Kinds by name (codes only in the filter's values), statuses in words, times in Vietnam
    time without "(UTC)"."""
    import re
    from datetime import datetime

    from nq05.notify.models import RecomputeRun, Reminder
    from nq05.notify.scan import scan

    make_province(db, users)
    scan(TODAY)
    sent = db.session.scalars(select(Reminder).where(Reminder.kind == "plan_due_14")).first()
    sent.status, sent.sent_at = "sent", datetime(2025, 11, 20, 14, 41)  # UTC
    db.session.commit()
    at = datetime(2025, 11, 20, 14, 40)
    db.session.add(RecomputeRun(units="HA", started_at=at, finished_at=at, outcome="ok"))
    db.session.commit()
    login(client, users.admin)
    html = client.get("/admin/reminders").get_data(as_text=True)
    assert "20/11/2025 21:41" in html and "14:41" not in html and "UTC" not in html
    assert "Nhắc hạn trình kế hoạch (còn 14 ngày)" in html and "Đã gửi" in html and "Chờ gửi" in html
    assert "20/11/2025 21:40 · HA · hoàn tất" in html
    # a code may stand in a URL or a form value, never in the text a reader sees
    visible = re.sub(r"<[^>]+>", " ", html)
    for code in ("plan_due_14", "plan_returned", "class_starting", "pending", "sent"):
        assert not re.search(rf"\b{code}\b", visible), code
