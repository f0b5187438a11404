"""What the audit log adds to the app: its page for the admin."""

from __future__ import annotations

from nq05.audit import views  # noqa: F401  (the routes)
from nq05.audit.blueprint import bp


def init_app(app) -> None:
    app.register_blueprint(bp)
