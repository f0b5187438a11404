"""The ``plans`` blueprint, under /plans/; its routes live in views.py."""

from flask import Blueprint

bp = Blueprint("plans", __name__, url_prefix="/plans", template_folder="templates", static_folder="static")
