"""WSGI entry point: ``gunicorn wsgi:app`` (refuses to start without SECRET_KEY)."""

from nq05 import create_app
from nq05.config import require_secret_key

app = create_app()
require_secret_key(app)
