"""Sign-in, sign-out and changing one's own password."""

from __future__ import annotations

import math

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from nq05.auth import operations
from nq05.auth.forms import ChangePasswordForm, LoginForm
from nq05.auth.sessions import end_sessions
from nq05.auth.throttle import throttle
from nq05.extensions import db
from nq05.web.i18n import LANG_KEY
from nq05.web.urls import safe_next

bp = Blueprint("auth", __name__, template_folder="templates")


def _fresh_session() -> None:
    """Empty the session but for the user's language (a sign-in or sign-out starts anew)."""
    language = session.get(LANG_KEY)
    session.clear()
    if language:
        session[LANG_KEY] = language


def _refused(verdict):
    minutes = math.ceil(verdict.retry_after / 60)
    if verdict.refused == "address":
        message = _("Bạn đã thử quá nhiều lần. Vui lòng đợi %(minutes)s phút rồi thử lại.", minutes=minutes)
    else:
        message = _(
            "Bạn đã thử quá nhiều lần. Tài khoản này vừa bị nhập sai mật khẩu nhiều lần; "
            "từ máy này vui lòng đợi %(seconds)s giây rồi thử lại.",
            seconds=math.ceil(verdict.retry_after),
        )
    flash(message, "error")
    response = current_app.make_response((render_template("auth/login.html", form=LoginForm()), 429))
    response.headers["Retry-After"] = str(math.ceil(verdict.retry_after))
    return response


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("web.dashboard"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        limits = throttle()
        address = request.remote_addr or ""
        if limits is not None:
            verdict = limits.check(address, form.email.data)
            if verdict.refused:
                return _refused(verdict)
        user = operations.authenticate(form.email.data, form.password.data)
        if user is None:
            if limits is not None:
                limits.failed(address, form.email.data)
            flash(_("Thư điện tử hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa."), "error")
        else:
            _fresh_session()
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(form.next.data))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    if request.method == "POST":
        if current_user.is_authenticated:
            end_sessions(current_user._get_current_object())  # remembered sign-ins end too
            db.session.commit()
        _fresh_session()
        logout_user()  # after the clear: it leaves the order to delete the remember cookie
        flash(_("Bạn đã đăng xuất."), "success")
        return redirect(url_for("auth.login"))
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return render_template("auth/logout.html")


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("Mật khẩu hiện tại không đúng."))
        else:
            user = current_user._get_current_object()
            operations.set_password(user, form.new.data)
            db.session.commit()
            # every other session of the user has ended; this one goes on with the new token
            remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
            login_user(user, remember=remembered)
            flash(_("Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc."), "success")
            return redirect(url_for("web.dashboard"))
    return render_template("auth/change_password.html", form=form)
