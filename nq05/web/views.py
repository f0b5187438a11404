"""The dashboard and the language switch."""

from __future__ import annotations

from flask import make_response, redirect, render_template, request, session
from flask_login import current_user

from nq05.auth.access import public, require_roles
from nq05.domain.codes import ROLES
from nq05.web.blueprint import bp
from nq05.web.dashboard import dashboard_panels
from nq05.web.i18n import LANG_KEY, LANGUAGES
from nq05.web.urls import safe_next

#: a year, in seconds: the language choice outlives the session
LANG_COOKIE_AGE = 365 * 24 * 3600


@bp.route("/")
@require_roles(*ROLES)
def dashboard():
    panels = dashboard_panels.panels_for(current_user)
    return render_template("web/dashboard.html", panels=panels)


@bp.route("/lang/<code>")
@public
def set_language(code: str):
    response = make_response(redirect(safe_next(request.args.get("next"))))
    if code in LANGUAGES:
        session[LANG_KEY] = code
        response.set_cookie(
            LANG_KEY,
            code,
            max_age=LANG_COOKIE_AGE,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure,
        )
    return response
