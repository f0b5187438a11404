"""What the reference data adds to the app: the admin's pages for it, and the demo's date."""

from __future__ import annotations

from flask_babel import lazy_pgettext

from nq05 import clock
from nq05.reference import indicator_views, notices, period_views, today, today_views, views, workbook_views  # noqa: F401  (the routes)
from nq05.reference.blueprint import bp
from nq05.web.navigation import add_nav_item


def init_app(app) -> None:
    app.register_blueprint(bp)
    add_nav_item("/admin/periods", lazy_pgettext("menu", "Chỉ tiêu"), ("admin",), 57)
    add_nav_item("/admin/indicators", lazy_pgettext("menu", "Chỉ số"), ("admin",), 57.5)
    add_nav_item("/admin/settings", lazy_pgettext("menu", "Thiết lập"), ("admin",), 62)
    clock.use_demo_date(app, today.demo_date)
