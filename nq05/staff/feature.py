"""What the staff records add to the app: their pages, access rules and dashboard panel."""

from __future__ import annotations

from nq05.staff import access, edit_views, unit_views, views  # noqa: F401  (rules and routes)
from nq05.staff.blueprint import bp
from nq05.staff.dashboard import register_panels


def init_app(app) -> None:
    app.register_blueprint(bp)
    register_panels()
