"""What the reference data adds to the app: the admin's pages for it, and the demo's date."""

from __future__ import annotations

from nq05 import clock
from nq05.reference import today, today_views, views  # noqa: F401  (the routes)
from nq05.reference.blueprint import bp


def init_app(app) -> None:
    app.register_blueprint(bp)
    clock.use_demo_date(app, today.demo_date)
