"""One reminder to a real SMTP server (aiosmtpd on loopback): what is sent, and what happens when
the server is slow to answer the end of DATA."""

from __future__ import annotations

import email
from datetime import date
from email import policy
from email.header import decode_header, make_header

import pytest
from sqlalchemy import select

from tests.notify.data import TODAY, make_province

pytestmark = pytest.mark.service


@pytest.fixture()
def smtp_app(app, smtp, monkeypatch):
    """The test app sending to the aiosmtpd server; the end of DATA waited for one second."""
    for key, value in {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp.port,
        "MAIL_FROM": "nhac-viec@nq05.test",
        "MAIL_TIMEOUT": 5,
        "MAIL_DATA_TIMEOUT": 1,
        "BASE_URL": "https://daotao.laichau.example.gov.vn",
    }.items():
        monkeypatch.setitem(app.config, key, value)
    return app


def _one_reminder(db, unit_name="Sở Nội vụ") -> int:
    from nq05.notify.scan import insert_new

    insert_new(
        [
            {
                "kind": "plan_approved",
                "object_id": 7,
                "recipient": "nguoi.nhan@nq05.test",
                "event_date": date(2025, 11, 19),
                "context": {
                    "plan_id": 7,
                    "unit_name": unit_name,
                    "year": 2026,
                    "version": 1,
                    "decided_on": "2025-11-19",
                    "comment": "",
                },
            }
        ]
    )
    db.session.commit()
    from nq05.notify.models import Reminder

    return db.session.scalars(select(Reminder.id)).one()


def _reminder(db, reminder_id):
    from nq05.notify.models import Reminder

    db.session.expire_all()
    return db.session.get(Reminder, reminder_id)


#: a sending body long enough to be folded over two encoded words
SENDER = "Ban Tổ chức Tỉnh ủy và Sở Nội vụ tỉnh Lai Châu (Phòng Công chức, viên chức)"


def test_every_reminder_reads_back_as_written(smtp_app, db, users, mailbox):
    """Subjects and sender name (the sending body of the province settings) in Vietnamese, spaces
    and all, whichever way a reader decodes them; a Date and a Message-ID; links on BASE_URL."""
    from nq05.notify.delivery import deliver
    from nq05.notify.emails import render_reminder
    from nq05.notify.models import Reminder
    from nq05.notify.scan import scan
    from nq05.reference.models import Setting

    make_province(db, users)
    db.session.add(Setting(key="notice_sender", value=SENDER))
    db.session.commit()
    scan(TODAY)
    reminders = db.session.scalars(select(Reminder)).all()
    subjects = {r.id: render_reminder(r)[0] for r in reminders}
    for reminder_id in subjects:
        assert deliver(reminder_id).status == "sent"
    assert len(mailbox.messages) == len(subjects)
    for (_, msg), raw in zip(mailbox.messages, mailbox.raw, strict=True):
        reminder_id = int(msg["X-NQ05-Reminder"].split()[0])
        for decoded in (
            str(email.message_from_bytes(raw, policy=policy.default)["Subject"]),
            str(make_header(decode_header(email.message_from_bytes(raw)["Subject"]))),
        ):
            assert decoded == subjects[reminder_id]
        sender = SENDER
        assert msg["From"].addresses[0].display_name == sender
        assert str(make_header(decode_header(email.message_from_bytes(raw)["From"]))).startswith(
            sender + " <"
        )
        assert msg["Message-ID"] == f"<nq05-reminder-{reminder_id}@nq05.test>"
        assert msg["Date"].datetime is not None
        body = msg.get_body(preferencelist=("plain",)).get_content()
        assert "https://daotao.laichau.example.gov.vn/" in body or "Kính gửi" in body


@pytest.mark.parametrize("unit_name", ["Sở Nội vụ", "Ủy ban nhân dân huyện Tam Đường tỉnh Lai Châu"])
def test_a_long_vietnamese_subject_keeps_its_spaces(smtp_app, db, users, mailbox, unit_name):
    from nq05.notify.delivery import deliver

    reminder_id = _one_reminder(db, unit_name)
    assert deliver(reminder_id).status == "sent"
    ((_, msg),) = mailbox.messages
    subject = str(make_header(decode_header(email.message_from_bytes(mailbox.raw[0])["Subject"])))
    assert f"({unit_name})" in subject and subject == str(msg["Subject"])


def test_a_server_that_keeps_the_message_but_answers_late_gets_one_copy_more(smtp_app, db, mailbox):
    """The first end of DATA is answered after the client stopped waiting: the reminder is sent
    once more, with the same Message-ID, and the admin page will say there may be two copies."""
    from nq05.notify.delivery import deliver

    reminder_id = _one_reminder(db)
    mailbox.late, mailbox.late_by = 1, 3
    first = deliver(reminder_id)
    assert first.status == "retry" and "end of DATA" in first.error
    reminder = _reminder(db, reminder_id)
    assert (reminder.status, reminder.unconfirmed) == ("pending", 1)

    assert deliver(reminder_id).status == "sent"
    reminder = _reminder(db, reminder_id)
    assert (reminder.status, reminder.unconfirmed, reminder.attempts) == ("sent", 1, 2)
    assert [m["Message-ID"] for _, m in mailbox.messages] == [f"<nq05-reminder-{reminder_id}@nq05.test>"] * 2


def test_a_server_that_never_answers_in_time_stops_as_uncertain_after_two_copies(smtp_app, db, mailbox):
    from nq05.notify.delivery import deliver
    from nq05.notify.dispatch import take_due_reminders

    reminder_id = _one_reminder(db)
    mailbox.late, mailbox.late_by = 10, 3
    assert deliver(reminder_id).status == "retry"
    assert deliver(reminder_id).status == "uncertain"
    reminder = _reminder(db, reminder_id)
    assert (reminder.status, reminder.unconfirmed) == ("uncertain", 2)
    # never again by itself: not taken by the sweep, not sent by a late task
    assert take_due_reminders() == []
    assert deliver(reminder_id).status == "skipped"
    assert len(mailbox.messages) == 2


def test_a_late_refusal_is_certain_and_retried_as_usual(smtp_app, db, mailbox):
    """451 after a slow end of DATA (within the wait): the server said no, so no copy exists."""
    from nq05.notify.delivery import deliver

    smtp_app.config["MAIL_DATA_TIMEOUT"] = 5
    reminder_id = _one_reminder(db)
    mailbox.late_refusals, mailbox.late_by = 1, 1
    assert deliver(reminder_id).status == "retry"
    reminder = _reminder(db, reminder_id)
    assert (reminder.status, reminder.unconfirmed) == ("pending", 0) and "451" in reminder.last_error
    assert deliver(reminder_id).status == "sent"
    assert len(mailbox.messages) == 1
