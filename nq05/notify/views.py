"""The admin page of reminders (/admin/reminders) and the worker banner of the layout."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from nq05.auth.scoping import require_roles
from nq05.extensions import db
from nq05.notify import dispatch
from nq05.notify.delivery import resend
from nq05.notify.heartbeat import heartbeats, workers_silent
from nq05.notify.models import REMINDER_STATUSES, Reminder
from nq05.notify.recompute import last_run, pending_units

blueprint = Blueprint("notify", __name__, template_folder="templates")

PER_PAGE = 100


def status_labels() -> dict[str, str]:
    return {
        "pending": _("Chờ gửi"),
        "sending": _("Đang gửi"),
        "sent": _("Đã gửi"),
        "failed": _("Không gửi được"),
        "uncertain": _("Không rõ đã đến chưa"),
    }


@blueprint.route("/admin/reminders")
@require_roles("admin")
def reminders():
    status = request.args.get("status", "")
    kind = request.args.get("kind", "")
    query = select(Reminder).order_by(Reminder.id.desc())
    if status in REMINDER_STATUSES:
        query = query.where(Reminder.status == status)
    if kind:
        query = query.where(Reminder.kind == kind)
    try:
        from nq05.web.paging import paginate

        page = paginate(query, request.args.get("page", 1, type=int), per_page=PER_PAGE)
    except ImportError:  # the web shell's pager is missing: show the latest ones
        page = None
    rows = page.items if page is not None else db.session.scalars(query.limit(PER_PAGE)).all()
    counts = dict(db.session.execute(select(Reminder.status, func.count()).group_by(Reminder.status)).all())
    kinds = db.session.scalars(select(Reminder.kind).distinct().order_by(Reminder.kind)).all()
    return render_template(
        "notify/reminders.html",
        rows=rows,
        page=page,
        counts=counts,
        statuses=REMINDER_STATUSES,
        status_labels=status_labels(),
        status=status,
        kind=kind,
        kinds=kinds,
        heartbeats=heartbeats(),
        silent=workers_silent(),
        last_run=last_run(),
        dirty=pending_units(),
        broker=dispatch.broker_url() is not None,
        mail_server=current_app.config.get("MAIL_SERVER"),
        mail_folder=current_app.config.get("MAIL_FOLDER"),
    )


@blueprint.route("/admin/reminders/<int:reminder_id>/resend", methods=["POST"])
@require_roles("admin")
def resend_reminder(reminder_id: int):
    if resend(reminder_id):
        dispatch.publish([("nq05.notify.send_reminder", (reminder_id,))], respect_breaker=True)
        runner = dispatch.inprocess_runner()
        if runner is not None:
            runner.wake()
        flash(_("Đã đưa lời nhắc vào hàng đợi để gửi lại."), "success")
    else:
        flash(_("Chỉ gửi lại được lời nhắc không gửi được hoặc không rõ đã đến chưa."), "warning")
    return redirect(url_for("notify.reminders", **request.args))


def worker_banner() -> dict | None:
    """For the layout: None, or {"last": datetime | None} when admins should hear no worker answers.

    The layout shows ``notify/_worker_banner.html``; it calls this only for signed-in admins.
    """
    if not (current_user.is_authenticated and getattr(current_user, "role", None) == "admin"):
        return None
    try:
        last = workers_silent()
    except Exception:  # noqa: BLE001 - a banner must never break a page (e.g. schema not upgraded)
        db.session.rollback()
        return None
    if last is False:
        return None
    return {"last": last}
