"""The ``reference`` blueprint: the admin's reference data pages; routes in views.py."""

from flask import Blueprint

bp = Blueprint("reference", __name__, template_folder="templates")
