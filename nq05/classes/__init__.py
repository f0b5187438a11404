"""Programmes, training centres, classes and their rosters (enrolments)."""


def init_app(app) -> None:
    from nq05.classes import (  # noqa: F401  (routes)
        nomination_views,
        reminders,  # noqa: F401  (registers its reminder rules)
        roster_views,
        views,
    )
    from nq05.classes.blueprint import bp
    from nq05.classes.dashboard import register_panels
    from nq05.classes.errors import reason_text
    from nq05.classes.queries import training_history

    app.register_blueprint(bp)
    register_panels()
    # for the person page: {% include "classes/_training_history.html" %} (docs/dev/classes.md)
    app.jinja_env.globals.update(training_history=training_history, enrolment_reason_text=reason_text)
