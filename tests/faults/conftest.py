from tests.web.fixtures import users  # noqa: F401  (the fixture)
