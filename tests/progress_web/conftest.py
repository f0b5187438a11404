from tests.progress_web.fixtures import mini  # noqa: F401  (the fixture)
