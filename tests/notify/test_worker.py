"""A real Celery worker on real Redis sends reminders to a real SMTP server, exactly once."""

from __future__ import annotations

import collections
import time
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.notify.data import EXPECTED_TODAY, TODAY, make_province
from tests.notify.services import html_body, text_body, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.service]


def _statuses(db) -> collections.Counter:
    from nq05.notify.models import Reminder

    db.session.rollback()
    counts = collections.Counter(
        dict(db.session.execute(select(Reminder.status, func.count()).group_by(Reminder.status)).all())
    )
    db.session.rollback()
    return counts


def _publish(name, *args):
    from nq05.notify.dispatch import publish

    assert publish([(name, args)])


def test_a_worker_delivers_every_kind_of_reminder(queue_app, db, users, mailbox, worker):
    province = make_province(db, users)
    _publish("nq05.notify.scan_reminders", TODAY.isoformat())
    wait_for(lambda: _statuses(db)["sent"] == len(EXPECTED_TODAY), 90, message="every reminder sent")
    time.sleep(0.5)
    got = [(kind_msg["X-NQ05-Reminder"].split()[1], rcpt[0]) for rcpt, kind_msg in mailbox.messages]
    assert sorted(got) == sorted(EXPECTED_TODAY)
    for rcpt, msg in mailbox.messages:
        assert msg["To"] == rcpt[0]
        assert msg["From"].addresses[0].addr_spec == "nhac-viec@nq05.test"
        assert "Kính gửi" in text_body(msg) and "Kính gửi" in html_body(msg)

    ((rcpt, returned),) = mailbox.for_kind("plan_returned")
    assert rcpt == ["head.a@nq05.test"]
    assert (
        returned["Subject"]
        == "Kế hoạch đào tạo, bồi dưỡng năm 2026 (lần 1) bị trả lại: đề nghị trình lại trước ngày 03/12/2025 (Huyện An Hòa)"
    )
    assert "Thiếu danh sách nguồn cho lớp trung cấp lý luận chính trị." in text_body(returned)
    assert f"http://nq05.test/plans/{province.plans['returned'].id}" in text_body(returned)

    ((rcpt, approved),) = mailbox.for_kind("plan_approved")
    assert rcpt == ["head.b@nq05.test"] and "đã được phê duyệt" in approved["Subject"]

    due = {r[0]: m for r, m in mailbox.for_kind("plan_due_14")}
    assert set(due) == {"head.a@nq05.test", "head.a1@nq05.test"}
    assert "30/11/2025" in text_body(due["head.a1@nq05.test"]) and "http://nq05.test/plans/" in text_body(
        due["head.a1@nq05.test"]
    )

    ((rcpt, waiting),) = mailbox.for_kind("nominations_waiting")
    assert rcpt == ["centre.2@nq05.test"]
    assert "Lớp K2" in text_body(
        waiting
    ) and f"http://nq05.test/classes/{province.classes['waiting'].id}" in text_body(waiting)

    starting = {r[0]: m for r, m in mailbox.for_kind("class_starting")}
    assert set(starting) == {"mot@nq05.test", "hai@nq05.test", "head.a@nq05.test", "head.b@nq05.test"}
    assert "Kính gửi: Đồng chí Nguyễn Văn Một" in text_body(starting["mot@nq05.test"])
    assert "Nguyễn Văn Một" in text_body(starting["head.a@nq05.test"]) and "Trần Thị Hai" not in text_body(
        starting["head.a@nq05.test"]
    )
    assert (
        starting["mot@nq05.test"]["Subject"]
        == "Lớp K1 (Trung cấp lý luận chính trị) khai giảng ngày 25/11/2025"
    )

    promoted = {r[0]: m for r, m in mailbox.for_kind("waitlist_promoted")}
    assert set(promoted) == {"hai@nq05.test", "head.b@nq05.test"}
    assert "từ danh sách chờ" in text_body(promoted["hai@nq05.test"])

    ((rcpt, results),) = mailbox.for_kind("results_overdue")
    assert rcpt == ["centre.1@nq05.test"] and "cập nhật kết quả học tập lớp K3" in results["Subject"]

    # the Monday after: the weekly reminders again, and the digest of the findings first seen
    _publish("nq05.notify.scan_reminders", "2025-11-24")
    wait_for(lambda: _statuses(db)["sent"] == len(EXPECTED_TODAY) + 3, 90, message="the Monday reminders")
    time.sleep(0.3)
    ((rcpt, digest),) = mailbox.for_kind("findings_digest")
    assert (
        rcpt == ["admin@nq05.test"] and "lỗi, cảnh báo, lưu ý mới" in digest["Subject"]
    )  # as the real engine found them
    assert "http://nq05.test/progress/findings" in text_body(digest)
    assert len(mailbox.for_kind("nominations_waiting")) == 2 and len(mailbox.for_kind("results_overdue")) == 2


