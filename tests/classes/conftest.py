import pytest

from tests.web.fixtures import users  # noqa: F401  (the fixture)


@pytest.fixture()
def db(db, app):
    """The database fixture, inside a request context so messages are rendered in the UI language."""
    with app.test_request_context():
        yield db
