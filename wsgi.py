"""WSGI entry point: ``gunicorn wsgi:app``."""

from nq05 import create_app

app = create_app()
