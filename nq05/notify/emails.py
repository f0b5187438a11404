"""Rendering a reminder into its email: subject, plain text and HTML, in Vietnamese.

Each feature registers the kinds of its reminders with ``register_emails`` (in its reminders.py):
the template, ``<feature>/templates/<feature>/emails/<name>.txt`` defining the ``subject``,
``body`` and (optionally) ``action`` (the link's label) blocks, and the page concerned. The HTML
part is made from the same text by ``notify/emails/base.html`` (paragraphs, "- " lines as a list,
addresses as links): one wording per notice. The templates read the facts the scan stored on the reminder (``context``) and
``link``, the absolute address of that page (None when the recipient has no account, or when no
BASE_URL is set: the email then carries everything itself).

Every e-mail is an official notice (glossary.md): ``addressee`` is who it is addressed to (a person,
with their title in their unit or centre), ``event_date`` the reminder's date, and whatever the
functions registered with ``register_notice_context`` add (the reference feature adds ``notice``:
the sending body and its contact, from the province settings), read by the shared greeting and
signature (``notify/emails/_greeting.txt``, ``_footer.txt``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from flask import current_app
from flask_babel import force_locale
from jinja2 import select_autoescape
from markupsafe import Markup, escape
from sqlalchemy import func, select

from nq05.auth.models import User
from nq05.extensions import db
from nq05.i18n import LANGUAGES
from nq05.notify.models import Reminder

#: kind -> (template without its extension, path of the page concerned, from the context)
KINDS: dict[str, tuple[str, Callable[[dict], str]]] = {}


#: functions returning what every notice may read (the signature), registered by the features
NOTICE_CONTEXT: list[Callable[[], dict]] = []

#: the From name when no feature says who signs (the tests of the mechanism alone)
DEFAULT_SENDER = "Hệ thống đào tạo, bồi dưỡng cán bộ"


def register_notice_context(provider: Callable[[], dict]) -> None:
    """Add ``provider()``'s keys to every notice's context (once, however often called)."""
    if provider not in NOTICE_CONTEXT:
        NOTICE_CONTEXT.append(provider)


def notice_context() -> dict:
    ctx: dict = {}
    for provider in NOTICE_CONTEXT:
        ctx.update(provider())
    return ctx


def sender_name(ctx: dict | None = None) -> str:
    """The From name: the body that signs the notices."""
    notice = (ctx if ctx is not None else notice_context()).get("notice")
    return getattr(notice, "sender", None) or DEFAULT_SENDER


#: kind -> its name for people (lazy_gettext), registered by the feature that owns the kind
KIND_NAMES: dict[str, object] = {}


def register_kind_names(names: dict) -> None:
    """Name a feature's reminder kinds for the admin's page and the command line."""
    KIND_NAMES.update(names)


def kind_name(kind: str) -> str:
    """The kind's name in the current language (the code only for a kind nobody named)."""
    name = KIND_NAMES.get(kind)
    return str(name) if name is not None else kind


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


def add_days(value, days) -> date | None:
    """The date ``days`` after a date or an ISO string (before, when negative)."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value + timedelta(days=int(days))


def _environment():
    app = current_app._get_current_object()
    env = app.extensions.get("notify_email_env")
    if env is None:
        env = app.jinja_env.overlay(
            autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        )
        env.filters["vn_date"] = vn_date
        env.filters["add_days"] = add_days
        env.filters["linkify"] = linkify
        app.extensions["notify_email_env"] = env
    return env


def _block(template, name: str, context: dict) -> str:
    return "".join(template.blocks[name](template.new_context(context))).strip()


def _account(email: str) -> User | None:
    return db.session.scalars(
        select(User).where(func.lower(User.email) == email.strip().lower(), User.active.is_(True))
    ).first()


def addressee(user: User | None, ctx: dict) -> str:
    """Who the notice is addressed to: a person, with their title in their unit or centre
    ("Đồng chí Nguyễn Văn An, Thủ trưởng đơn vị Huyện Tam Đường"), never a territory."""
    if user is None:
        name = ctx.get("person_name")
        return f"Đồng chí {name}" if name else "Đồng chí phụ trách công tác đào tạo, bồi dưỡng"
    if user.role == "unit_head" and user.unit is not None:
        return f"Đồng chí {user.full_name}, Thủ trưởng đơn vị {user.unit.name}"
    if user.role == "centre_staff" and user.centre is not None:
        return f"Đồng chí {user.full_name}, cán bộ {user.centre.name}"
    return f"Đồng chí {user.full_name}"


def render_reminder(reminder: Reminder) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of the reminder's email: an official notice, in Vietnamese."""
    with force_locale(LANGUAGES[0]):
        return _render(reminder)


def _render(reminder: Reminder) -> tuple[str, str, str]:
    template_name, path = KINDS[reminder.kind]
    ctx = dict(reminder.context or {})
    base = (current_app.config.get("BASE_URL") or "").rstrip("/")
    user = _account(reminder.recipient)
    # Nominees are often not users: a link to a page they cannot open would only confuse them.
    link = base + path(ctx) if user is not None and base else None
    ctx.update(notice_context())
    ctx.update(
        kind=reminder.kind,
        link=link,
        base_url=base,
        recipient=reminder.recipient,
        addressee=addressee(user, ctx),
        event_date=reminder.event_date,
    )
    env = _environment()
    text_template = env.get_template(f"{template_name}.txt")
    subject = " ".join(_block(text_template, "subject", ctx).split())
    text = _block(text_template, "body", ctx) + "\n"
    action = _block(text_template, "action", ctx) if "action" in text_template.blocks else ""
    html = env.get_template("notify/emails/base.html").render(
        subject=subject, blocks=html_blocks(text), link=link, action=action or "Mở trang liên quan"
    )
    return subject, text, html


def html_blocks(text: str) -> list[tuple[str, list[str]]]:
    """The text's paragraphs as ("para" | "list" | "note", lines): "- " lines are a list, what
    follows the "--" line a note in small print."""
    blocks: list[tuple[str, list[str]]] = []
    note = False
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if lines and lines[0] == "--":
            note, lines = True, lines[1:]
        if not lines:
            continue
        if note:
            blocks.append(("note", lines))
        elif all(line.startswith("- ") for line in lines):
            blocks.append(("list", [line[2:] for line in lines]))
        else:
            blocks.append(("para", lines))
    return blocks


_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)]")


def linkify(line: str) -> Markup:
    """The line, escaped, with its web addresses as links."""
    out, last = [], 0
    for match in _URL.finditer(line):
        out.append(escape(line[last : match.start()]))
        url = escape(match.group(0))
        out.append(Markup(f'<a href="{url}">{url}</a>'))
        last = match.end()
    out.append(escape(line[last:]))
    return Markup("").join(out)
