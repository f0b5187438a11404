"""The ``auth`` blueprint: sign-in, sign-out and one's own password; routes in views.py."""

from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates")
