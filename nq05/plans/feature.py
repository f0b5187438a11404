"""What plans add to the app: their pages, access rules, reminders and dashboard panels."""

from __future__ import annotations

from nq05.plans import access, class_fit, reminders, views  # noqa: F401  (rules and routes)
from nq05.plans.blueprint import bp
from nq05.plans.dashboard import register_panels


def init_app(app) -> None:
    app.register_blueprint(bp)
    register_panels()
