"""The Organisation Board's desk: the province's settings, periods, their targets and the unit
quota table (admin only). Every change is audited (operations.py) and the recompute outbox marks
what it affects in the same transaction (nq05/progress/dependencies.py)."""

from __future__ import annotations

from collections import defaultdict

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from nq05.auth.access import require_roles
from nq05.domain.codes import SETTING_DEFAULTS
from nq05.domain.levels import TRACK_LEVELS, TRACKS, rank
from nq05.extensions import db
from nq05.reference import operations as ops
from nq05.reference.blueprint import bp
from nq05.reference.forms import PeriodForm, SettingsForm, TargetForm, parse_decimal, typed_decimal
from nq05.reference.models import Period, Setting, Target
from nq05.web.forms import show_refusal

# The units are the staff feature's, which imports this one: their table is read by name.
UNITS = "units"


def units_in_tree_order() -> list[dict]:
    """Every unit, each followed by the units under it (in Vietnamese order of names), with its depth."""
    table = db.metadata.tables[UNITS]
    rows = db.session.execute(
        select(table.c.id, table.c.code, table.c.name, table.c.level, table.c.parent_id).order_by(
            table.c.sort_key, table.c.code
        )
    ).all()
    known = {r.id for r in rows}
    children = defaultdict(list)
    for r in rows:
        children[r.parent_id if r.parent_id in known else None].append(r)
    ordered: list[dict] = []

    def walk(parent, depth):
        for r in children[parent]:
            ordered.append({"id": r.id, "code": r.code, "name": r.name, "level": r.level, "depth": depth})
            walk(r.id, depth + 1)

    walk(None, 0)
    return ordered


def _unit_choices() -> list[tuple[int, str]]:
    return [(u["id"], "\u00a0\u00a0" * u["depth"] + u["name"]) for u in units_in_tree_order()]


def _period_or_404(period_id: int) -> Period:
    return db.session.get(Period, period_id) or abort(404)


# --- settings ------------------------------------------------------------------------------------


@bp.route("/admin/settings", methods=["GET", "POST"])
@require_roles("admin")
def settings():
    stored = {
        **ops.ALL_SETTING_DEFAULTS,
        **dict(db.session.execute(select(Setting.key, Setting.value)).all()),
    }
    form = SettingsForm()
    if form.validate_on_submit():
        values = {key: form.stored_value(key) for key in form.keys}
        changed = ops.save_settings(values, current_user)
        db.session.commit()
        if any(key in SETTING_DEFAULTS for key in changed):
            flash(_("Đã lưu. Các số liệu tiến độ sẽ được tính lại."), "success")
        elif changed:
            # the notices' signature and contact: no figure depends on them
            flash(
                _("Đã lưu. Các thông báo gửi từ nay theo thiết lập mới; số liệu tiến độ không thay đổi."),
                "success",
            )
        else:
            flash(_("Không có thay đổi nào."), "info")
        return redirect(url_for("reference.settings"))
    if not form.is_submitted():
        form.fill(stored)
    return render_template("reference/settings.html", form=form)


# --- periods -------------------------------------------------------------------------------------


@bp.route("/admin/periods")
@require_roles("admin")
def periods():
    counts = dict(
        db.session.execute(select(Target.period_id, func.count(Target.id)).group_by(Target.period_id)).all()
    )
    rows = db.session.execute(select(Period).order_by(Period.start_date)).scalars().all()
    return render_template("reference/periods.html", rows=rows, counts=counts)


def _edit_period(period: Period | None):
    form = PeriodForm(obj=period)
    if form.validate_on_submit():
        try:
            saved = ops.save_period(period, form.data, current_user)
        except ops.ReferenceRefused as error:
            db.session.rollback()
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("Đã lưu."), "success")
            return redirect(url_for("reference.period", period_id=saved.id))
    back = url_for("reference.period", period_id=period.id) if period else url_for("reference.periods")
    title = _("Sửa giai đoạn") if period else _("Thêm giai đoạn")
    return render_template("form_page.html", form=form, title=title, back=back)


@bp.route("/admin/periods/new", methods=["GET", "POST"])
@require_roles("admin")
def new_period():
    return _edit_period(None)


@bp.route("/admin/periods/<int:period_id>/edit", methods=["GET", "POST"])
@require_roles("admin")
def edit_period(period_id: int):
    return _edit_period(_period_or_404(period_id))


@bp.route("/admin/periods/<int:period_id>/delete", methods=["POST"])
@require_roles("admin")
def retire_period(period_id: int):
    period = _period_or_404(period_id)
    try:
        ops.retire_period(period, current_user)
    except ops.ReferenceRefused as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("reference.period", period_id=period_id))
    db.session.commit()
    flash(_("Đã xóa giai đoạn."), "success")
    return redirect(url_for("reference.periods"))


def _target_order(t: Target):
    return (t.unit_id is not None, t.kind, t.category or "", TRACKS.index(t.track), rank(t.track, t.level))


@bp.route("/admin/periods/<int:period_id>")
@require_roles("admin")
def period(period_id: int):
    period = _period_or_404(period_id)
    targets = db.session.execute(select(Target).where(Target.period_id == period.id)).scalars().all()
    province = sorted((t for t in targets if t.unit_id is None), key=_target_order)
    units = {u["id"]: u for u in units_in_tree_order()}
    quotas = sorted((t for t in targets if t.unit_id is not None), key=_target_order)
    return render_template(
        "reference/period.html", period=period, province=province, quotas=quotas, units=units
    )


