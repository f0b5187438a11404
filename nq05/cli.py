"""The ``nq05`` command group: Flask's CLI with the app factory, plus the project's commands.

Feature packages add their commands in their ``init_app`` with ``app.cli.add_command``; the
``db`` group comes from Flask-Migrate.
"""

from __future__ import annotations

import functools
import sys

import click
from flask import current_app
from flask.cli import FlaskGroup, ScriptInfo

from nq05.i18n_cli import cli_text
from nq05.sqlite import writing


def _create_app():
    from nq05 import create_app

    return create_app()


class Nq05Group(FlaskGroup):
    """Flask's group, except that a command the app registers under a built-in's name wins.

    FlaskGroup looks up its built-in commands (run, shell, routes) before loading the app, so a
    feature's ``app.cli.add_command(run)`` would never be reached; nq05.notify replaces ``run``.
    """

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


@click.group(cls=Nq05Group, create_app=_create_app, add_version_option=False)
@click.pass_context
def main(ctx: click.Context) -> None:
    """nq05: kế hoạch đào tạo, bồi dưỡng cán bộ, công chức / cadre training plans."""
    # commands write: on SQLite their transactions take the write lock first (nq05/sqlite.py)
    ctx.with_resource(writing())


def schema_status() -> tuple[str | None, str | None]:
    """(current revision of the database, head revision of the migrations)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from flask_migrate import Migrate

    from nq05.extensions import db

    migrate: Migrate = current_app.extensions["migrate"].migrate
    config = migrate.get_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with db.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    return current, head


def requires_schema(func):
    """Refuse to run a command on a missing or outdated schema, with a clear message."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        current, head = schema_status()
        if current is None:
            click.echo(cli_text("schema_missing"), err=True)
            sys.exit(1)
        if current != head:
            click.echo(cli_text("schema_outdated", current=current, head=head), err=True)
            sys.exit(1)
        return func(*args, **kwargs)

    return wrapper


def init_app(app) -> None:
    """Nothing to bind yet: commands are registered by the feature packages."""
