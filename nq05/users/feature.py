"""What the users feature adds to the app: the admin's pages for user accounts."""

from __future__ import annotations

from nq05.users import views  # noqa: F401  (the routes)
from nq05.users.blueprint import bp


def init_app(app) -> None:
    app.register_blueprint(bp)
