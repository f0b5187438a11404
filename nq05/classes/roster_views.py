"""The roster of a class: decisions, results, attendance, the spreadsheet and the printable sheet."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from nq05 import clock
from nq05.auth.access import require_roles
from nq05.classes import operations, queries, sessions
from nq05.classes.access import (
    class_clause,
    class_or_404,
    enrolment_clause,
    enrolment_or_404,
    session_day_or_404,
)
from nq05.classes.blueprint import bp
from nq05.classes.errors import RosterRefused
from nq05.classes.export import roster_workbook
from nq05.classes.forms import ActionForm, DecisionForm, ResultForm
from nq05.classes.models import Attendance, Enrolment, TrainingClass
from nq05.extensions import db
from nq05.spreadsheets.download import xlsx_download

CENTRE_ROLES = ("admin", "centre_staff")


def _can_run(training_class) -> bool:
    """The user runs this class (its centre's staff, or an admin)."""
    query = select(TrainingClass.id).where(TrainingClass.id == training_class.id, class_clause(write=True))
    return db.session.execute(query).first() is not None


@bp.route("/classes/<int:class_id>")
@require_roles("admin", "unit_head", "centre_staff")
def roster(class_id: int):
    training_class = class_or_404(class_id)
    rows = queries.roster(training_class, current_user)
    can_run = current_user.role in CENTRE_ROLES and _can_run(training_class)
    can_nominate = (
        current_user.role == "unit_head"
        and training_class.is_published
        and clock.today() <= operations.nomination_deadline(training_class)
    )
    return render_template(
        "classes/roster.html",
        training_class=training_class,
        rows=rows,
        counts=queries.seat_counts([training_class])[training_class.id],
        can_run=can_run,
        can_nominate=can_nominate,
        deadline=operations.nomination_deadline(training_class),
        writable_people=_writable_people(rows),
        decision_form=DecisionForm(),
        result_form=ResultForm(
            formdata=None, on=min(max(clock.today(), training_class.start_date), training_class.end_date)
        ),
        action_form=ActionForm(),
    )


def _writable_people(rows) -> set[int]:
    """The people on the roster whose nominations the user may withdraw."""
    ids = [r.enrolment.id for r in rows]
    if not ids:
        return set()
    return set(
        db.session.scalars(select(Enrolment.id).where(Enrolment.id.in_(ids), enrolment_clause(write=True)))
    )


def _enrolment_of(training_class, enrolment_id: int) -> Enrolment:
    enrolment = db.session.get(Enrolment, enrolment_id)
    if enrolment is None or enrolment.class_id != training_class.id:
        abort(404)
    return enrolment


def _back(class_id: int):
    return redirect(url_for("classes.roster", class_id=class_id) + "#roster")


@bp.route("/classes/<int:class_id>/enrolments/<int:enrolment_id>/decision", methods=["POST"])
@require_roles(*CENTRE_ROLES)
def decide(class_id: int, enrolment_id: int):
    training_class = class_or_404(class_id, write=True)
    enrolment = _enrolment_of(training_class, enrolment_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "error")
        return _back(class_id)
    name = enrolment.person.full_name
    try:
        if form.decision.data == "accept":
            operations.accept(enrolment, actor=current_user)
            message = _("Đã nhận %(name)s vào lớp.", name=name)
        elif form.decision.data == "waitlist":
            operations.waitlist(enrolment, actor=current_user)
            message = _("Đã đưa %(name)s vào danh sách chờ.", name=name)
        else:
            operations.reject(enrolment, form.reason.data, actor=current_user)
            message = _("Đã từ chối %(name)s.", name=name)
    except RosterRefused as refused:
        db.session.rollback()
        flash(refused.message, "error")
    else:
        db.session.commit()
        flash(message, "success")
    return _back(class_id)


@bp.route("/classes/<int:class_id>/enrolments/<int:enrolment_id>/result", methods=["POST"])
@require_roles(*CENTRE_ROLES)
def result(class_id: int, enrolment_id: int):
    training_class = class_or_404(class_id, write=True)
    enrolment = _enrolment_of(training_class, enrolment_id)
    form = ResultForm()
    if not form.validate_on_submit():
        flash(_("Cần ghi ngày có kết quả."), "error")
        return _back(class_id)
    try:
        qualification = operations.record_result(
            enrolment, form.result.data, form.on.data, actor=current_user
        )
    except RosterRefused as refused:
        db.session.rollback()
        flash(refused.message, "error")
    else:
        db.session.commit()
        if qualification is not None:
            flash(
                _("Đã ghi kết quả; %(name)s được công nhận trình độ mới.", name=enrolment.person.full_name),
                "success",
            )
        else:
            flash(_("Đã ghi kết quả của %(name)s.", name=enrolment.person.full_name), "success")
    return _back(class_id)


@bp.route("/classes/<int:class_id>/enrolments/<int:enrolment_id>/withdraw", methods=["POST"])
@require_roles("admin", "unit_head", "centre_staff")
def withdraw(class_id: int, enrolment_id: int):
    training_class = class_or_404(class_id)
    enrolment = enrolment_or_404(enrolment_id, write=True)
    if enrolment.class_id != training_class.id:
        abort(404)
    if ActionForm().validate_on_submit():
        try:
            operations.withdraw(enrolment, actor=current_user)
        except RosterRefused as refused:
            db.session.rollback()
            flash(refused.message, "error")
        else:
            db.session.commit()
            flash(_("Đã rút tên %(name)s khỏi lớp.", name=enrolment.person.full_name), "success")
    return _back(class_id)


@bp.route("/classes/<int:class_id>/days/<int:day_id>/attendance", methods=["GET", "POST"])
@require_roles(*CENTRE_ROLES)
def attendance(class_id: int, day_id: int):
    training_class = class_or_404(class_id, write=True)
    session_day = session_day_or_404(training_class, day_id)
    rows = [
        r
        for r in queries.roster(training_class, current_user)
        if r.enrolment.status in ("accepted", "completed", "failed")
    ]
    form = ActionForm()
    if form.validate_on_submit():
        present = {int(x) for x in request.form.getlist("present") if x.isdigit()}
        try:
            for row in rows:
                note = (request.form.get(f"note-{row.enrolment.id}") or "").strip()[:255]
                operations.record_attendance(
                    session_day, row.enrolment, row.enrolment.id in present, note=note, actor=current_user
                )
        except RosterRefused as refused:
            db.session.rollback()
            flash(refused.message, "error")
        else:
            db.session.commit()
            flash(_("Đã lưu điểm danh ngày %(day)s.", day=session_day.day.strftime("%d/%m/%Y")), "success")
            return redirect(url_for("classes.roster", class_id=class_id) + "#attendance")
    notes = dict(
        db.session.execute(
            select(Attendance.enrolment_id, Attendance.note).where(
                Attendance.session_day_id == session_day.id
            )
        ).all()
    )
    return render_template(
        "classes/attendance.html",
        training_class=training_class,
        session_day=session_day,
        rows=rows,
        notes=notes,
        form=form,
        future=session_day.day > clock.today(),
    )


@bp.route("/classes/<int:class_id>/roster.xlsx")
@require_roles("admin", "unit_head", "centre_staff")
def export(class_id: int):
    training_class = class_or_404(class_id)
    rows = queries.roster(training_class, current_user)
    return xlsx_download(roster_workbook(training_class, rows), f"danh-sach-{training_class.code}.xlsx")


@bp.route("/classes/<int:class_id>/attendance-sheet")
@require_roles(*CENTRE_ROLES)
def attendance_sheet(class_id: int):
    """The printable attendance sheets: one per week or per calendar month (``?per=``, default
    month), each fitting an A4 landscape page, with a column for the learner's signature."""
    training_class = class_or_404(class_id, write=True)
    per = "week" if request.args.get("per") == "week" else "month"
    rows = [
        r
        for r in queries.roster(training_class, current_user)
        if r.enrolment.status in ("accepted", "completed", "failed")
    ]
    return render_template(
        "classes/attendance_sheet.html",
        training_class=training_class,
        rows=rows,
        per=per,
        sheets=sessions.sheets(training_class.session_days, per),
    )
