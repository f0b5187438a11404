"""The audit log: who changed what and when (staff, qualifications, plans, rosters)."""


def init_app(app) -> None:
    from nq05.audit.views import bp

    app.register_blueprint(bp)
