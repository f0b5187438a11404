"""What progress adds to the app: its commands, pages, dashboard panel, the findings digest, the
recompute tasks, and the rows the outbox watches for it."""

from __future__ import annotations

from flask_babel import lazy_pgettext

from nq05.notify.outbox import watch
from nq05.progress import reminders, tasks  # noqa: F401  (the digest and the tasks register themselves)
from nq05.progress.cli import COMMANDS
from nq05.progress.dependencies import WATCHED, units_touched
from nq05.progress.web import dashboard_views, report_views, unit  # noqa: F401  (the routes)
from nq05.progress.web.blueprint import bp
from nq05.progress.web.panel import register_panels
from nq05.web.navigation import add_nav_item


def init_app(app) -> None:
    watch(WATCHED, units_touched)
    for command in COMMANDS:
        app.cli.add_command(command)
    app.register_blueprint(bp)
    register_panels()
    add_nav_item("/progress/units/", lazy_pgettext("menu", "Tiến độ đơn vị"), ("admin", "unit_head"), 52)
