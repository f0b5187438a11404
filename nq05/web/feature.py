"""What the web shell adds to the app: languages, CSRF, security headers, error pages, the
layout's context, filters, the dashboard and the language switch."""

from __future__ import annotations

from flask import g
from flask_babel import get_locale
from flask_login import current_user

from nq05 import clock
from nq05.extensions import csrf
from nq05.web import views  # noqa: F401  (the routes)
from nq05.web.blueprint import bp
from nq05.web.errors import init_errors
from nq05.web.formatting import init_filters
from nq05.web.forms import DATE_PATTERN
from nq05.web.i18n import LANGUAGE_NAMES, init_i18n
from nq05.web.navigation import nav_for
from nq05.web.security import init_security
from nq05.web.urls import current_path

#: Values cached on ``g`` for one request. With an app context held open around several requests
#: (tests, scripts), ``g`` outlives a request; dropping these keeps each request's user, locale
#: and unit tree its own.
_REQUEST_CACHES = ("_login_user", "_flask_babel", "_nq05_unit_branches", "_nq05_all_units", clock.CACHE_KEY)


def init_app(app) -> None:
    init_i18n(app)
    csrf.init_app(app)
    init_security(app)
    init_errors(app)
    init_filters(app)
    app.register_blueprint(bp)
    app.before_request(forget_request_caches)

    @app.context_processor
    def shell_context():
        return {
            "nav_items": nav_for(current_user),
            "language_names": LANGUAGE_NAMES,
            "current_path": current_path,
            "current_locale": str(get_locale() or "vi"),
            "url_exists": lambda endpoint: endpoint in app.view_functions,
            # a demo database's date (None for a real province): the banner on every page
            "demo_date": clock.demo_date,
            # a date typed by hand where a page writes its own <input> (the DateField's pattern)
            "date_pattern": DATE_PATTERN,
        }


def forget_request_caches() -> None:
    for key in _REQUEST_CACHES:
        g.pop(key, None)
