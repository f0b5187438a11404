"""The admin's page for the progress report's indicators: list, add, edit, delete."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from nq05.auth.access import require_roles
from nq05.extensions import db
from nq05.reference import operations as ops
from nq05.reference.blueprint import bp
from nq05.reference.forms import IndicatorForm
from nq05.reference.models import Indicator, Programme
from nq05.web.forms import show_refusal


@bp.route("/admin/indicators")
@require_roles("admin")
def indicators():
    rows = db.session.execute(select(Indicator).order_by(Indicator.position, Indicator.id)).scalars().all()
    return render_template("reference/indicators.html", rows=rows)


def _edit_indicator(indicator: Indicator | None):
    programmes = db.session.execute(
        select(Programme.id, Programme.name).order_by(Programme.sort_key, Programme.code)
    ).all()
    form = IndicatorForm(obj=indicator, programmes=[(p.id, p.name) for p in programmes])
    if not form.is_submitted():
        if indicator is not None and indicator.track:
            form.level.data = f"{indicator.track}:{indicator.min_level}"
        if indicator is None:
            last = db.session.scalar(select(func.max(Indicator.position)))
            form.position.data = (last or 0) + 1
    if form.validate_on_submit():
        try:
            ops.save_indicator(indicator, form.data, current_user)
        except ops.ReferenceRefused as error:
            db.session.rollback()
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("Đã lưu. Các số liệu tiến độ sẽ được tính lại."), "success")
            return redirect(url_for("reference.indicators"))
    title = _("Sửa chỉ số") if indicator else _("Thêm chỉ số")
    return render_template("form_page.html", form=form, title=title, back=url_for("reference.indicators"))


@bp.route("/admin/indicators/new", methods=["GET", "POST"])
@require_roles("admin")
def new_indicator():
    return _edit_indicator(None)


@bp.route("/admin/indicators/<int:indicator_id>", methods=["GET", "POST"])
@require_roles("admin")
def edit_indicator(indicator_id: int):
    return _edit_indicator(db.session.get(Indicator, indicator_id) or abort(404))


@bp.route("/admin/indicators/<int:indicator_id>/delete", methods=["POST"])
@require_roles("admin")
def retire_indicator(indicator_id: int):
    indicator = db.session.get(Indicator, indicator_id) or abort(404)
    ops.retire_indicator(indicator, current_user)
    db.session.commit()
    flash(_("Đã xóa chỉ số. Các số liệu tiến độ sẽ được tính lại."), "success")
    return redirect(url_for("reference.indicators"))
