"""Fixtures of the task-queue tests: Redis DB 6, an aiosmtpd server, real Celery workers."""

from __future__ import annotations

import os

import pytest

from tests.notify.services import NOTIFY_REDIS_URL, Mailbox, Worker, free_port, wait_for
from tests.services import require_redis
from tests.web.fixtures import users  # noqa: F401  (the fixture)


@pytest.fixture(scope="session")
def redis_db():
    require_redis()
    import redis

    client = redis.Redis.from_url(NOTIFY_REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture(scope="session")
def smtp():
    from aiosmtpd.controller import Controller

    box = Mailbox()
    box.port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


@pytest.fixture()
def mailbox(smtp):
    smtp.clear()
    yield smtp
    smtp.clear()


@pytest.fixture()
def queue_app(app, redis_db):
    """The test app publishing to the tests' Redis database (the session app has no REDIS_URL)."""
    from nq05.notify import dispatch

    celery = app.extensions["celery"]
    previous = celery.conf.broker_url
    celery.conf.broker_url = NOTIFY_REDIS_URL
    dispatch._breaker["until"] = 0.0
    yield app
    celery.conf.broker_url = previous
    dispatch._breaker["until"] = 0.0


@pytest.fixture(scope="session")
def worker_env(database_url, smtp, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("workers")
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=NOTIFY_REDIS_URL,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(smtp.port),
        MAIL_FROM="nhac-viec@nq05.test",
        MAIL_FOLDER=str(tmp / "mail"),
        BASE_URL="http://nq05.test",
        # beat: never scan by itself (the tests choose the date), sweep every second
        NQ05_SCAN_SECONDS="100000",
        NQ05_SWEEP_SECONDS="1",
        NQ05_REQUEUE_AFTER="4",
        # a reply within a second; the end of DATA within two; a claim outlives sending (2 + 7 × 1 s)
        MAIL_TIMEOUT="1",
        MAIL_DATA_TIMEOUT="2",
        NQ05_CLAIM_TIMEOUT="10",
        NQ05_RECOMPUTE_QUIET="0.5",
        NQ05_MAIL_RETRY_BASE="0.5",
        NQ05_TEST_RECOMPUTE_LOG=str(tmp / "recompute.log"),
    )
    return env, tmp


def _wait_ready(app, worker: Worker, since) -> None:
    from nq05.extensions import db
    from nq05.notify.models import WorkerHeartbeat

    def ready():
        if worker.proc.poll() is not None:
            raise AssertionError(f"the worker exited:\n{worker.output()[-3000:]}")
        with app.app_context():
            found = (
                db.session.query(WorkerHeartbeat)
                .filter(WorkerHeartbeat.worker.like(f"{worker.name}@%"), WorkerHeartbeat.seen_at >= since)
                .count()
            )
            db.session.remove()
        return found

    wait_for(ready, 45, 0.2, f"worker {worker.name} to start")


@pytest.fixture(scope="session")
def start_worker(app, redis_db, worker_env):
    """Start a worker (and beat) named ``name``; waits until it answers. Stopped at the end."""
    from nq05.clock import utcnow

    env, tmp = worker_env
    started: list[Worker] = []

    def start(*names: str) -> Worker | list[Worker]:
        since = utcnow().replace(microsecond=0)
        workers = [Worker(env, tmp, name).start() for name in names or ("w1",)]
        started.extend(workers)
        for worker in workers:  # they start side by side
            _wait_ready(app, worker, since)
        return workers[0] if len(workers) == 1 else workers

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture()
def worker(start_worker, request):
    """A worker of the test's own, stopped after it."""
    worker = start_worker(request.node.name.replace("test_", "")[:30])
    yield worker
    worker.stop()
