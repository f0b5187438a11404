"""Sign-in, sign-out and changing one's own password."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from nq05.auth import operations
from nq05.auth.access import public, require_roles
from nq05.auth.blueprint import bp
from nq05.auth.forms import ChangePasswordForm, LoginForm
from nq05.domain.codes import ROLES
from nq05.extensions import db, limiter
from nq05.web.i18n import LANG_KEY
from nq05.web.urls import safe_next


def _limits_off() -> bool:
    # The limiter object is shared by every app of the process (tests make several); the app's
    # own setting decides.
    return not current_app.config.get("RATELIMIT_ENABLED", True)


def _login_email_key() -> str:
    return "login-email:" + (request.form.get("email") or "").strip().lower()


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit("10 per minute", methods=["POST"], exempt_when=_limits_off)
@limiter.limit("20 per 15 minutes", key_func=_login_email_key, methods=["POST"], exempt_when=_limits_off)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("web.dashboard"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        user = operations.authenticate(form.email.data, form.password.data)
        if user is None:
            flash(_("Thư điện tử hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa."), "error")
        else:
            language = session.get(LANG_KEY)
            session.clear()  # a fresh session for the signed-in user
            if language:
                session[LANG_KEY] = language
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(form.next.data))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["GET", "POST"])
@public
def logout():
    if request.method == "POST":
        language = session.get(LANG_KEY)
        logout_user()
        session.clear()
        if language:
            session[LANG_KEY] = language
        flash(_("Bạn đã đăng xuất."), "success")
        return redirect(url_for("auth.login"))
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return render_template("auth/logout.html")


@bp.route("/account/password", methods=["GET", "POST"])
@require_roles(*ROLES)
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("Mật khẩu hiện tại không đúng."))
        else:
            operations.set_password(current_user, form.new.data, current_user)
            db.session.commit()
            flash(_("Đã đổi mật khẩu."), "success")
            return redirect(url_for("web.dashboard"))
    return render_template("auth/change_password.html", form=form)
