"""Class pages: the list, scheduling, publishing, session days."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from nq05 import clock
from nq05.auth.access import require_roles
from nq05.classes import finding, operations, queries, sessions
from nq05.classes.access import centre_or_404, class_or_404
from nq05.classes.blueprint import bp
from nq05.classes.errors import RosterRefused
from nq05.classes.forms import ActionForm, EditClassForm, ScheduleForm, SessionDaysForm
from nq05.classes.models import TrainingClass
from nq05.extensions import db
from nq05.reference.models import Programme

CENTRE_ROLES = ("admin", "centre_staff")


PER_PAGE = 25


@bp.route("/classes/")
@require_roles("admin", "unit_head", "centre_staff")
def index():
    today = clock.today()
    state = request.args.get("state")
    filters = finding.ClassFilters(
        year=request.args.get("year", type=int),
        programme_id=request.args.get("programme", type=int),
        state=state if state in finding.STATES else None,
        open_seats=bool(request.args.get("seats")),
        q=(request.args.get("q") or "").strip()[:64],
    )
    # a unit head sees first the classes open to nomination that fit the unit's plan
    # (choosing a state other than "taking nominations" asks for classes beyond that default)
    show_all = bool(request.args.get("all"))
    plan_default = current_user.role == "unit_head" and not show_all and filters.state in (None, "open")
    if plan_default:
        filters.fits_plan_of = current_user.unit_id
    page = db.paginate(finding.filtered_classes(current_user, filters, today), per_page=PER_PAGE)
    classes = list(page.items)
    args = filters.args() | ({"all": 1} if show_all else {})
    return render_template(
        "classes/index.html",
        classes=classes,
        page=page,
        args=args,
        filters=filters,
        show_all=show_all,
        plan_default=plan_default,
        states={c.id: finding.state_of(c, today) for c in classes},
        state_names=state_names(),
        counts=queries.seat_counts(classes),
        years=queries.class_years(),
        programmes=queries.programmes(),
        year=filters.year,
        programme_id=filters.programme_id,
        can_schedule=current_user.role in CENTRE_ROLES,
    )


def state_names() -> dict[str, str]:
    return {
        "draft": _("Chưa thông báo chiêu sinh"),
        "open": _("Đang nhận cử người"),
        "closed": _("Hết hạn cử người"),
        "running": _("Đang học"),
        "ended": _("Đã kết thúc"),
    }


@bp.route("/classes/calendar")
@require_roles("admin", "unit_head", "centre_staff")
def calendar():
    """A month of classes and session days (``?month=yyyy-mm``, default this month)."""
    today = clock.today()
    try:
        year, month = (int(x) for x in (request.args.get("month") or "").split("-"))
        first = date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    return render_template(
        "classes/calendar.html", month=finding.month_calendar(current_user, first), today=today
    )


@bp.route("/classes/new", methods=["GET", "POST"])
@require_roles(*CENTRE_ROLES)
def schedule():
    form = ScheduleForm()
    form.programme_id.choices = [(p.id, p.name) for p in queries.programmes()]
    if current_user.role == "centre_staff":
        centre = centre_or_404(current_user.centre_id)
        form.centre_id.choices = [(centre.id, centre.name)]
    else:
        form.centre_id.choices = [(c.id, c.name) for c in queries.centres()]
    if request.method == "GET" and request.args.get("programme", type=int):
        form.programme_id.data = request.args.get("programme", type=int)
    if form.validate_on_submit():
        centre = centre_or_404(form.centre_id.data)
        if current_user.role == "centre_staff" and centre.id != current_user.centre_id:
            abort(403)
        programme = db.session.get(Programme, form.programme_id.data) or abort(404)
        try:
            training_class = operations.schedule_class(
                programme,
                centre,
                start_date=form.start_date.data,
                end_date=form.end_date.data,
                capacity=form.capacity.data,
                enrol_deadline=form.enrol_deadline.data,
                place=form.place.data,
                code=(form.code.data or "").strip() or None,
                session_days=form.chosen_days(),
                fee_per_head=form.fee_per_head.data,
                funding_source=form.funding_source.data,
                actor=current_user,
            )
        except RosterRefused as refused:
            db.session.rollback()
            flash(refused.message, "error")
        else:
            db.session.commit()
            flash(_("Đã tạo lớp %(code)s (chưa thông báo chiêu sinh).", code=training_class.code), "success")
            return redirect(url_for("classes.roster", class_id=training_class.id))
    return render_template(
        "classes/schedule.html", form=form, funding_sources=finding.used_values(TrainingClass.funding_source)
    )


@bp.route("/classes/<int:class_id>/edit", methods=["GET", "POST"])
@require_roles(*CENTRE_ROLES)
def edit(class_id: int):
    training_class = class_or_404(class_id, write=True)
    form = EditClassForm(obj=training_class)
    if form.validate_on_submit():
        try:
            promoted = operations.update_class(
                training_class,
                start_date=form.start_date.data,
                end_date=form.end_date.data,
                capacity=form.capacity.data,
                enrol_deadline=form.enrol_deadline.data,
                place=form.place.data,
                fee_per_head=form.fee_per_head.data,
                funding_source=form.funding_source.data,
                actor=current_user,
            )
        except RosterRefused as refused:
            db.session.rollback()
            flash(refused.message, "error")
        else:
            db.session.commit()
            flash(_("Đã lưu thông tin lớp."), "success")
            for enrolment in promoted:
                flash(_("%(name)s được nhận từ danh sách chờ.", name=enrolment.person.full_name), "info")
            return redirect(url_for("classes.roster", class_id=class_id))
    return render_template(
        "classes/edit.html",
        training_class=training_class,
        form=form,
        funding_sources=finding.used_values(TrainingClass.funding_source),
    )


@bp.route("/classes/<int:class_id>/publish", methods=["POST"])
@require_roles(*CENTRE_ROLES)
def publish(class_id: int):
    training_class = class_or_404(class_id, write=True)
    if ActionForm().validate_on_submit():
        try:
            operations.publish_class(training_class, actor=current_user)
        except RosterRefused as refused:
            db.session.rollback()
            flash(refused.message, "error")
        else:
            db.session.commit()
            flash(_("Đã thông báo chiêu sinh; các đơn vị có thể cử người."), "success")
    return redirect(url_for("classes.roster", class_id=class_id))


@bp.route("/classes/<int:class_id>/days", methods=["GET", "POST"])
@require_roles(*CENTRE_ROLES)
def session_days(class_id: int):
    training_class = class_or_404(class_id, write=True)
    form = SessionDaysForm()
    form.training_class = training_class
    if request.method == "GET":
        form.session_days.data = [s.day for s in training_class.session_days]
    if form.validate_on_submit():
        skipped, typed_holidays = {}, {}
        if form.uses_pattern():
            pattern = form.chosen_pattern()
            start = form.pattern_from.data or training_class.start_date
            end = form.pattern_to.data or training_class.end_date
            kept = [s.day for s in training_class.session_days if not start <= s.day <= end]
            days, skipped = sorted([*kept, *pattern.days]), pattern.skipped
        else:
            days = form.session_days.data
            if days:  # typed days are kept as typed; a holiday among them is pointed out
                off = sessions.public_holidays(days[0], days[-1])
                typed_holidays = {d: off[d] for d in days if d in off}
        if form.uses_pattern() and not days:
            flash(_("Lịch học này không cho ngày học nào trong thời gian của lớp."), "error")
            return render_template("classes/session_days.html", training_class=training_class, form=form)
        try:
            operations.set_session_days(training_class, days, actor=current_user)
        except RosterRefused as refused:
            db.session.rollback()
            flash(refused.message, "error")
        else:
            db.session.commit()
            flash(_("Đã lưu %(n)s ngày học.", n=len(days)), "success")
            if skipped:
                flash(
                    _(
                        "Đã bỏ qua %(n)s ngày nghỉ lễ: %(days)s.",
                        n=len(skipped),
                        days="; ".join(f"{d:%d/%m/%Y} ({name})" for d, name in skipped.items()),
                    ),
                    "info",
                )
            if typed_holidays:
                flash(
                    _(
                        "Lưu ý: có ngày học vào ngày nghỉ lễ: %(days)s.",
                        days="; ".join(f"{d:%d/%m/%Y} ({name})" for d, name in typed_holidays.items()),
                    ),
                    "warning",
                )
            return redirect(url_for("classes.roster", class_id=class_id))
    return render_template("classes/session_days.html", training_class=training_class, form=form)
