"""Putting one message on the wire (SMTP) or on disk (a .eml file when no MAIL_SERVER is set).

The message is delivered when the server answers 2xx to the end of DATA, and only then. Up to
DATA nothing can reach the recipient: a failure there is certain (``TransientMailError`` for a 4xx
or a lost connection, ``PermanentMailError`` for a 5xx). Once DATA is under way, a reply that never
comes (the wait is ``MAIL_DATA_TIMEOUT``, RFC 5321's 10 minutes by default) leaves the outcome
unknown: the server may have queued the message and failed to say so. That is
``UncertainDelivery``; delivery.py decides what to do about it (resend once, with the same
Message-ID). A 4xx or 5xx reply to the end of DATA is certain: the server did not take it.

Only smtplib's public API is used: ``mail()``, ``rcpt()``, then ``data()`` with the socket's timeout
raised to ``MAIL_DATA_TIMEOUT`` for that phase.
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
import tempfile
from collections.abc import Callable
from datetime import datetime
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, formataddr
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

#: what the From header shows when the caller names no sending body
SENDER_NAME = "Hệ thống đào tạo, bồi dưỡng cán bộ"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


class TransientMailError(Exception):
    """Not delivered; try again later: connection refused or lost before DATA, a 4xx reply."""


class PermanentMailError(Exception):
    """Not delivered; do not try again: a 5xx reply (unknown recipient, message refused)."""


class UncertainDelivery(Exception):
    """DATA was under way and its reply never came: the server may or may not have the message."""


class Aborted(Exception):
    """The claim was lost before DATA: nothing was delivered."""


def message_id(key: str, sender: str) -> str:
    """A Message-ID that is the same every time the same reminder is sent (``key`` names it)."""
    domain = sender.rpartition("@")[2] or "nq05.local"
    return f"<{key}@{domain}>"


class _Rfc2047Policy(EmailPolicy):
    """The default policy, except how non-ASCII Subject, From and To headers are written out.

    CPython's folder (3.11) can leave the space between two words outside the encoded words it
    makes, where RFC 2047 readers drop it: "(Sở Nội vụ)" reads "(SởNội vụ)", and the sender
    "... cán bộ" reads "... cánbộ". ``email.header.Header`` keeps every space inside an encoded
    word; these headers are written with it (``fold`` and ``fold_binary`` are the policy's public
    hooks for exactly this).
    """

    def _encoded(self, name: str, value) -> str | None:
        key = name.lower()
        if key == "subject" and not str(value).isascii():
            text = Header(str(value), "utf-8", header_name=name).encode(linesep=self.linesep)
        elif key in ("from", "to") and not str(value).isascii():
            text = ", ".join(
                formataddr((a.display_name, a.addr_spec), charset="utf-8") for a in value.addresses
            )
        else:
            return None
        return f"{name}: {text}{self.linesep}"

    def fold(self, name, value):
        return self._encoded(name, value) or super().fold(name, value)

    def fold_binary(self, name, value):
        folded = self._encoded(name, value)
        return folded.encode("ascii") if folded else super().fold_binary(name, value)


#: how messages are built and stored (.eml) ...
MESSAGE_POLICY = _Rfc2047Policy()
#: ... and how they go on the wire: the same with CRLF line ends
SMTP_POLICY = MESSAGE_POLICY.clone(linesep="\r\n")


def build_message(
    *,
    sender: str,
    recipient: str,
    subject: str,
    text: str,
    html: str,
    msgid: str,
    headers: dict,
    sender_name: str = SENDER_NAME,
) -> EmailMessage:
    """The email (EmailMessage, the default policy but for the headers above): a Vietnamese
    subject and sender read back exactly as written, spaces included; a Date and a Message-ID."""
    msg = EmailMessage(policy=MESSAGE_POLICY)
    msg["Subject"] = subject
    msg["From"] = Address(display_name=sender_name, addr_spec=sender)
    msg["To"] = recipient
    msg["Date"] = format_datetime(datetime.now(VIETNAM))
    # The same reminder always carries the same Message-ID: a copy sent again after an unanswered
    # end of DATA (or by an admin) is recognisably the same message.
    msg["Message-ID"] = msgid
    for name, value in headers.items():
        msg[name] = value
    # quoted-printable keeps the message 7-bit: no server needs 8BITMIME to take Vietnamese text
    msg.set_content(text, cte="quoted-printable")
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    return msg


def wire_bytes(msg: EmailMessage) -> bytes:
    """The message as it goes to the server: CRLF line ends, headers folded by the default policy."""
    return msg.as_bytes(policy=SMTP_POLICY)


def _classify(exc: Exception) -> Exception:
    """A failure before the end of DATA: 5xx is permanent, anything else transient."""
    code = getattr(exc, "smtp_code", None)
    if code is None and isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [c for c, _ in exc.recipients.values()]
        code = max(codes) if codes else None
    text = f"{type(exc).__name__}: {exc}"
    if code is not None and 500 <= code < 600:
        return PermanentMailError(text)
    return TransientMailError(text)


def _connect(config) -> smtplib.SMTP:
    host, port = config["MAIL_SERVER"], int(config["MAIL_PORT"])
    timeout = float(config["MAIL_TIMEOUT"])
    smtp = (
        smtplib.SMTP_SSL(host, port, timeout=timeout)
        if port == 465
        else smtplib.SMTP(host, port, timeout=timeout)
    )
    smtp.ehlo_or_helo_if_needed()
    if config.get("MAIL_USE_TLS") and port != 465:
        smtp.starttls(context=ssl.create_default_context())
        smtp.ehlo()
    if config.get("MAIL_USERNAME"):
        smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
    return smtp


def send_smtp(config, msg: EmailMessage, before_data: Callable[[], bool]) -> None:
    """Deliver ``msg`` to MAIL_SERVER. ``before_data()`` is called just before DATA and may still
    call the delivery off (False: the claim was lost, ``Aborted``)."""
    smtp = None
    try:
        smtp = _connect(config)
        sender, recipient = config["MAIL_FROM"], msg["To"]
        code, reply = smtp.mail(sender)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
        if not before_data():
            raise Aborted()
    except Aborted:
        smtp.close()
        raise
    except (OSError, smtplib.SMTPException) as exc:
        if smtp is not None:
            smtp.close()
        raise _classify(exc) from exc

    payload = wire_bytes(msg)
    wait = float(config["MAIL_DATA_TIMEOUT"])
    try:
        smtp.sock.settimeout(wait)
        code, reply = smtp.data(payload)
    except smtplib.SMTPDataError as exc:  # DATA itself refused (no 354): the message never went
        smtp.close()
        raise _classify(exc) from exc
    except Exception as exc:  # no reply (timeout, connection lost) or the task's time ran out
        smtp.close()
        raise UncertainDelivery(
            f"no reply to the end of DATA within {wait:.0f} s ({type(exc).__name__}: {exc})"
        ) from exc
    if not 200 <= code < 300:
        smtp.close()
        raise _classify(smtplib.SMTPDataError(code, reply))
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()


def write_eml(folder: str, name: str, msg: EmailMessage, before_data: Callable[[], bool]) -> str:
    """Write ``msg`` to ``folder/name.eml`` (atomically; writing it twice gives one file)."""
    if not before_data():
        raise Aborted()
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{name}.eml")
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
    with os.fdopen(fd, "wb") as out:
        out.write(msg.as_bytes())
    os.replace(tmp, path)
    log.info("Không có MAIL_SERVER: thư đã ghi vào %s (no MAIL_SERVER: message written to %s)", path, path)
    return path
