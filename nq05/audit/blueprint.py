"""The ``audit`` blueprint: the admin's audit log; routes in views.py."""

from flask import Blueprint

bp = Blueprint("audit", __name__, template_folder="templates")
