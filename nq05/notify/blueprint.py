"""The ``notify`` blueprint: the admin's reminders page; routes in views.py."""

from flask import Blueprint

bp = Blueprint("notify", __name__, template_folder="templates")
