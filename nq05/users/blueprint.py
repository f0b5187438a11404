"""The ``users`` blueprint: the admin's pages for user accounts; routes in views.py."""

from flask import Blueprint

bp = Blueprint("users", __name__, template_folder="templates")
