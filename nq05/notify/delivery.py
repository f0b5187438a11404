"""Sending one reminder: sent once when the mail server says so; at most one extra copy when it
never answers; never lost.

1. Claim: ``UPDATE ... SET status='sending', claim_token=T WHERE id=:id AND status='pending'``,
   committed. Whoever updates the row owns it; a second task, a retried one, another worker on
   another host updates nothing and stops.
2. Just before DATA: ``data_started_at`` is set (and committed) while the claim still holds; a
   claim taken back meanwhile calls the delivery off before anything could reach the recipient.
3. The server's reply to the end of DATA decides: 2xx → ``sent``; 4xx or a failure before DATA →
   ``pending`` again, retried with a growing delay, ``failed`` after NOTIFY_MAX_ATTEMPTS; 5xx →
   ``failed``.
4. No reply (MAIL_DATA_TIMEOUT) → the server may have the message. The first time, the reminder is
   sent once more with the same Message-ID (``unconfirmed`` = 1; mail systems drop a copy whose
   Message-ID they have seen); if that one goes unanswered too, it stops as ``uncertain``. The
   admin page shows both cases. Never a loop.
5. A worker that dies holding a claim (kill -9, the task's hard time limit): after
   NOTIFY_CLAIM_TIMEOUT the sweep (dispatch.release_stale_claims) puts the row back to
   ``pending``; if DATA had started, that counts as an unanswered DATA (step 4).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import update

from nq05.clock import utcnow
from nq05.extensions import db
from nq05.notify import mail
from nq05.notify.emails import render_reminder, sender_name
from nq05.notify.models import Reminder

log = logging.getLogger(__name__)

#: sends of one reminder whose outcome may be unknown before it stops as ``uncertain``
MAX_UNCONFIRMED = 2


@dataclass
class Outcome:
    status: str  # sent | skipped | failed | uncertain | retry
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
        .values(
            status="sending",
            claim_token=token,
            claimed_at=utcnow(),
            data_started_at=None,
            attempts=table.c.attempts + 1,
        )
    )
    db.session.commit()
    return token if result.rowcount == 1 else None


def retry_delay(attempts: int) -> float:
    config = current_app.config
    return min(config["NOTIFY_RETRY_BASE"] * 2 ** max(attempts - 1, 0), config["NOTIFY_RETRY_MAX"])


def deliver(reminder_id: int) -> Outcome:
    """Send the reminder if it is pending; see the module's docstring for what happens when."""
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
    attempts, unconfirmed, kind = reminder.attempts, reminder.unconfirmed, reminder.kind
    db.session.commit()  # end the read transaction: no lock is held while we talk to the server

    def before_data() -> bool:
        return _update(reminder_id, token, data_started_at=utcnow()) == 1

    try:
        if config.get("MAIL_SERVER"):
            mail.send_smtp(config, msg, before_data)
        else:
            mail.write_eml(config["MAIL_FOLDER"], f"reminder-{reminder_id:08d}", msg, before_data)
    except mail.Aborted:
        log.warning("reminder %s: claim lost before sending; another worker sends it", reminder_id)
        return Outcome("skipped")
    except mail.PermanentMailError as exc:
        _update(reminder_id, token, status="failed", last_error=str(exc), claim_token=None)
        log.error("reminder %s to %s refused: %s", reminder_id, msg["To"], exc)
        return Outcome("failed", error=str(exc))
    except mail.UncertainDelivery as exc:
        return _unanswered(reminder_id, token, attempts, unconfirmed + 1, str(exc))
    except mail.TransientMailError as exc:
        return _again_later(reminder_id, token, attempts, unconfirmed, str(exc))
    if _update(reminder_id, token, status="sent", sent_at=utcnow(), claim_token=None) != 1:
        # only if the claim outlived NOTIFY_CLAIM_TIMEOUT, which start-up makes impossible
        log.error("reminder %s: delivered, but its claim was taken back meanwhile", reminder_id)
    log.info("reminder %s (%s) sent to %s", reminder_id, kind, msg["To"])
    return Outcome("sent")


def _give_up(reminder_id: int, token: str, unconfirmed: int, error: str) -> Outcome:
    status = "uncertain" if unconfirmed else "failed"
    _update(reminder_id, token, status=status, last_error=error, claim_token=None, unconfirmed=unconfirmed)
    log.error("reminder %s: giving up (%s): %s", reminder_id, status, error)
    return Outcome(status, error=error)


def _again_later(reminder_id: int, token: str, attempts: int, unconfirmed: int, error: str) -> Outcome:
    if attempts >= current_app.config["NOTIFY_MAX_ATTEMPTS"]:
        return _give_up(reminder_id, token, unconfirmed, error)
    delay = retry_delay(attempts)
    _update(
        reminder_id,
        token,
        status="pending",
        last_error=error,
        claim_token=None,
        unconfirmed=unconfirmed,
        queued_at=utcnow() + timedelta(seconds=delay),
    )
    log.warning("reminder %s: attempt %s failed (%s); again in %.0fs", reminder_id, attempts, error, delay)
    return Outcome("retry", retry_in=delay, error=error)


def _unanswered(reminder_id: int, token: str, attempts: int, unconfirmed: int, error: str) -> Outcome:
    """The end of DATA went unanswered: send once more (same Message-ID), or stop as uncertain."""
    if unconfirmed >= MAX_UNCONFIRMED:
        return _give_up(reminder_id, token, unconfirmed, error)
    log.warning("reminder %s: %s; it is sent once more with the same Message-ID", reminder_id, error)
    return _again_later(reminder_id, token, attempts, unconfirmed, error)


def _message(reminder: Reminder):
    config = current_app.config
    subject, text, html = render_reminder(reminder)
    return mail.build_message(
        sender=config["MAIL_FROM"],
        recipient=reminder.recipient,
        subject=subject,
        text=text,
        html=html,
        msgid=mail.message_id(f"nq05-reminder-{reminder.id}", config["MAIL_FROM"]),
        sender_name=sender_name(),
        headers={"X-NQ05-Reminder": f"{reminder.id} {reminder.kind}"},
    )


def resend(reminder_id: int) -> bool:
    """Put a failed or uncertain reminder back in the queue (the admin page's button)."""
    table = Reminder.__table__
    result = db.session.execute(
        update(table)
        .where(table.c.id == reminder_id, table.c.status.in_(("failed", "uncertain")))
        .values(status="pending", attempts=0, queued_at=None, claim_token=None)
    )
    db.session.commit()
    return result.rowcount == 1
