"""The ``web`` blueprint: the dashboard and the language switch; routes in views.py."""

from flask import Blueprint

bp = Blueprint("web", __name__, template_folder="templates")
