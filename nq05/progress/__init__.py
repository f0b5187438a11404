"""Progress: plan realism, plan versus quota, the progress report (realism.md, reports.md)."""


def init_app(app) -> None:
    from nq05.progress import cli

    cli.init_app(app)
