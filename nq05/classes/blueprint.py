"""The ``classes`` blueprint; its routes live in views.py, roster_views.py and nomination_views.py."""

from flask import Blueprint

bp = Blueprint(
    "classes",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/classes/static",
)
