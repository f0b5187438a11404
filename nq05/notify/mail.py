"""Putting one message on the wire (SMTP) or on disk (a .eml file when no MAIL_SERVER is set).

SMTP has no way to ask "did you get it?", so the moment of delivery is chosen carefully: the whole
message goes out except the final ``.`` that ends DATA, then ``on_commit_point`` marks the reminder
sent in the database, and only then is the ``.`` written. A worker killed before that point leaves
an unfinished DATA that the server throws away (the reminder is still "sending" and is sent again);
killed after it, the server has the message and the database says so.
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
import tempfile
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from email.utils import formataddr

log = logging.getLogger(__name__)


class TransientMailError(Exception):
    """Try again later: connection refused, 4xx reply, timeout."""


class PermanentMailError(Exception):
    """Do not try again: 5xx reply (unknown recipient, message refused)."""


class Aborted(Exception):
    """We lost the claim before the commit point: nothing was delivered."""


def build_message(
    *, sender: str, recipient: str, subject: str, text: str, html: str, message_id_key: str, headers: dict
) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = formataddr(("Hệ thống đào tạo, bồi dưỡng cán bộ", sender))
    msg["To"] = recipient
    domain = sender.rpartition("@")[2] or "nq05.local"
    # The same reminder always carries the same Message-ID, so mail clients can fold a copy that
    # an admin resent onto the original.
    msg["Message-ID"] = f"<{message_id_key}@{domain}>"
    for name, value in headers.items():
        msg[name] = value
    # quoted-printable keeps the message 7-bit: no server needs 8BITMIME to take Vietnamese text
    msg.set_content(text, cte="quoted-printable")
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    return msg


def _classify(exc: Exception) -> Exception:
    code = getattr(exc, "smtp_code", None)
    if code is None and isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [c for c, _ in exc.recipients.values()]
        code = max(codes) if codes else None
    text = f"{type(exc).__name__}: {exc}"
    if code is not None and 500 <= code < 600:
        return PermanentMailError(text)
    return TransientMailError(text)


def send_smtp(config, msg: EmailMessage, on_commit_point: Callable[[], bool]) -> None:
    """Deliver ``msg`` to MAIL_SERVER; ``on_commit_point()`` decides (True) just before the end of DATA."""
    host, port = config["MAIL_SERVER"], int(config["MAIL_PORT"])
    timeout = float(config.get("MAIL_TIMEOUT", 30))
    try:
        smtp = (
            smtplib.SMTP_SSL(host, port, timeout=timeout)
            if port == 465
            else smtplib.SMTP(host, port, timeout=timeout)
        )
    except (OSError, smtplib.SMTPException) as exc:
        raise _classify(exc) from exc
    committed = False
    try:
        smtp.ehlo_or_helo_if_needed()
        if config.get("MAIL_USE_TLS") and port != 465:
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
        sender = config["MAIL_FROM"]
        code, reply = smtp.mail(sender)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        code, reply = smtp.rcpt(msg["To"])
        if code not in (250, 251):
            raise smtplib.SMTPRecipientsRefused({msg["To"]: (code, reply)})
        code, reply = smtp.docmd("data")
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        payload = smtplib._quote_periods(msg.as_bytes(policy=policy.SMTP))
        if not payload.endswith(b"\r\n"):
            payload += b"\r\n"
        smtp.send(payload)
        if not on_commit_point():
            raise Aborted()
        committed = True
        smtp.send(b".\r\n")
        code, reply = smtp.getreply()
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)
    except Aborted:
        smtp.close()  # the unfinished DATA is discarded by the server
        raise
    except (OSError, smtplib.SMTPException) as exc:
        smtp.close()
        error = _classify(exc)
        error.after_commit_point = committed
        raise error from exc
    else:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


def write_eml(folder: str, name: str, msg: EmailMessage, on_commit_point: Callable[[], bool]) -> str:
    """Write ``msg`` to ``folder/name.eml`` (atomically; writing it twice gives one file)."""
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{name}.eml")
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
    with os.fdopen(fd, "wb") as out:
        out.write(msg.as_bytes())
    # The file name is the reminder's, so writing it again (after a crash) replaces it: the file
    # goes first, the database mark second.
    os.replace(tmp, path)
    if not on_commit_point():
        raise Aborted()
    log.info("Không có MAIL_SERVER: thư đã ghi vào %s (no MAIL_SERVER: message written to %s)", path, path)
    return path
