"""Sign-in, users and their roles."""


def init_app(app) -> None:
    from flask_babel import lazy_gettext as _l

    from nq05.auth import admin_views, sessions, views
    from nq05.auth.models import User
    from nq05.auth.throttle import init_throttle
    from nq05.extensions import db, login_manager

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Vui lòng đăng nhập để tiếp tục.")
    login_manager.login_message_category = "info"
    login_manager.needs_refresh_message = _l("Vui lòng đăng nhập lại để tiếp tục.")
    sessions.init_sessions(app, login_manager)

    @login_manager.user_loader
    def load_user(session_id: str):
        parsed = sessions.parse(session_id)
        if parsed is None:
            return None
        user_id, token, signed_in_at = parsed
        user = db.session.get(User, user_id)
        return user if sessions.honoured(user, token, signed_in_at) else None

    init_throttle(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(admin_views.bp)
