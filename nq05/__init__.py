"""nq05: plan, enrol and track the training of a province's cadres and civil servants."""

from __future__ import annotations

import importlib
import os

from flask import Flask

from nq05.config import development_secret_key, settings_from_environment
from nq05.extensions import db, migrate

#: Feature packages. Each may define ``init_app(app)`` to register its blueprints, CLI commands
#: and hooks; create_app() calls them in this order.
FEATURES = (
    "web",
    "auth",
    "audit",
    "staff",
    "classes",
    "plans",
    "targets",
    "progress",
    "notify",
    "exchange",
    "demo",
)


def create_app(overrides: dict | None = None) -> Flask:
    """The application factory."""
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(settings_from_environment(app.instance_path))
    if overrides:
        app.config.update(overrides)
    development_secret_key(app)

    import nq05.models  # noqa: F401  (register every table before migrate/db see the metadata)
    from nq05 import postgres, sqlite

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

    from nq05 import cli

    cli.init_app(app)
    for name in FEATURES:
        try:
            module = importlib.import_module(f"nq05.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"nq05.{name}":
                raise
            continue
        init = getattr(module, "init_app", None)
        if init is not None:
            init(app)
    return app
