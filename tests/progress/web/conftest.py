from tests.notify.conftest import queue_app, redis_db  # noqa: F401  (fixtures of the served views tests)
from tests.progress.web.fixtures import mini  # noqa: F401  (the fixture)
