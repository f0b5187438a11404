"""The ``nq05`` command group: Flask's CLI with the app factory, plus the project's commands.

Features add their commands in their ``feature.py`` with ``app.cli.add_command``; the ``db`` group
comes from Flask-Migrate.
"""

from __future__ import annotations

import functools
import sys

import click
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from flask.cli import FlaskGroup, ScriptInfo
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_migrate import Migrate

from nq05 import create_app
from nq05.extensions import db
from nq05.i18n import cli_locale
from nq05.sqlite import writing

#: The commands the features add to the app (``app.cli.add_command`` in their feature.py), with
#: the first paragraph of their help: ``nq05 --help`` lists them from here, without building the
#: app (which imports every feature). tests/test_cli_startup.py holds this table to the app's.
FEATURE_COMMANDS = {
    "db": "Perform database migrations.",
    "demo": "Tạo dữ liệu mẫu: một tỉnh giả lập cỡ Lai Châu / build a demo province.",
    "export": (
        "Xuất bộ dữ liệu vào thư mục mới hoặc rỗng, hoặc tệp .xlsx mới / write the database as a "
        "bundle into a new or empty folder, or a new .xlsx file."
    ),
    "gaps": "Kế hoạch so với chỉ tiêu / plan versus quota.",
    "import": "Nhập bộ dữ liệu (thư mục CSV hoặc .xlsx) / load a bundle folder or .xlsx workbook.",
    "notify": "Lời nhắc và hàng đợi công việc / reminders and the task queue.",
    "realism": "Kiểm tra tính thực tế của kế hoạch / plan realism findings.",
    "recompute": "Tính lại kết quả lưu sẵn / refresh the stored findings and target rows.",
    "report": "Báo cáo tiến độ / progress report.",
    "run": "Chạy ứng dụng web, worker và beat cho máy cá nhân / run the web app, a worker and beat locally.",
}


def _short(text: str, limit: int) -> str:
    """A command's help shortened as Click shortens it for the list."""
    return click.Command("_", help=text).get_short_help_str(limit)


class Nq05Group(FlaskGroup):
    """Flask's group, except that a command the app registers under a built-in's name wins, and
    that listing the commands does not build the app.

    FlaskGroup looks up its built-in commands (run, shell, routes) before loading the app, so a
    feature's ``app.cli.add_command(run)`` would never be reached; nq05.notify replaces ``run``.
    FlaskGroup also builds the app to list its commands (``nq05 --help``): that imports every
    feature, the engine and Celery, 2-3 times the cost of Flask and SQLAlchemy alone. The list
    and its help come from ``FEATURE_COMMANDS`` instead; a command is loaded (with the app) only
    when it is run or its own help is asked for.
    """

    def list_commands(self, ctx):
        return sorted(set(self.commands) | set(FEATURE_COMMANDS))

    def format_commands(self, ctx, formatter):
        rows = []
        for name in self.list_commands(ctx):
            if name in FEATURE_COMMANDS:
                rows.append((name, FEATURE_COMMANDS[name]))
            elif not self.commands[name].hidden:
                rows.append((name, self.commands[name].get_short_help_str(limit=formatter.width)))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _help in rows)
            with formatter.section("Commands"):
                formatter.write_dl([(name, _short(text, limit)) for name, text in rows])

    def get_command(self, ctx, name):
        if name in self.commands:
            try:
                app = ctx.ensure_object(ScriptInfo).load_app()
            except Exception:  # noqa: BLE001 - no app: Flask's built-in command reports it
                return super().get_command(ctx, name)
            override = app.cli.get_command(ctx, name)
            if override is not None:
                if not current_app or current_app._get_current_object() is not app:
                    ctx.with_resource(app.app_context())
                return override
        return super().get_command(ctx, name)


@click.group(cls=Nq05Group, create_app=create_app, add_version_option=False)
@click.pass_context
def main(ctx: click.Context) -> None:
    """nq05: kế hoạch đào tạo, bồi dưỡng cán bộ, công chức / cadre training plans."""
    # commands write: on SQLite their transactions take the write lock first (nq05/sqlite.py)
    ctx.with_resource(writing())


def schema_status() -> tuple[str | None, str | None]:
    """(current revision of the database, head revision of the migrations)."""
    migrate: Migrate = current_app.extensions["migrate"].migrate
    config = migrate.get_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with db.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    return current, head


def requires_schema(func):
    """A project command: it speaks the command line's language (NQ05_LOCALE, LC_ALL, LC_MESSAGES,
    LANG) and refuses to run on a missing or outdated schema, with a clear message."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with force_locale(cli_locale()):
            return _checked(func, *args, **kwargs)

    return wrapper


def _checked(func, *args, **kwargs):
    current, head = schema_status()
    if current is None:
        click.echo(_("Cơ sở dữ liệu chưa có lược đồ. Hãy chạy: nq05 db upgrade"), err=True)
        sys.exit(1)
    if current != head:
        message = _(
            "Lược đồ cơ sở dữ liệu đã cũ (%(current)s, bản mới nhất %(head)s). Hãy chạy: nq05 db upgrade",
            current=current,
            head=head,
        )
        click.echo(message, err=True)
        sys.exit(1)
    return func(*args, **kwargs)