# --- targets -------------------------------------------------------------------------------------


def _edit_target(period: Period, target: Target | None):
    form = TargetForm(obj=target, units=_unit_choices())
    if target is not None and not form.is_submitted():
        form.level.data = f"{target.track}:{target.level}"
    if form.validate_on_submit():
        track, _sep, level = form.level.data.partition(":")
        values = ops.TargetValues(
            form.kind.data, track, level, form.category.data, form.unit_id.data, form.value.data
        )
        try:
            ops.save_target(period, target, values, current_user)
        except ops.ReferenceRefused as error:
            db.session.rollback()
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("Đã lưu. Các số liệu tiến độ sẽ được tính lại."), "success")
            return redirect(url_for("reference.period", period_id=period.id))
    title = _("Sửa chỉ tiêu") if target else _("Thêm chỉ tiêu")
    return render_template(
        "form_page.html",
        form=form,
        title=f"{title} — {_('giai đoạn')} {period.code}",
        back=url_for("reference.period", period_id=period.id),
    )


@bp.route("/admin/periods/<int:period_id>/targets/new", methods=["GET", "POST"])
@require_roles("admin")
def new_target(period_id: int):
    return _edit_target(_period_or_404(period_id), None)


@bp.route("/admin/targets/<int:target_id>", methods=["GET", "POST"])
@require_roles("admin")
def edit_target(target_id: int):
    target = db.session.get(Target, target_id) or abort(404)
    return _edit_target(target.period, target)


@bp.route("/admin/targets/<int:target_id>/delete", methods=["POST"])
@require_roles("admin")
def retire_target(target_id: int):
    target = db.session.get(Target, target_id) or abort(404)
    period_id = target.period_id
    ops.retire_target(target, current_user)
    db.session.commit()
    flash(_("Đã xóa chỉ tiêu. Các số liệu tiến độ sẽ được tính lại."), "success")
    return redirect(url_for("reference.period", period_id=period_id))


# --- the quota table: units down, levels across --------------------------------------------------


def _cell_name(unit_id: int, track: str, level: str) -> str:
    return f"q-{unit_id}-{track}-{level}"


def _column(text: str) -> tuple[str, str] | None:
    track, _sep, level = (text or "").partition(":")
    return (track, level) if level in TRACK_LEVELS.get(track, ()) else None


def _quota_columns(targets: list[Target], extra: list[str]) -> list[tuple[str, str]]:
    """The (track, level) of the period's count targets for all categories, and those asked for."""
    columns = {(t.track, t.level) for t in targets}
    columns.update(c for c in map(_column, extra) if c is not None)
    return sorted(columns, key=lambda c: (TRACKS.index(c[0]), rank(*c)))


@bp.route("/admin/periods/<int:period_id>/quotas", methods=["GET", "POST"])
@require_roles("admin")
def quotas(period_id: int):
    period = _period_or_404(period_id)
    targets = (
        db.session.execute(
            select(Target).where(
                Target.period_id == period.id, Target.kind == "count", Target.category.is_(None)
            )
        )
        .scalars()
        .all()
    )
    columns = _quota_columns(targets, request.values.getlist("column") + request.args.getlist("add"))
    units = units_in_tree_order()
    stored = {(t.unit_id, t.track, t.level): t.value for t in targets if t.unit_id is not None}
    province = {(t.track, t.level): t.value for t in targets if t.unit_id is None}
    typed: dict[str, str] = {}
    errors: dict[str, str] = {}
    if request.method == "POST":
        grid = {}
        for unit in units:
            for track, level in columns:
                name = _cell_name(unit["id"], track, level)
                if name not in request.form:
                    continue
                typed[name] = request.form[name]
                value, message = (
                    parse_decimal(request.form[name]) if request.form[name].strip() else (None, None)
                )
                if message:
                    errors[name] = message
                grid[(unit["id"], track, level)] = value
        if not errors:
            changes = ops.save_quotas(period, columns, grid, current_user)
            db.session.commit()
            if changes:
                flash(
                    _("Đã lưu %(count)s thay đổi. Các số liệu tiến độ sẽ được tính lại.", count=changes),
                    "success",
                )
            else:
                flash(_("Không có thay đổi nào."), "info")
            return redirect(
                url_for("reference.quotas", period_id=period.id, column=[f"{t}:{lv}" for t, lv in columns])
            )
        flash(_("Chưa lưu gì: vui lòng sửa các ô có lỗi (%(count)s ô).", count=len(errors)), "error")
    cells = {}
    for unit in units:
        for track, level in columns:
            name = _cell_name(unit["id"], track, level)
            cells[name] = (
                typed[name] if name in typed else typed_decimal(stored.get((unit["id"], track, level)))
            )
    totals = {c: sum(v for (_u, *k), v in stored.items() if tuple(k) == c) for c in columns}
    warnings = []
    for column in columns:
        target = province.get(column)
        if target is None:
            warnings.append((column, "no_province", totals[column], None))
        elif abs(totals[column] - target) > 1e-9:
            warnings.append((column, "short" if totals[column] < target else "over", totals[column], target))
    return render_template(
        "reference/quotas.html",
        period=period,
        columns=columns,
        units=units,
        cells=cells,
        errors=errors,
        cell_name=_cell_name,
        totals=totals,
        province=province,
        warnings=warnings,
        all_columns=[(t, lv) for t in TRACKS for lv in TRACK_LEVELS[t] if (t, lv) not in columns],
    )
