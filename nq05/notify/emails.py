"""Rendering a reminder into its email: subject, plain text and HTML, in Vietnamese.

Each feature registers the kinds of its reminders with ``register_emails`` (in its reminders.py):
the template, ``<feature>/templates/<feature>/emails/<name>.txt`` defining the ``subject`` and
``body`` blocks and ``<name>.html`` the HTML body (extending ``notify/emails/base.html``), and the
page concerned. The templates read the facts the scan stored on the reminder (``context``) and
``link``, the absolute address of that page (None when the recipient has no account: the email
then carries everything itself).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import current_app
from flask_babel import force_locale
from jinja2 import select_autoescape
from sqlalchemy import func, select

from nq05.auth.models import User
from nq05.extensions import db
from nq05.i18n import LANGUAGES
from nq05.notify.models import Reminder

#: kind -> (template without its extension, path of the page concerned, from the context)
KINDS: dict[str, tuple[str, Callable[[dict], str]]] = {}


def register_emails(kinds: dict[str, tuple[str, Callable[[dict], str]]]) -> None:
    """Register the e-mails of a feature's reminder kinds: kind -> (template, page concerned)."""
    KINDS.update(kinds)


def vn_date(value) -> str:
    """dd/mm/yyyy from a date or an ISO string."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


def _environment():
    app = current_app._get_current_object()
    env = app.extensions.get("notify_email_env")
    if env is None:
        env = app.jinja_env.overlay(
            autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        )
        env.filters["vn_date"] = vn_date
        app.extensions["notify_email_env"] = env
    return env


def _block(template, name: str, context: dict) -> str:
    return "".join(template.blocks[name](template.new_context(context))).strip()


def _has_account(email: str) -> bool:
    found = db.session.scalar(
        select(User.id).where(func.lower(User.email) == email.strip().lower(), User.active.is_(True))
    )
    return found is not None


def render_reminder(reminder: Reminder) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of the reminder's email: an official notice, in Vietnamese."""
    with force_locale(LANGUAGES[0]):
        return _render(reminder)


def _render(reminder: Reminder) -> tuple[str, str, str]:
    template_name, path = KINDS[reminder.kind]
    ctx = dict(reminder.context or {})
    base = current_app.config.get("BASE_URL", "").rstrip("/")
    # Nominees are often not users: a link to a page they cannot open would only confuse them.
    link = base + path(ctx) if _has_account(reminder.recipient) else None
    ctx.update(kind=reminder.kind, link=link, base_url=base, recipient=reminder.recipient)
    env = _environment()
    text_template = env.get_template(f"{template_name}.txt")
    subject = " ".join(_block(text_template, "subject", ctx).split())
    text = _block(text_template, "body", ctx) + "\n"
    html = env.get_template(f"{template_name}.html").render(ctx, subject=subject)
    return subject, text, html
