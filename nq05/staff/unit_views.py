"""Admin pages that add and change units (the unit tree is read at /units/)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from nq05.auth.access import require_roles
from nq05.extensions import db
from nq05.staff import operations
from nq05.staff.blueprint import bp
from nq05.staff.forms import UnitForm
from nq05.staff.models import Unit
from nq05.staff.operations import StaffError
from nq05.staff.queries import unit_choices
from nq05.web.forms import show_refusal


def _edit_unit(unit: Unit | None):
    unit_ids = set(db.session.execute(select(Unit.id)).scalars()) - ({unit.id} if unit else set())
    form = UnitForm(obj=unit, parents=unit_choices(unit_ids))
    if form.validate_on_submit():
        try:
            operations.save_unit(unit, form.data, current_user)
        except StaffError as error:
            db.session.rollback()
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("Đã lưu."), "success")
            return redirect(url_for("staff.units"))
    title = _("Sửa đơn vị") if unit else _("Thêm đơn vị")
    return render_template("form_page.html", form=form, title=title, back=url_for("staff.units"))


@bp.route("/admin/units/new", methods=["GET", "POST"])
@require_roles("admin")
def new_unit():
    return _edit_unit(None)


@bp.route("/admin/units/<int:unit_id>", methods=["GET", "POST"])
@require_roles("admin")
def edit_unit(unit_id: int):
    return _edit_unit(db.session.get(Unit, unit_id) or abort(404))
