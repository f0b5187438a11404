"""Progress: plan realism, plan versus quota, the progress report (realism.md, reports.md)."""


def init_app(app) -> None:
    from nq05.notify.outbox import watch
    from nq05.progress import cli, reminders, tasks  # noqa: F401  (register the reminder rules and tasks)
    from nq05.progress.dependencies import WATCHED, units_touched
    from nq05.progress.web import register_web

    watch(WATCHED, units_touched)
    cli.init_app(app)
    register_web(app)
