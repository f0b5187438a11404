"""Celery entry point: ``celery -A celery_worker worker`` (and ``... beat``).

The task-queue feature (nq05.notify) configures Celery from the Flask config.
"""

from nq05 import create_app

flask_app = create_app()
celery = flask_app.extensions.get("celery")
app = celery