def _many_reminders(db, n: int) -> None:
    from nq05.notify.scan import insert_new

    rows = [
        {
            "kind": "plan_approved",
            "object_id": i,
            "recipient": f"nguoi{i:03d}@nq05.test",
            "event_date": date(2025, 11, 19),
            "context": {
                "plan_id": i,
                "unit_name": f"Đơn vị {i}",
                "year": 2026,
                "version": 1,
                "decided_on": "2025-11-19",
                "comment": "",
            },
        }
        for i in range(1, n + 1)
    ]
    assert insert_new(rows) == n
    db.session.commit()


def test_kill_9_in_the_middle_of_a_batch_then_restart_loses_nothing_and_doubles_only_what_was_in_data(
    queue_app, db, mailbox, start_worker
):
    from nq05.notify.models import Reminder

    _many_reminders(db, 200)
    mailbox.delay = 0.01
    first = start_worker("crash")  # its beat queues the batch within a second
    wait_for(lambda: len(mailbox.messages) >= 40, 60, 0.02, message="the batch to be under way")
    first.kill()
    at_crash = len(mailbox.messages)
    assert at_crash < 200, "the batch ended before the crash: make it slower"
    # two workers (and two beats) take over
    again = start_worker("after-crash-1", "after-crash-2")
    try:
        wait_for(lambda: _statuses(db)["sent"] == 200, 150, 0.25, message="all 200 reminders sent")
        time.sleep(1.5)  # anything sent twice would arrive now
        copies = collections.Counter(mailbox.reminder_ids())
        assert set(copies) == set(range(1, 201))  # none lost
        # a message the worker was handing over (DATA begun) when killed may have reached the
        # server: it is sent once more, with the same Message-ID, and marked for the admin
        unconfirmed = set(db.session.scalars(select(Reminder.id).where(Reminder.unconfirmed == 1)))
        assert len(unconfirmed) <= 2  # the worker's pool sends two at a time
        assert {i for i, n in copies.items() if n > 1} <= unconfirmed
        assert max(copies.values()) <= 2
        ids = {m["Message-ID"] for _, m in mailbox.messages}
        assert len(ids) == 200
        assert _statuses(db) == {"sent": 200}
    finally:
        for worker in again:
            worker.stop()


def test_an_smtp_server_that_refuses_then_accepts(queue_app, db, mailbox, worker):
    from nq05.notify.models import Reminder

    mailbox.refuse = 2
    _many_reminders(db, 1)
    wait_for(lambda: _statuses(db)["sent"] == 1, 30, message="the reminder sent after two refusals")
    time.sleep(0.5)
    assert mailbox.refused == 2
    assert len(mailbox.messages) == 1
    reminder = db.session.scalars(select(Reminder)).one()
    assert reminder.status == "sent" and reminder.attempts == 3
    assert "451" in reminder.last_error  # the last refusal, kept for the admin page


def test_a_permanent_refusal_is_failed_with_the_reason(queue_app, db, mailbox, worker):
    from nq05.notify.models import Reminder

    _many_reminders(db, 1)
    db.session.execute(Reminder.__table__.update().values(recipient="khong-ton-tai@nq05.test"))
    db.session.commit()

    async def refuse_rcpt(server, session, envelope, address, rcpt_options):
        return "550 5.1.1 No such user"

    mailbox.handle_RCPT = refuse_rcpt
    try:
        wait_for(lambda: _statuses(db)["failed"] == 1, 60, message="the reminder failed")
    finally:
        del mailbox.handle_RCPT
    reminder = db.session.scalars(select(Reminder)).one()
    assert "550" in reminder.last_error and reminder.attempts == 1
    assert mailbox.messages == []


def test_a_worker_killed_while_the_server_holds_back_a_refusal_loses_nothing(
    queue_app, db, mailbox, start_worker
):
    """The server takes its time over the end of DATA (then would say 451) and the worker is
    killed meanwhile: once its claim expires the reminder is sent again, with the same Message-ID,
    and marked as possibly doubled (here it is not: the server had refused the first copy)."""
    from nq05.notify.models import Reminder

    _many_reminders(db, 1)
    mailbox.late_refusals, mailbox.late_by = 1, 30
    first = start_worker("killed-in-data")
    wait_for(mailbox.holding.is_set, 30, 0.05, message="the end of DATA to reach the server")
    first.kill()
    assert _statuses(db) == {"sending": 1}
    again = start_worker("after-kill")
    try:
        wait_for(lambda: _statuses(db)["sent"] == 1, 60, 0.25, message="the reminder sent by the next worker")
    finally:
        again.stop()
    reminder = db.session.scalars(select(Reminder)).one()
    assert (reminder.unconfirmed, reminder.attempts) == (1, 2)
    assert [m["Message-ID"] for _, m in mailbox.messages] == [f"<nq05-reminder-{reminder.id}@nq05.test>"]
