"""What auth adds to the app: sign-in (Flask-Login) and its pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from nq05.auth import views  # noqa: F401  (the routes)
from nq05.auth.blueprint import bp
from nq05.auth.models import User
from nq05.extensions import db, login_manager


def init_app(app) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Vui lòng đăng nhập để tiếp tục.")
    login_manager.login_message_category = "info"
    login_manager.needs_refresh_message = _l("Vui lòng đăng nhập lại để tiếp tục.")
    # "strong" would sign a user out when their IP changes, which happens behind provincial proxies
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)
    app.config.setdefault("REMEMBER_COOKIE_DURATION", 14 * 24 * 3600)
    app.register_blueprint(bp)


def load_user(user_id: str):
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.active else None
