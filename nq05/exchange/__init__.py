"""Bundle import and export (shared/spec/bundle.md): ``nq05 import`` and ``nq05 export``."""

from __future__ import annotations


def init_app(app) -> None:
    from nq05.exchange import messages  # noqa: F401  (registers the CLI messages)
    from nq05.exchange.cli import export_command, import_command

    app.cli.add_command(import_command)
    app.cli.add_command(export_command)
