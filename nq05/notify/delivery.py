"""Sending one reminder exactly once: claim the row, deliver, mark it sent at the commit point.

1. Claim: ``UPDATE ... SET status='sending', claim_token=T WHERE id=:id AND status='pending'``,
   committed. Whoever updates the row owns it; a second task, a retried one, another worker on
   another host updates nothing and stops.
2. Deliver up to the commit point (mail.py): the whole message except the end of DATA.
3. Commit point: ``UPDATE ... SET status='sent' WHERE id=:id AND claim_token=T``, committed; only
   then the end of DATA goes out. A claim the sweep took back from a worker presumed dead fails this
   update, and that worker abandons the message.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import update

from nq05.extensions import db
from nq05.notify import mail
from nq05.notify.clock import utcnow
from nq05.notify.emails import render_reminder
from nq05.notify.models import Reminder

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    status: str  # sent | skipped | failed | retry
    retry_in: float = 0.0
    error: str | None = None


def _update(reminder_id: int, token: str | None, **values) -> int:
    table = Reminder.__table__
    stmt = update(table).where(table.c.id == reminder_id)
    if token is not None:
        stmt = stmt.where(table.c.claim_token == token)
    result = db.session.execute(stmt.values(**values))
    db.session.commit()
    return result.rowcount


def claim(reminder_id: int) -> str | None:
    """Take the reminder for sending; the claim token, or None if it is not pending."""
    token = uuid.uuid4().hex
    table = Reminder.__table__
    result = db.session.execute(
        update(table)
        .where(table.c.id == reminder_id, table.c.status == "pending")
        .values(status="sending", claim_token=token, claimed_at=utcnow(), attempts=table.c.attempts + 1)
    )
    db.session.commit()
    return token if result.rowcount == 1 else None


def retry_delay(attempts: int) -> float:
    config = current_app.config
    return min(config["NOTIFY_RETRY_BASE"] * 2 ** max(attempts - 1, 0), config["NOTIFY_RETRY_MAX"])


def deliver(reminder_id: int) -> Outcome:
    """Send the reminder if it is pending; never twice, whoever else tries at the same time."""
    token = claim(reminder_id)
    if token is None:
        return Outcome("skipped")
    reminder = db.session.get(Reminder, reminder_id)
    config = current_app.config
    try:
        msg = _message(reminder)
    except Exception as exc:  # a template or data error will not mend by waiting
        log.exception("reminder %s: cannot build the email", reminder_id)
        _update(
            reminder_id, token, status="failed", last_error=f"{type(exc).__name__}: {exc}", claim_token=None
        )
        return Outcome("failed", error=str(exc))
    attempts = reminder.attempts
    db.session.commit()  # end the read transaction: no lock is held while we talk to the server

    def commit_point() -> bool:
        return _update(reminder_id, token, status="sent", sent_at=utcnow()) == 1

    try:
        if config.get("MAIL_SERVER"):
            mail.send_smtp(config, msg, commit_point)
        else:
            mail.write_eml(config["MAIL_FOLDER"], f"reminder-{reminder_id:08d}", msg, commit_point)
    except mail.Aborted:
        log.warning("reminder %s: claim lost before sending; another worker sends it", reminder_id)
        return Outcome("skipped")
    except mail.PermanentMailError as exc:
        _update(reminder_id, token, status="failed", last_error=str(exc), claim_token=None)
        log.error("reminder %s to %s refused: %s", reminder_id, msg["To"], exc)
        return Outcome("failed", error=str(exc))
    except mail.TransientMailError as exc:
        if attempts >= config["NOTIFY_MAX_ATTEMPTS"]:
            _update(reminder_id, token, status="failed", last_error=str(exc), claim_token=None)
            log.error("reminder %s: giving up after %s attempts: %s", reminder_id, attempts, exc)
            return Outcome("failed", error=str(exc))
        delay = retry_delay(attempts)
        _update(
            reminder_id,
            token,
            status="pending",
            last_error=str(exc),
            claim_token=None,
            sent_at=None,
            queued_at=utcnow() + timedelta(seconds=delay),
        )
        log.warning("reminder %s: attempt %s failed (%s); again in %.0fs", reminder_id, attempts, exc, delay)
        return Outcome("retry", retry_in=delay, error=str(exc))
    log.info("reminder %s (%s) sent to %s", reminder_id, reminder.kind, msg["To"])
    return Outcome("sent")


def _message(reminder: Reminder):
    config = current_app.config
    subject, text, html = render_reminder(reminder)
    return mail.build_message(
        sender=config["MAIL_FROM"],
        recipient=reminder.recipient,
        subject=subject,
        text=text,
        html=html,
        message_id_key=f"nq05-reminder-{reminder.id}",
        headers={"X-NQ05-Reminder": f"{reminder.id} {reminder.kind}"},
    )


def resend(reminder_id: int) -> bool:
    """Put a failed reminder back in the queue (the admin page's button)."""
    table = Reminder.__table__
    result = db.session.execute(
        update(table)
        .where(table.c.id == reminder_id, table.c.status == "failed")
        .values(status="pending", attempts=0, queued_at=None, claim_token=None)
    )
    db.session.commit()
    return result.rowcount == 1
