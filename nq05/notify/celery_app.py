"""Celery bound to the Flask app (the Flask documentation's pattern)."""

from __future__ import annotations

from celery import Celery, Task
from flask import Flask

from nq05.sqlite import writing


def celery_init_app(app: Flask) -> Celery:
    """Create the Celery app from ``app.config["CELERY"]``; every task runs in an app context."""

    class FlaskTask(Task):
        def __call__(self, *args: object, **kwargs: object) -> object:
            with app.app_context(), writing():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.config_from_object(app.config["CELERY"])
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    _connect_worker_signals(app)
    return celery_app


_signals_connected = False


def _connect_worker_signals(app: Flask) -> None:
    global _signals_connected
    if _signals_connected:
        return
    _signals_connected = True
    from celery.signals import worker_process_init, worker_ready

    @worker_process_init.connect(weak=False)
    def _fresh_connections(**_):
        # A forked pool process must not share the parent's database sockets.
        from nq05.extensions import db

        with app.app_context():
            db.engine.dispose(close=False)

    @worker_ready.connect(weak=False)
    def _hello(sender=None, **_):
        from nq05.notify.heartbeat import beat_now

        queues = list(sender.app.amqp.queues.consume_from or ("mail", "recompute"))
        with app.app_context(), writing():
            for queue in queues:
                beat_now(queue, getattr(sender, "hostname", None))
