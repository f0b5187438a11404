"""The features of nq05, in the order create_app() initialises them.

Each feature is a package with a ``feature.py`` whose ``init_app(app)`` registers its blueprint,
commands and dashboard panels; importing it registers its access rules, reminders and tasks with
the core (auth, notify). docs/architecture.md has the map: which feature owns what, who may import
whom. Importing this module loads the whole app, so only create_app() does.
"""

from __future__ import annotations

from nq05 import models  # noqa: F401  (every table, before Flask-Migrate sees the metadata)
from nq05.audit import feature as audit
from nq05.auth import feature as auth
from nq05.classes import feature as classes
from nq05.demo import feature as demo
from nq05.exchange import feature as exchange
from nq05.notify import feature as notify
from nq05.plans import feature as plans
from nq05.progress import feature as progress
from nq05.reference import feature as reference
from nq05.staff import feature as staff
from nq05.users import feature as users
from nq05.web import feature as web

FEATURES = (web, auth, users, audit, reference, staff, classes, plans, progress, notify, exchange, demo)


def init_app(app) -> None:
    for feature in FEATURES:
        feature.init_app(app)
