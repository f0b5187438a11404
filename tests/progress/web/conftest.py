from tests.progress.web.fixtures import mini  # noqa: F401  (the fixture)
