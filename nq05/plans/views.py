"""The plan pages: unit heads make and supplement their plans, the admin reviews them."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from nq05 import clock
from nq05.auth.access import is_admin, require_roles
from nq05.extensions import db
from nq05.plans import district, picker, queries, review
from nq05.plans import findings as plan_findings
from nq05.plans import operations as ops
from nq05.plans.access import line_or_404, plan_or_404, plans_query_for
from nq05.plans.blueprint import bp
from nq05.plans.composition import line_compositions
from nq05.plans.forms import (
    ActionForm,
    ApproveForm,
    DistrictReturnForm,
    DistrictReviewForm,
    LineForm,
    PlanEditForm,
    ReturnForm,
    StartPlanForm,
    UploadForm,
)
from nq05.plans.models import Plan
from nq05.plans.spreadsheet import UploadRefused, export_plan, import_plan
from nq05.reference.models import Programme
from nq05.reference.settings import load_settings
from nq05.spreadsheets.download import xlsx_download
from nq05.staff.access import unit_or_404, units_query_for, writable_unit_ids

WRITERS = ("admin", "unit_head")

#: what each history event means, for the history table
EVENT_LABELS = {
    "created": _l("Lập kế hoạch mới"),
    "copied": _l("Lập từ kế hoạch năm trước"),
    "supplemented": _l("Lập kế hoạch bổ sung, điều chỉnh"),
    "uploaded": _l("Tải lên từ tệp Excel"),
    "submitted": _l("Gửi duyệt"),
    "approved": _l("Phê duyệt kế hoạch"),
    "returned": _l("Trả lại kế hoạch"),
    "forwarded": _l("Chuyển lên Ban Tổ chức"),
}


def _as_of() -> date:
    """The date the findings are evaluated at: today, or ?as_of=YYYY-MM-DD to look back."""
    try:
        return date.fromisoformat(request.args.get("as_of", ""))
    except ValueError:
        return clock.today()


def _back(plan: Plan, anchor: str | None = None):
    args = {"plan_id": plan.id}
    if request.args.get("as_of"):
        args["as_of"] = request.args["as_of"]
    return redirect(url_for("plans.view", **args) + (f"#{anchor}" if anchor else ""))


def _plan_name(plan: Plan) -> str:
    """How a page names a plan version: the unit, the year, and which version (lần)."""
    if plan.version == 1:
        return _("kế hoạch năm %(year)s của %(unit)s", year=plan.year, unit=plan.unit.name)
    return _(
        "kế hoạch bổ sung, điều chỉnh (lần %(v)s) năm %(year)s của %(unit)s",
        v=plan.version,
        year=plan.year,
        unit=plan.unit.name,
    )


def _refused(exc: ops.PlanRefused) -> None:
    flash(exc.message, "error")


def _change(plan: Plan, change, done: str, *, anchor: str | None = None, refused_anchor: str | None = None):
    """Run ``change()`` on ``plan``: all of it committed with ``done`` flashed, or nothing, with
    the refusal flashed; back to the plan page either way (at ``refused_anchor`` when refused)."""
    try:
        change()
    except ops.PlanRefused as exc:
        db.session.rollback()
        _refused(exc)
        return _back(plan, refused_anchor)
    db.session.commit()
    flash(done, "success")
    return _back(plan, anchor)


def _form_errors(form) -> None:
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "error")


# --- lists ---------------------------------------------------------------------------------


@bp.route("/")
@require_roles(*WRITERS)
def index():
    today = clock.today()
    settings = load_settings()
    start_form = StartPlanForm()
    writable = writable_unit_ids()
    unit_choices = [u for u in db.session.scalars(units_query_for()) if u.id in writable]
    start_form.unit_id.choices = [(u.id, f"{u.code} — {u.name}") for u in unit_choices]
    if not start_form.year.data:
        start_form.year.data = today.year + 1
    plans = list(
        db.session.scalars(
            plans_query_for()
            .options(selectinload(Plan.unit))
            .order_by(Plan.year.desc(), Plan.unit_id, Plan.version)
        )
    )
    context = {"groups": review.group_by_unit_year(plans), "start_form": start_form, "settings": settings}
    if is_admin():
        year = request.args.get("year", type=int) or review.default_year(plans, today)
        # across the whole province, one year at a time
        context["groups"] = review.group_by_unit_year([p for p in plans if p.year == year])
        as_of = _as_of()
        context.update(
            year=year,
            as_of=as_of,
            queue=review.review_queue(year, as_of),
            waiting=review.waiting_by_year(),
            missing=review.units_without_plan_in_force(year),
            due=settings.plan_due_date(year),
            bulk_form=ActionForm(),
            years=review.years_offered(plans, today),
            at_districts=district.waiting_count_by_district(),
            district_on=district.is_on(),
            district_form=DistrictReviewForm(formdata=None, choice=district.stored_choice()),
        )
    elif current_user.unit_id is not None:
        context["district_waiting"] = district.waiting_for_count(current_user.unit_id)
    return render_template("plans/index.html", **context)


@bp.route("/start", methods=["POST"])
@require_roles(*WRITERS)
def start():
    form = StartPlanForm()
    form.unit_id.choices = [(uid, "") for uid in writable_unit_ids()]
    if not form.validate_on_submit():
        _form_errors(form)
        return redirect(url_for("plans.index"))
    unit = unit_or_404(form.unit_id.data, write=True)
    try:
        if form.workbook.data:
            plan = _start_from_workbook(unit, form.year.data, form.workbook.data.read())
        else:
            plan = ops.start_plan(unit, form.year.data, current_user, copy_last_year=form.copy_last_year.data)
    except UploadRefused as exc:
        db.session.rollback()
        return render_template(
            "plans/upload_errors.html", back=url_for("plans.index") + "#start", errors=exc.errors
        ), 422
    except ops.PlanRefused as exc:
        db.session.rollback()
        _refused(exc)
        latest = queries.latest_version(unit.id, form.year.data)
        return redirect(url_for("plans.view", plan_id=latest.id) if latest else url_for("plans.index"))
    db.session.commit()
    flash(_("Đã lập kế hoạch năm %(year)s (dự thảo).", year=plan.year), "success")
    return redirect(url_for("plans.view", plan_id=plan.id))


def _start_from_workbook(unit, year: int, data: bytes) -> Plan:
    """A first version from a filled workbook; a year that has a plan takes uploads on its page."""
    if queries.latest_version(unit.id, year) is not None:
        raise ops.PlanRefused("plan_exists")
    return import_plan(data, unit, year, current_user)


@bp.route("/template.xlsx")
@require_roles(*WRITERS)
def template():
    """An empty workbook for a unit and year, to fill in and upload."""
    unit = unit_or_404(request.args.get("unit_id", type=int) or 0, write=True)
    year = request.args.get("year", type=int) or clock.today().year + 1
    blank = Plan(unit_id=unit.id, year=year, version=0, status="draft")
    blank.unit = unit
    return xlsx_download(export_plan(blank), f"ke-hoach-{unit.code}-{year}-mau.xlsx")


@bp.route("/approve-clean", methods=["POST"])
@require_roles("admin")
def approve_clean():
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    ids = [int(i) for i in request.form.getlist("plan_id") if i.isdigit()]
    plans = list(db.session.scalars(plans_query_for(write=True).where(Plan.id.in_(ids)))) if ids else []
    as_of = _as_of()
    approved, skipped = ops.approve_clean(plans, current_user, as_of)
    db.session.commit()
    if approved:
        flash(_("Đã phê duyệt %(n)s kế hoạch.", n=len(approved)), "success")
    for plan, code in skipped:
        # which plan (by name) and why it was left alone
        flash(
            _(
                "Không phê duyệt %(plan)s: %(why)s",
                plan=_plan_name(plan),
                why=ops.PlanRefused(code).message,
            ),
            "warning",
        )
    if not plans:
        flash(_("Chưa chọn kế hoạch nào."), "warning")
    return redirect(
        url_for("plans.index", year=request.form.get("year", type=int), as_of=request.args.get("as_of"))
    )


# --- one plan ------------------------------------------------------------------------------


@bp.route("/<int:plan_id>")
@require_roles(*WRITERS)
def view(plan_id: int):
    plan = plan_or_404(plan_id)
    plan = queries.plan_with_content(plan.id)
    as_of = _as_of()
    writable = plan.unit_id in writable_unit_ids()
    latest = queries.latest_version(plan.unit_id, plan.year)
    found = plan_findings.findings_by_plan([plan], as_of)[plan.id]
    base, diff = queries.diff_against_answered(plan)
    programmes = _programmes(keep={line.programme_id for line in plan.lines})
    editable = writable and plan.status == "draft"
    line_forms = {}
    if editable:
        for line in plan.lines:
            line_forms[line.id] = LineForm(
                programmes=programmes,
                formdata=None,
                prefix=f"line{line.id}",
                programme_id=line.programme_id,
                category=line.category or "",
                planned_count=line.planned_count,
                lock_version=plan.lock_version,
            )
    counts = plan_findings.severity_counts(found)
    approve_form = ApproveForm(formdata=None, prefix="approve")
    settings = load_settings()
    if counts["error"]:
        approve_form.comment.label.text = _("Ý kiến khi phê duyệt (bắt buộc vì kế hoạch còn lỗi)")
    return render_template(
        "plans/view.html",
        plan=plan,
        as_of=as_of,
        latest=latest,
        in_force=queries.approved_in_force(plan.unit_id, plan.year),
        base=base,
        diff=diff,
        findings=found,
        counts=counts,
        line_findings=plan_findings.by_line(found),
        line_compositions=line_compositions(plan, as_of, settings),
        names=queries.person_names(diff),
        programme_names=queries.programme_names(diff),
        due=settings.plan_due_date(plan.year),
        editable=editable,
        can_supplement=writable and latest.id == plan.id and plan.status in ("approved", "returned"),
        submit_to=district.reviewing_district(plan.unit) if editable else None,
        can_review=is_admin() and plan.status == "submitted" and plan.reviewer_unit_id is None,
        can_district_review=(
            current_user.role == "unit_head"
            and plan.status == "submitted"
            and plan.reviewer_unit_id is not None
            and plan.reviewer_unit_id == current_user.unit_id
        ),
        district_return_form=DistrictReturnForm(formdata=None, prefix="district"),
        can_upload=writable and latest.id == plan.id and plan.status != "submitted",
        line_forms=line_forms,
        add_form=LineForm(programmes=programmes, formdata=None, lock_version=plan.lock_version),
        edit_form=PlanEditForm(formdata=None, lock_version=plan.lock_version),
        action_form=ActionForm(),
        approve_form=approve_form,
        return_form=ReturnForm(formdata=None, prefix="return"),
        upload_form=UploadForm(formdata=None, lock_version=plan.lock_version),
        event_labels=EVENT_LABELS,
    )


def _programmes(keep=()):
    """The programmes a line may name: a retired one is not offered, except those in ``keep``
    (named by the plan's lines already)."""
    offered = (
        or_(Programme.retired_on.is_(None), Programme.id.in_(keep))
        if keep
        else Programme.retired_on.is_(None)
    )
    return list(
        db.session.scalars(select(Programme).where(offered).order_by(Programme.sort_key, Programme.code))
    )


def _line_values(form: LineForm) -> ops.LineValues:
    return ops.LineValues(form.programme_id.data, form.category.data or None, form.planned_count.data)


@bp.route("/<int:plan_id>/lines", methods=["POST"])
@require_roles(*WRITERS)
def add_line(plan_id: int):
    plan = plan_or_404(plan_id, write=True)
    form = LineForm(programmes=_programmes())
    if not form.validate_on_submit():
        _form_errors(form)
        return _back(plan, "lines")
    return _change(
        plan,
        lambda: ops.add_line(plan, _line_values(form), current_user, form.lock()),
        _("Đã thêm dòng kế hoạch."),
        anchor="lines",
        refused_anchor="lines",
    )


@bp.route("/<int:plan_id>/lines/<int:line_id>", methods=["POST"])
@require_roles(*WRITERS)
def change_line(plan_id: int, line_id: int):
    plan = plan_or_404(plan_id, write=True)
    form = LineForm(
        programmes=_programmes(keep={line.programme_id for line in plan.lines}), prefix=f"line{line_id}"
    )
    if not form.validate_on_submit():
        _form_errors(form)
        return _back(plan, "lines")
    return _change(
        plan,
        lambda: ops.change_line(plan, line_id, _line_values(form), current_user, form.lock()),
        _("Đã lưu dòng kế hoạch."),
        anchor="lines",
        refused_anchor="lines",
    )


@bp.route("/<int:plan_id>/lines/<int:line_id>/remove", methods=["POST"])
@require_roles(*WRITERS)
def remove_line(plan_id: int, line_id: int):
    plan = plan_or_404(plan_id, write=True)
    form = PlanEditForm()
    if not form.validate_on_submit():
        abort(400)
    return _change(
        plan,
        lambda: ops.remove_line(plan, line_id, current_user, form.lock()),
        _("Đã xóa dòng kế hoạch."),
        anchor="lines",
        refused_anchor="lines",
    )


@bp.route("/<int:plan_id>/lines/<int:line_id>/people", methods=["GET", "POST"])
@require_roles(*WRITERS)
def people(plan_id: int, line_id: int):
    plan = plan_or_404(plan_id, write=request.method == "POST")
    line = line_or_404(plan, line_id)
    form = PlanEditForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        chosen = [int(p) for p in request.form.getlist("person_id") if p.isdigit()]
        try:
            ops.set_named_people(plan, line.id, chosen, current_user, form.lock())
        except ops.PlanRefused as exc:
            db.session.rollback()
            _refused(exc)
            return redirect(url_for("plans.people", plan_id=plan.id, line_id=line_id))
        db.session.commit()
        flash(_("Đã lưu danh sách người được cử (%(n)s người).", n=len(chosen)), "success")
        return _back(plan, f"line-{line.id}")
    form.lock_version.data = plan.lock_version
    return render_template(
        "plans/people.html",
        plan=plan,
        line=line,
        form=form,
        candidates=picker.candidates(plan, line, clock.today(), current_user),
        at=date(plan.year, 1, 1),
        editable=plan.status == "draft" and plan.unit_id in writable_unit_ids(),
    )


@bp.route("/<int:plan_id>/submit", methods=["POST"])
@require_roles(*WRITERS)
def submit(plan_id: int):
    plan = plan_or_404(plan_id, write=True)
    form = PlanEditForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        ops.submit(plan, current_user, form.lock())
    except ops.PlanRefused as exc:
        db.session.rollback()
        _refused(exc)
        return _back(plan)
    db.session.commit()
    if plan.reviewer_unit_id is not None:
        flash(
            _(
                "Đã trình kế hoạch lên %(district)s xem xét; huyện sẽ chuyển lên Ban Tổ chức phê duyệt.",
                district=plan.reviewer_unit.name,
            ),
            "success",
        )
    else:
        flash(_("Đã gửi kế hoạch cho Ban Tổ chức duyệt."), "success")
    return _back(plan)


@bp.route("/<int:plan_id>/approve", methods=["POST"])
@require_roles("admin")
def approve(plan_id: int):
    plan = plan_or_404(plan_id, write=True)
    form = ApproveForm(prefix="approve")
    if not form.validate_on_submit():
        abort(400)
    return _change(
        plan,
        lambda: ops.approve(plan, current_user, form.comment.data, as_of=_as_of()),
        _("Đã phê duyệt kế hoạch."),
        refused_anchor="review",
    )


@bp.route("/<int:plan_id>/return", methods=["POST"])
@require_roles("admin")
def return_plan(plan_id: int):
    plan = plan_or_404(plan_id, write=True)
    form = ReturnForm(prefix="return")
    if not form.validate_on_submit():
        _form_errors(form)
        return _back(plan, "review")
    return _change(
        plan,
        lambda: ops.return_for_correction(plan, current_user, form.comment.data),
        _("Đã trả lại kế hoạch để đơn vị sửa."),
        refused_anchor="review",
    )


@bp.route("/<int:plan_id>/supplement", methods=["POST"])
@require_roles(*WRITERS)
def supplement(plan_id: int):
    plan = plan_or_404(plan_id, write=True)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        new = ops.start_next_version(plan, current_user)
    except ops.PlanRefused as exc:
        db.session.rollback()
        _refused(exc)
        return _back(plan)
    db.session.commit()
    flash(_("Đã lập kế hoạch bổ sung, điều chỉnh lần %(v)s (dự thảo).", v=new.version), "success")
    return _back(new)


@bp.route("/<int:plan_id>/versions")
@require_roles(*WRITERS)
def versions(plan_id: int):
    plan = plan_or_404(plan_id)
    all_versions = queries.versions_of(plan.unit_id, plan.year)
    return render_template(
        "plans/versions.html",
        plan=plan,
        versions=all_versions,
        in_force=queries.approved_in_force(plan.unit_id, plan.year),
        counts=queries.line_counts([v.id for v in all_versions]),
        event_labels=EVENT_LABELS,
    )


@bp.route("/<int:plan_id>/export.xlsx")
@require_roles(*WRITERS)
def export(plan_id: int):
    plan = plan_or_404(plan_id)
    return xlsx_download(export_plan(plan), f"ke-hoach-{plan.unit.code}-{plan.year}-v{plan.version}.xlsx")


@bp.route("/<int:plan_id>/upload", methods=["POST"])
@require_roles(*WRITERS)
def upload(plan_id: int):
    plan = plan_or_404(plan_id, write=True)
    form = UploadForm()
    if not form.validate_on_submit():
        _form_errors(form)
        return _back(plan, "excel")
    if queries.latest_version(plan.unit_id, plan.year).id != plan.id:
        # an upload replaces or follows the latest version, never an older one
        _refused(ops.PlanRefused("not_latest"))
        return _back(plan, "excel")
    lock = form.lock() if plan.status == "draft" else None
    try:
        new = import_plan(form.workbook.data.read(), plan.unit, plan.year, current_user, lock_version=lock)
    except UploadRefused as exc:
        db.session.rollback()
        back = url_for("plans.view", plan_id=plan.id) + "#excel"
        return render_template("plans/upload_errors.html", back=back, errors=exc.errors), 422
    except ops.PlanRefused as exc:
        db.session.rollback()
        _refused(exc)
        return _back(plan, "excel")
    db.session.commit()
    flash(_("Đã nhận tệp Excel: kế hoạch lần %(v)s (dự thảo).", v=new.version), "success")
    return _back(new)


# --- two-level review: the district (nq05/plans/district.py) ---------------------------------


@bp.route("/district")
@require_roles("unit_head")
def district_queue():
    """The district head's desk: the communes' plans waiting for the district, with findings."""
    if current_user.unit_id is None:
        abort(404)
    as_of = _as_of()
    return render_template(
        "plans/district.html",
        unit=unit_or_404(current_user.unit_id),
        as_of=as_of,
        entries=district.waiting_for(current_user.unit_id, as_of),
        forwarded=district.recently_forwarded(current_user.unit_id),
        form=ActionForm(),
    )


@bp.route("/forward", methods=["POST"])
@require_roles("unit_head")
def forward():
    """Forward the chosen commune plans to the province (one or several at once)."""
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    ids = [int(i) for i in request.form.getlist("plan_id") if i.isdigit()]
    # only plans the head may read: another district's plans are not even looked at
    plans = list(db.session.scalars(plans_query_for().where(Plan.id.in_(ids)))) if ids else []
    forwarded, skipped = ops.forward(plans, current_user)
    db.session.commit()
    if forwarded:
        flash(_("Đã chuyển %(n)s kế hoạch lên Ban Tổ chức.", n=len(forwarded)), "success")
    for plan, code in skipped:
        flash(
            _("Không chuyển %(plan)s: %(why)s", plan=_plan_name(plan), why=ops.PlanRefused(code).message),
            "warning",
        )
    if not plans:
        flash(_("Chưa chọn kế hoạch nào."), "warning")
    if len(plans) == 1 and request.form.get("back") == "plan":
        return _back(plans[0])
    return redirect(url_for("plans.district_queue"))


@bp.route("/<int:plan_id>/district-return", methods=["POST"])
@require_roles("unit_head")
def district_return(plan_id: int):
    plan = plan_or_404(plan_id)
    if plan.reviewer_unit_id is None or plan.reviewer_unit_id != current_user.unit_id:
        abort(403)  # a commune's own head, or a plan no longer at the district
    form = DistrictReturnForm(prefix="district")
    if not form.validate_on_submit():
        _form_errors(form)
        return _back(plan, "district-review")
    return _change(
        plan,
        lambda: ops.district_return(plan, current_user, form.comment.data),
        _("Đã trả lại kế hoạch để xã sửa."),
        refused_anchor="district-review",
    )


@bp.route("/district-review", methods=["POST"])
@require_roles("admin")
def district_review_setting():
    form = DistrictReviewForm()
    if not form.validate_on_submit():
        _form_errors(form)
        return redirect(url_for("plans.index") + "#district-review")
    try:
        moved = ops.set_district_review(form.choice.data, current_user)
    except ops.PlanRefused as exc:
        db.session.rollback()
        _refused(exc)
        return redirect(url_for("plans.index") + "#district-review")
    db.session.commit()
    flash(_("Đã lưu cách xem xét kế hoạch của xã."), "success")
    if moved:
        flash(_("%(n)s kế hoạch đang chờ huyện đã được chuyển lên Ban Tổ chức.", n=moved), "warning")
    return redirect(url_for("plans.index") + "#district-review")
