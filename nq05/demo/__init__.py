"""Demo data: ``nq05 demo`` builds a realistic synthetic province (see docs/demo.md)."""


def init_app(app) -> None:
    from nq05.demo.cli import demo_command

    app.cli.add_command(demo_command)
