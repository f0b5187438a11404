"""Admin pages for reference data: positions (title standards), programmes, centres."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from nq05.auth.access import require_roles
from nq05.extensions import db
from nq05.reference import operations as ops
from nq05.reference.blueprint import bp
from nq05.reference.forms import CentreForm, PositionForm, ProgrammeForm
from nq05.reference.models import Centre, Position, Programme
from nq05.web.forms import show_refusal

#: kind -> (model, form, save operation, list title, form titles (new, edit), list endpoint)
KINDS = {
    "position": (
        Position,
        PositionForm,
        ops.save_position,
        _l("Chức danh và tiêu chuẩn"),
        (_l("Thêm chức danh"), _l("Sửa chức danh")),
        "reference.positions",
    ),
    "programme": (
        Programme,
        ProgrammeForm,
        ops.save_programme,
        _l("Chương trình đào tạo, bồi dưỡng"),
        (_l("Thêm chương trình"), _l("Sửa chương trình")),
        "reference.programmes",
    ),
    "centre": (
        Centre,
        CentreForm,
        ops.save_centre,
        _l("Cơ sở đào tạo"),
        (_l("Thêm cơ sở đào tạo"), _l("Sửa cơ sở đào tạo")),
        "reference.centres",
    ),
}


def _form_for(kind: str, obj):
    model, form_class, _save, _title, _titles, _list = KINDS[kind]
    if kind == "programme" and obj is not None and obj.track:
        form = form_class(obj=obj)
        if not form.is_submitted():
            form.confers.data = f"{obj.track}:{obj.level}"
        return form
    return form_class(obj=obj)


def _edit(kind: str, record_id: int | None):
    model, _form_class, save, _title, titles, list_endpoint = KINDS[kind]
    obj = None
    if record_id is not None:
        obj = db.session.get(model, record_id) or abort(404)
    form = _form_for(kind, obj)
    if form.validate_on_submit():
        try:
            save(obj, form.data, current_user)
        except ops.ReferenceRefused as error:
            db.session.rollback()
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("Đã lưu."), "success")
            return redirect(url_for(list_endpoint))
    template = "reference/position_form.html" if kind == "position" else "form_page.html"
    return render_template(template, form=form, title=titles[1 if obj else 0], back=url_for(list_endpoint))


def _retire(kind: str, record_id: int):
    model, _form_class, _save, _title, _titles, list_endpoint = KINDS[kind]
    obj = db.session.get(model, record_id) or abort(404)
    try:
        ops.retire(obj, kind, current_user)
    except ops.ReferenceRefused as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("Đã xóa."), "success")
    return redirect(url_for(list_endpoint))


def _withdraw(kind: str, record_id: int, undo: bool):
    model, _form_class, _save, _title, _titles, list_endpoint = KINDS[kind]
    obj = db.session.get(model, record_id) or abort(404)
    try:
        (ops.reinstate if undo else ops.withdraw)(obj, kind, current_user)
    except ops.ReferenceRefused as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("Đã cho dùng lại.") if undo else _("Đã ngừng sử dụng."), "success")
    return redirect(url_for(list_endpoint))


@bp.route("/admin/positions/<int:position_id>/retire", methods=["POST"])
@require_roles("admin")
def withdraw_position(position_id: int):
    return _withdraw("position", position_id, undo=False)


@bp.route("/admin/positions/<int:position_id>/reinstate", methods=["POST"])
@require_roles("admin")
def reinstate_position(position_id: int):
    return _withdraw("position", position_id, undo=True)


@bp.route("/admin/programmes/<int:programme_id>/retire", methods=["POST"])
@require_roles("admin")
def withdraw_programme(programme_id: int):
    return _withdraw("programme", programme_id, undo=False)


@bp.route("/admin/programmes/<int:programme_id>/reinstate", methods=["POST"])
@require_roles("admin")
def reinstate_programme(programme_id: int):
    return _withdraw("programme", programme_id, undo=True)


@bp.route("/admin/centres/<int:centre_id>/retire", methods=["POST"])
@require_roles("admin")
def withdraw_centre(centre_id: int):
    return _withdraw("centre", centre_id, undo=False)


@bp.route("/admin/centres/<int:centre_id>/reinstate", methods=["POST"])
@require_roles("admin")
def reinstate_centre(centre_id: int):
    return _withdraw("centre", centre_id, undo=True)


@bp.route("/admin/positions/<int:position_id>/delete", methods=["POST"])
@require_roles("admin")
def retire_position(position_id: int):
    return _retire("position", position_id)


@bp.route("/admin/programmes/<int:programme_id>/delete", methods=["POST"])
@require_roles("admin")
def retire_programme(programme_id: int):
    return _retire("programme", programme_id)


@bp.route("/admin/centres/<int:centre_id>/delete", methods=["POST"])
@require_roles("admin")
def retire_centre(centre_id: int):
    return _retire("centre", centre_id)


@bp.route("/admin/positions")
@require_roles("admin")
def positions():
    rows = db.session.execute(select(Position).order_by(Position.sort_key, Position.code)).scalars().all()
    return render_template("reference/positions.html", rows=rows, used=ops.used_ids(Position))


@bp.route("/admin/positions/new", methods=["GET", "POST"])
@require_roles("admin")
def new_position():
    return _edit("position", None)


@bp.route("/admin/positions/<int:position_id>", methods=["GET", "POST"])
@require_roles("admin")
def edit_position(position_id: int):
    return _edit("position", position_id)


@bp.route("/admin/programmes")
@require_roles("admin")
def programmes():
    rows = db.session.execute(select(Programme).order_by(Programme.sort_key, Programme.code)).scalars().all()
    return render_template("reference/programmes.html", rows=rows, used=ops.used_ids(Programme))


@bp.route("/admin/programmes/new", methods=["GET", "POST"])
@require_roles("admin")
def new_programme():
    return _edit("programme", None)


@bp.route("/admin/programmes/<int:programme_id>", methods=["GET", "POST"])
@require_roles("admin")
def edit_programme(programme_id: int):
    return _edit("programme", programme_id)


@bp.route("/admin/centres")
@require_roles("admin")
def centres():
    rows = db.session.execute(select(Centre).order_by(Centre.sort_key, Centre.code)).scalars().all()
    return render_template("reference/centres.html", rows=rows, used=ops.used_ids(Centre))


@bp.route("/admin/centres/new", methods=["GET", "POST"])
@require_roles("admin")
def new_centre():
    return _edit("centre", None)


@bp.route("/admin/centres/<int:centre_id>", methods=["GET", "POST"])
@require_roles("admin")
def edit_centre(centre_id: int):
    return _edit("centre", centre_id)
