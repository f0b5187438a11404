"""nq05: plan, enrol and track the training of a province's cadres and civil servants."""

from __future__ import annotations

import os

from flask import Flask

from nq05 import postgres, sqlite
from nq05.config import development_secret_key, settings_from_environment
from nq05.extensions import db, migrate


def create_app(overrides: dict | None = None) -> Flask:
    """The application factory."""
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(settings_from_environment(app.instance_path))
    if overrides:
        app.config.update(overrides)
    development_secret_key(app)

    # The features are loaded when an app is made, not when nq05 is imported: ``nq05.domain`` and
    # the console script's start stay light (nq05.features lists them and says why).
    from nq05 import features  # noqa: PLC0415

    sqlite.install()
    postgres.install()
    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations"),
        render_as_batch=True,
        compare_type=True,
    )
    features.init_app(app)
    return app
