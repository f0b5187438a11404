"""What the exchange adds to the app: the ``nq05 import`` and ``nq05 export`` commands."""

from __future__ import annotations

from nq05.exchange.cli import export_command, import_command


def init_app(app) -> None:
    app.cli.add_command(import_command)
    app.cli.add_command(export_command)
