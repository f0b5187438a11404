"""The progress pages: the dashboard of targets and findings, and the progress report."""


def register_web(app) -> None:
    from nq05.progress.web import dashboard_views, report_views  # noqa: F401  (routes)
    from nq05.progress.web.blueprint import bp
    from nq05.progress.web.panel import register_panels

    app.register_blueprint(bp)
    register_panels()
