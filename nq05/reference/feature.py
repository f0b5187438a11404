"""What the reference data adds to the app: the admin's pages for it."""

from __future__ import annotations

from nq05.reference import notices, views  # noqa: F401  (the notices' signature, the routes)
from nq05.reference.blueprint import bp


def init_app(app) -> None:
    app.register_blueprint(bp)
