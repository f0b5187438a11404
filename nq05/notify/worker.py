"""The Celery application of a worker or beat process: ``celery -A nq05.notify.worker worker``.

``celery_worker.py`` at the top of the repository re-exports it (``celery -A celery_worker``).
"""

from nq05 import create_app

flask_app = create_app()
celery = flask_app.extensions["celery"]
app = celery
