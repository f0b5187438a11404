"""What the task queue adds to the app: Celery, the outbox listeners, the reminders page, the
worker banner, and the ``nq05 run`` and ``nq05 notify`` commands."""

from __future__ import annotations

from nq05.extensions import db
from nq05.notify import notices, tasks, views  # noqa: F401  (the tasks register themselves; the routes)
from nq05.notify.blueprint import bp
from nq05.notify.celery_app import celery_init_app
from nq05.notify.cli import notify_group, run_command
from nq05.notify.outbox import install_listeners
from nq05.notify.settings import celery_config, check_settings, notify_defaults
from nq05.notify.views import worker_banner


def init_app(app) -> None:
    for key, value in notify_defaults().items():
        app.config.setdefault(key, value)
    check_settings(app.config)
    app.config.setdefault("CELERY", celery_config(app.config))
    celery_init_app(app)
    notices.install_listeners(db.session)  # first: the outbox's row is the last lock taken
    install_listeners(db.session)
    app.register_blueprint(bp)
    app.context_processor(lambda: {"notify_worker_banner": worker_banner})
    app.cli.add_command(notify_group)
    app.cli.add_command(run_command)
