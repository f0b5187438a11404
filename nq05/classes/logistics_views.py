"""Logistics of a term: lecturer and room per session day, and a centre's page with its classes'
fees summed per year."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from nq05.auth.access import require_roles
from nq05.classes import finding, operations
from nq05.classes.access import centre_or_404, class_or_404
from nq05.classes.blueprint import bp
from nq05.classes.errors import RosterRefused
from nq05.classes.forms import WEEKDAY_NAMES, ActionForm, TimetableFillForm
from nq05.classes.models import SessionDay
from nq05.extensions import db

#: the longest lecturer or room kept (the columns' size)
TEXT_MAX = 255


@bp.route("/classes/<int:class_id>/timetable", methods=["GET", "POST"])
@require_roles("admin", "unit_head", "centre_staff")
def timetable(class_id: int):
    """The session days with their lecturer and room; the centre running the class fills them in
    (values typed before in its classes are offered)."""
    training_class = class_or_404(class_id)
    can_run = current_user.role in ("admin", "centre_staff") and finding.can_run(training_class)
    form = ActionForm()
    if request.method == "POST":
        class_or_404(class_id, write=True)
        if form.validate_on_submit():
            values = {
                s.id: (
                    (request.form.get(f"lecturer-{s.id}") or "")[:TEXT_MAX],
                    (request.form.get(f"room-{s.id}") or "")[:TEXT_MAX],
                )
                for s in training_class.session_days
                if f"lecturer-{s.id}" in request.form or f"room-{s.id}" in request.form
            }
            try:
                changed = operations.set_session_logistics(training_class, values, actor=current_user)
            except RosterRefused as refused:
                db.session.rollback()
                flash(refused.message, "error")
            else:
                db.session.commit()
                flash(_("Đã lưu giảng viên, phòng học của %(n)s ngày học.", n=changed), "success")
                return redirect(url_for("classes.timetable", class_id=class_id))
    return _timetable_page(training_class, form, TimetableFillForm(formdata=None), can_run)


def _timetable_page(training_class, form, fill_form, can_run: bool):
    return render_template(
        "classes/timetable.html",
        training_class=training_class,
        form=form,
        fill_form=fill_form,
        can_run=can_run,
        lecturers=finding.used_values(SessionDay.lecturer) if can_run else [],
        rooms=finding.used_values(SessionDay.room) if can_run else [],
        weekday_names=[str(n) for n in WEEKDAY_NAMES],
    )


@bp.route("/classes/<int:class_id>/timetable/fill", methods=["POST"])
@require_roles("admin", "centre_staff")
def timetable_fill(class_id: int):
    """One lecturer and/or room for the session days between two dates on the weekdays ticked."""
    training_class = class_or_404(class_id, write=True)
    fill_form = TimetableFillForm()
    if fill_form.validate_on_submit():
        days = fill_form.days(training_class.session_days)
        lecturer = (fill_form.lecturer.data or "").strip()
        room = (fill_form.room.data or "").strip()
        values = {s.id: (lecturer or s.lecturer, room or s.room) for s in days}
        if not days:
            flash(_("Không có ngày học nào trong khoảng đã chọn."), "error")
        else:
            try:
                changed = operations.set_session_logistics(training_class, values, actor=current_user)
            except RosterRefused as refused:
                db.session.rollback()
                flash(refused.message, "error")
            else:
                db.session.commit()
                flash(_("Đã lưu giảng viên, phòng học của %(n)s ngày học.", n=changed), "success")
                return redirect(url_for("classes.timetable", class_id=class_id))
    return _timetable_page(training_class, ActionForm(), fill_form, True)


@bp.route("/classes/centres/<int:centre_id>")
@require_roles("admin", "centre_staff")
def centre(centre_id: int):
    """A centre's page: its classes per year, learners and fees (fee per head × seats taken)."""
    training_centre = centre_or_404(centre_id)
    return render_template(
        "classes/centre.html", centre=training_centre, years=finding.fees_per_year(training_centre.id)
    )
