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
from nq05.classes.forms import ActionForm, BulkDecisionForm, DecisionForm, ResultForm, ResultsUploadForm
from nq05.classes.models import Attendance, Enrolment, TrainingClass
from nq05.classes.upload import UploadRefused, import_results
from nq05.extensions import db
from nq05.spreadsheets.download import xlsx_download

CENTRE_ROLES = ("admin", "centre_staff")
SEATED = ("accepted", "completed", "failed")


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
    rates = operations.attendance_rates(r.enrolment.id for r in rows if r.enrolment.status in SEATED)
    minimum = training_class.programme.attendance_minimum
    low_attendance = {enrolment_id for enrolment_id, rate in rates.items() if round(rate * 100, 6) < minimum}
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
        bulk_form=BulkDecisionForm(formdata=None),
        positions=operations.waiting_positions(training_class.id),
        result_form=ResultForm(formdata=None, on=min(clock.today(), training_class.end_date)),
        action_form=ActionForm(),
        upload_form=ResultsUploadForm(formdata=None),
        today=clock.today(),
        results_open=clock.today() >= training_class.start_date,
        low_attendance=low_attendance,
        rates=rates,
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
    if form.decision.data == "accept":  # a full class puts the person on the waiting list, saying so
        _decide_many(training_class, [enrolment], "accept")
        return _back(class_id)
    try:
        if form.decision.data == "waitlist":
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


@bp.route("/classes/<int:class_id>/decisions", methods=["POST"])
@require_roles(*CENTRE_ROLES)
def decide_many(class_id: int):
    """One decision for the ticked rows (or everyone still nominated), all or none."""
    training_class = class_or_404(class_id, write=True)
    form = BulkDecisionForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "error")
        return _back(class_id)
    query = select(Enrolment).where(Enrolment.class_id == training_class.id)
    if form.scope.data == "nominated":
        query = query.where(Enrolment.status == "nominated")
    else:
        ids = [int(x) for x in request.form.getlist("enrolment_ids") if x.isdigit()]
        query = query.where(Enrolment.id.in_(ids))
    enrolments = list(db.session.scalars(query))
    if not enrolments:
        flash(_("Chưa chọn người nào."), "error")
        return _back(class_id)
    _decide_many(training_class, enrolments, form.decision.data, reason=form.reason.data)
    return _back(class_id)


def _decide_many(training_class, enrolments, decision: str, *, reason: str | None = None) -> None:
    try:
        outcome = operations.decide_many(
            training_class, enrolments, decision, reason=reason, actor=current_user
        )
    except RosterRefused as refused:
        db.session.rollback()
        who = getattr(refused, "person_name", None)
        flash(f"{who}: {refused.message}" if who else refused.message, "error")
        return
    db.session.commit()
    if decision == "accept" and len(enrolments) == 1:  # the row's own "Nhận" button
        name = enrolments[0].person.full_name
        if outcome.accepted:
            flash(_("Đã nhận %(name)s vào lớp.", name=name), "success")
        elif outcome.waiting_for_a_seat:
            flash(_("Lớp đã hết chỗ; %(name)s vào danh sách chờ.", name=name), "warning")
        return
    if decision == "accept":
        if outcome.waiting_for_a_seat:
            flash(
                _(
                    "Đã nhận %(accepted)s người; %(waiting)s người vào danh sách chờ vì lớp hết chỗ.",
                    accepted=len(outcome.accepted),
                    waiting=len(outcome.waiting_for_a_seat),
                ),
                "warning" if outcome.accepted else "error",
            )
        else:
            flash(_("Đã nhận %(n)s người vào lớp.", n=len(outcome.accepted)), "success")
    elif decision == "waitlist":
        flash(_("Đã đưa %(n)s người vào danh sách chờ.", n=len(outcome.waitlisted)), "success")
    else:
        flash(_("Đã từ chối %(n)s người.", n=len(outcome.rejected)), "success")


@bp.route("/classes/<int:class_id>/enrolments/<int:enrolment_id>/result", methods=["POST"])
@require_roles(*CENTRE_ROLES)
def result(class_id: int, enrolment_id: int):
    training_class = class_or_404(class_id, write=True)
    enrolment = _enrolment_of(training_class, enrolment_id)
    form = ResultForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "error")
        return _back(class_id)
    grade, score = getattr(form, "grade_and_score", (None, None))
    name = enrolment.person.full_name
    try:
        outcome = operations.record_result(
            enrolment,
            form.result.data,
            form.on.data,
            grade=grade,
            score=score,
            certificate_no=form.certificate_no.data,
            certificate_on=form.certificate_on.data,
            reason=form.reason.data,
            confirm_low_attendance=form.confirm_low_attendance.data,
            actor=current_user,
        )
    except RosterRefused as refused:
        db.session.rollback()
        flash(f"{name}: {refused.message}", "error")
        return _back(class_id)
    db.session.commit()
    flash(result_message(name, outcome), "success" if outcome.changed else "info")
    return _back(class_id)


def result_message(name: str, outcome) -> str:
    """What recording a result did, in words (the form and the upload say the same)."""
    if not outcome.changed:
        return _("Kết quả của %(name)s không thay đổi.", name=name)
    change = outcome.qualification_change
    if change == "awarded":
        return _("Đã ghi kết quả; %(name)s được công nhận trình độ mới.", name=name)
    if change == "moved":
        return _(
            "Đã sửa kết quả; trình độ của %(name)s được công nhận từ ngày %(day)s.",
            name=name,
            day=outcome.qualification.awarded_on.strftime("%d/%m/%Y"),
        )
    if change == "withdrawn":
        return _("Đã sửa kết quả; trình độ %(name)s được công nhận từ lớp này đã bị hủy.", name=name)
    return _("Đã ghi kết quả của %(name)s.", name=name)


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
    rates = operations.attendance_rates(r.enrolment.id for r in rows if r.enrolment.status in SEATED)
    return xlsx_download(
        roster_workbook(training_class, rows, rates), f"danh-sach-{training_class.code}.xlsx"
    )


@bp.route("/classes/<int:class_id>/results", methods=["POST"])
@require_roles(*CENTRE_ROLES)
def upload_results(class_id: int):
    """The roster .xlsx with results filled in: every row recorded, or none (errors located)."""
    training_class = class_or_404(class_id, write=True)
    form = ResultsUploadForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "error")
        return _back(class_id)
    try:
        outcome = import_results(
            form.workbook.data.read(),
            training_class,
            confirm_low_attendance=form.confirm_low_attendance.data,
            actor=current_user,
        )
    except UploadRefused as refused:
        db.session.rollback()
        back = url_for("classes.roster", class_id=class_id) + "#roster"
        return render_template("classes/upload_errors.html", back=back, errors=refused.errors), 422
    db.session.commit()
    flash(
        _(
            "Đã nhận kết quả từ tệp: %(changed)s người có kết quả mới hoặc được sửa, %(unchanged)s người "
            "không thay đổi; %(awarded)s người được công nhận trình độ mới.",
            changed=outcome.changed,
            unchanged=outcome.unchanged,
            awarded=outcome.awarded,
        ),
        "success",
    )
    return _back(class_id)


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
