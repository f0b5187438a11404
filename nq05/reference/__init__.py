"""Reference data: positions and title standards, programmes, centres, periods, targets,
indicators and the province's settings; the admin's pages for them."""


def init_app(app) -> None:
    from nq05.reference.views import bp

    app.register_blueprint(bp)
