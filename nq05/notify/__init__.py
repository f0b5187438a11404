"""The task queue: reminders by email, recomputation after edits, worker heartbeats.

See docs/dev/notify.md for how the pieces fit and docs/deploy.md for production.
"""

from __future__ import annotations


def init_app(app) -> None:
    from nq05.extensions import db
    from nq05.notify import tasks  # noqa: F401  (register the shared tasks)
    from nq05.notify.celery_app import celery_init_app
    from nq05.notify.cli import notify_group, run_command
    from nq05.notify.outbox import install_listeners
    from nq05.notify.settings import celery_config, check_settings, notify_defaults
    from nq05.notify.views import blueprint, worker_banner

    for key, value in notify_defaults().items():
        app.config.setdefault(key, value)
    check_settings(app.config)
    app.config.setdefault("CELERY", celery_config(app.config))
    celery_init_app(app)
    install_listeners(db.session)
    app.register_blueprint(blueprint)
    app.context_processor(lambda: {"notify_worker_banner": worker_banner})
    app.cli.add_command(notify_group)
    app.cli.add_command(run_command)
