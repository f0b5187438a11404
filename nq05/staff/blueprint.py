"""The ``staff`` blueprint; its routes live in views.py, edit_views.py and unit_views.py."""

from flask import Blueprint

bp = Blueprint("staff", __name__, template_folder="templates")
