"""What the demo adds to the app: the ``nq05 demo`` command."""

from __future__ import annotations

from nq05.demo.cli import demo_command


def init_app(app) -> None:
    app.cli.add_command(demo_command)
