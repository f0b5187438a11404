"""Staff records: units, positions and their title standards, people, assignments, qualifications."""


def init_app(app) -> None:
    from nq05.staff import edit_views, unit_views, views  # noqa: F401  (routes on the blueprint)
    from nq05.staff.blueprint import bp
    from nq05.staff.dashboard import register_panels

    app.register_blueprint(bp)
    register_panels()
