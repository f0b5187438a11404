"""Annual training plans: versions, lines and the people named on them."""


def init_app(app) -> None:
    from nq05.plans import (
        dashboard,
        reminders,  # noqa: F401  (registers its reminder rules)
    )
    from nq05.plans.views import bp

    app.register_blueprint(bp)
    dashboard.register()
