"""The ``progress`` blueprint: /progress/ (dashboard), /progress/findings, /progress/report."""

from flask import Blueprint

bp = Blueprint(
    "progress",
    __name__,
    url_prefix="/progress",
    template_folder="../templates",
    static_folder="../static",
)
