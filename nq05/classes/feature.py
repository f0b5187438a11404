"""What classes add to the app: their pages, access rules, reminders and dashboard panels."""

from __future__ import annotations

from nq05.classes import (  # noqa: F401  (rules, routes)
    access,
    logistics_views,
    nomination_views,
    person_views,
    reminders,
    roster_views,
    views,
)
from nq05.classes.blueprint import bp
from nq05.classes.dashboard import register_panels
from nq05.classes.errors import reason_text
from nq05.classes.queries import training_history
from nq05.classes.results import RESULT_LABELS, grade_text, result_label


def init_app(app) -> None:
    app.register_blueprint(bp)
    register_panels()
    # for the person page: {% include "classes/_training_history.html" %} (docs/dev/classes.md)
    app.jinja_env.globals.update(
        training_history=training_history,
        enrolment_reason_text=reason_text,
        class_result_label=result_label,
        class_result_labels=RESULT_LABELS,
        class_grade_text=grade_text,
    )
