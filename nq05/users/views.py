"""Admin: users, their roles and their unit or centre."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select

from nq05.auth import operations as auth_operations
from nq05.auth.access import require_roles
from nq05.auth.models import User
from nq05.auth.operations import find_by_email
from nq05.extensions import db
from nq05.labels import choices
from nq05.reference.models import Centre
from nq05.search import fold, folded
from nq05.staff.models import Unit
from nq05.users import operations
from nq05.users.blueprint import bp
from nq05.users.forms import ActionForm, UserForm


def _fill_choices(form: UserForm, keep: int | None = None) -> None:
    form.role.choices = choices("role")
    units = db.session.execute(select(Unit.id, Unit.code, Unit.name).order_by(Unit.sort_key, Unit.code)).all()
    centres = db.session.execute(
        select(Centre.id, Centre.code, Centre.name)
        .where(or_(Centre.retired_on.is_(None), Centre.id == keep))
        .order_by(Centre.sort_key, Centre.code)
    ).all()
    form.unit_id.choices = [("", _("— Không —"))] + [(u.id, f"{u.code} · {u.name}") for u in units]
    form.centre_id.choices = [("", _("— Không —"))] + [(c.id, f"{c.code} · {c.name}") for c in centres]


@bp.route("/admin/users")
@require_roles("admin")
def users():
    q = request.args.get("q", "").strip()
    query = select(User).order_by(User.role, User.email)
    if q:
        like = f"%{fold(q)}%"
        query = query.where(or_(folded(User.email).like(like), folded(User.full_name).like(like)))
    page = db.paginate(query, per_page=50)
    return render_template("users/users.html", page=page, q=q)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@require_roles("admin")
def new_user():
    form = UserForm()
    _fill_choices(form)
    if form.validate_on_submit():
        if find_by_email(form.email.data):
            form.email.errors.append(_("Đã có người dùng với thư điện tử này."))
        else:
            user = operations.save_user(None, form.data, current_user)
            db.session.commit()
            flash(_("Đã tạo người dùng %(email)s.", email=user.email), "success")
            return redirect(url_for("users.users"))
    return render_template("users/user_form.html", form=form, user=None)


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@require_roles("admin")
def edit_user(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = UserForm(obj=user)
    _fill_choices(form, keep=user.centre_id)
    if form.validate_on_submit():
        other = find_by_email(form.email.data)
        if other is not None and other.id != user.id:
            form.email.errors.append(_("Đã có người dùng với thư điện tử này."))
        elif user.id == current_user.id and (form.role.data != "admin" or not form.active.data):
            flash(_("Bạn không thể tự bỏ quyền quản trị hoặc tự khóa tài khoản của mình."), "error")
        else:
            operations.save_user(user, form.data, current_user)
            db.session.commit()
            flash(_("Đã lưu người dùng %(email)s.", email=user.email), "success")
            return redirect(url_for("users.users"))
    return render_template("users/user_form.html", form=form, user=user)


@bp.route("/admin/users/<int:user_id>/sign-out", methods=["POST"])
@require_roles("admin")
def sign_out_everywhere(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    auth_operations.sign_out_everywhere(user, current_user)
    db.session.commit()
    flash(_("Đã kết thúc mọi phiên đăng nhập của %(email)s.", email=user.email), "success")
    return redirect(url_for("users.edit_user", user_id=user.id))
