"""Celery entry point: ``celery -A celery_worker worker -Q mail,recompute`` and ``celery -A celery_worker beat``.

The app is the Flask app's Celery (nq05.notify), configured from the Flask config: REDIS_URL,
DATABASE_URL, MAIL_* from the environment. See docs/deploy.md.
"""

from nq05.notify.worker import app, celery, flask_app  # noqa: F401
