"""The admin page of reminders (/admin/reminders) and the worker banner of the layout."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from nq05.auth.access import require_roles
from nq05.extensions import db
from nq05.notify import dispatch
from nq05.notify.blueprint import bp
from nq05.notify.delivery import resend
from nq05.notify.emails import kind_name
from nq05.notify.heartbeat import heartbeats, workers_silent
from nq05.notify.models import REMINDER_STATUSES, Reminder
from nq05.notify.recompute import last_run, pending_units

PER_PAGE = 100


def status_labels() -> dict[str, str]:
    return {
        "pending": _("Chờ gửi"),
        "sending": _("Đang gửi"),
        "sent": _("Đã gửi"),
        "failed": _("Không gửi được"),
        "uncertain": _("Không rõ đã đến chưa"),
    }


def error_text(error: str | None) -> str:
    """The last error in words where it is one of ours; a mail server's own reply as it came."""
    if not error:
        return ""
    ours = {
        dispatch.STOPPED_BEFORE_DATA: _("Tiến trình nền dừng trước khi gửi thư."),
        dispatch.STOPPED_DURING_DATA: _(
            "Tiến trình nền dừng khi đang gửi thư: máy chủ thư có thể đã nhận thư."
        ),
    }
    if error in ours:
        return ours[error]
    if error.startswith("no reply to the end of DATA"):
        return _("Máy chủ thư không trả lời sau khi nhận nội dung thư (%(detail)s).", detail=error)
    return error


def outcome_text(outcome: str | None) -> str:
    """A recompute run's outcome in words."""
    if not outcome or outcome == "ok":
        return _("hoàn tất")
    return _("lỗi: %(detail)s", detail=outcome)


@bp.route("/admin/reminders")
@require_roles("admin")
def reminders():
    status = request.args.get("status", "")
    kind = request.args.get("kind", "")
    query = select(Reminder).order_by(Reminder.id.desc())
    if status in REMINDER_STATUSES:
        query = query.where(Reminder.status == status)
    if kind:
        query = query.where(Reminder.kind == kind)
    page = db.paginate(query, per_page=PER_PAGE)
    counts = dict(db.session.execute(select(Reminder.status, func.count()).group_by(Reminder.status)).all())
    kinds = sorted(
        ((k, kind_name(k)) for k in db.session.scalars(select(Reminder.kind).distinct())),
        key=lambda pair: pair[1],
    )
    return render_template(
        "notify/reminders.html",
        rows=page.items,
        page=page,
        counts=counts,
        statuses=REMINDER_STATUSES,
        status_labels=status_labels(),
        status=status,
        kind=kind,
        kinds=kinds,
        kind_name=kind_name,
        error_text=error_text,
        outcome_text=outcome_text,
        heartbeats=heartbeats(),
        silent=workers_silent(),
        last_run=last_run(),
        dirty=pending_units(),
        broker=dispatch.broker_url() is not None,
        mail_server=current_app.config.get("MAIL_SERVER"),
        mail_folder=current_app.config.get("MAIL_FOLDER"),
    )


@bp.route("/admin/reminders/<int:reminder_id>/resend", methods=["POST"])
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
