"""Redis going away: a worker running a task survives and serves again; the web app keeps
working, and what it queued meanwhile is done once when Redis is back.

Each test stops a redis-server of its own (tests.services.PrivateRedis; never the shared one).
"""

from __future__ import annotations

import time
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.notify import recorder
from tests.notify.conftest import _wait_ready
from tests.notify.services import Worker, wait_for
from tests.services import PrivateRedis
from tests.web.helpers import sign_in_session

pytestmark = [pytest.mark.redis, pytest.mark.service]


@pytest.fixture()
def private_redis(tmp_path):
    server = PrivateRedis(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture()
def broker_is(app):
    """Point the test app's task publishing at a broker URL (restored afterwards)."""
    from nq05.notify import dispatch

    celery = app.extensions["celery"]
    previous = celery.conf.broker_url

    def point(url: str) -> None:
        celery.conf.broker_url = url
        dispatch._breaker["until"] = 0.0

    yield point
    point(previous)


def _worker_on(app, worker_env, redis_url: str, name: str, **extra) -> Worker:
    from nq05.clock import utcnow

    env, tmp = worker_env
    env = {**env, "REDIS_URL": redis_url, **extra}
    since = utcnow().replace(microsecond=0)
    worker = Worker(env, tmp, name).start()
    _wait_ready(app, worker, since)
    return worker


def _heartbeat_since(db, name: str, since) -> bool:
    from nq05.notify.models import WorkerHeartbeat

    db.session.rollback()
    seen = db.session.scalar(
        select(func.count())
        .select_from(WorkerHeartbeat)
        .where(WorkerHeartbeat.worker.like(f"{name}@%"), WorkerHeartbeat.seen_at >= since)
    )
    db.session.rollback()
    return bool(seen)


def test_a_worker_running_a_task_when_redis_dies_serves_again_when_it_is_back(
    app, db, worker_env, private_redis, broker_is
):
    from nq05.clock import utcnow
    from nq05.notify.dispatch import publish
    from nq05.notify.models import RecomputeRun

    env, tmp = worker_env
    log = tmp / "outage-recompute.log"
    worker = _worker_on(
        app,
        worker_env,
        private_redis.url,
        "outage",
        NQ05_RECOMPUTE_FUNCTION="tests.notify.recorder:slow_recompute",
        NQ05_TEST_RECOMPUTE_LOG=str(log),
        NQ05_TEST_RECOMPUTE_SECONDS="4",
    )
    try:
        broker_is(private_redis.url)
        assert publish([("nq05.notify.full_recompute", ())])
        wait_for(lambda: recorder.calls(log), 30, 0.05, message="the task to start")
        private_redis.stop()  # Redis dies under the running task
        wait_for(
            lambda: "Connection to broker lost" in worker.output(), 30, 0.1, message="the worker to notice"
        )
        private_redis.start()  # and comes back, empty, on the same port

        def reconnected():
            if worker.proc.poll() is not None:
                raise AssertionError(f"the worker exited:\n{worker.output()[-3000:]}")
            return worker.output().count("Connected to redis") >= 2

        wait_for(reconnected, 60, 0.2, message="the worker to reconnect")

        since = utcnow().replace(microsecond=0)
        assert publish([("nq05.notify.heartbeat", ("recompute",), {"queue": "recompute"})])
        wait_for(lambda: _heartbeat_since(db, "outage", since), 30, 0.2, message="the worker to serve again")
        # the task that was running when Redis died finished
        wait_for(
            lambda: db.session.scalar(select(func.count()).select_from(RecomputeRun)),
            30,
            0.2,
            message="the run",
        )
    finally:
        worker.stop()


def test_with_redis_stopped_the_web_works_and_what_it_queued_is_done_once_when_it_is_back(
    app, client, db, users, worker_env, private_redis, broker_is, mailbox
):
    from nq05.notify.models import RecomputeRequest, RecomputeRun, Reminder
    from nq05.notify.scan import insert_new
    from nq05.plans.models import Plan

    broker_is(private_redis.url)
    private_redis.stop()
    sign_in_session(
        client, users.head_a
    )  # signed in before (sign-in with Redis stopped: tests/auth/test_throttle.py)

    assert client.get("/plans/").status_code == 200
    started = time.monotonic()
    response = client.post("/plans/start", data={"unit_id": users.units["HA"].id, "year": 2031})
    assert response.status_code == 302 and time.monotonic() - started < 5
    assert client.get(response.headers["Location"]).status_code == 200
    assert db.session.scalars(select(Plan.year)).all() == [2031]
    assert "HA" in {r.unit_code for r in db.session.scalars(select(RecomputeRequest))}
    insert_new(
        [
            {
                "kind": "plan_approved",
                "object_id": 1,
                "recipient": users.head_a.email,
                "event_date": date(2030, 12, 1),
                "context": {"plan_id": 1, "unit_name": "Huyện An Hòa", "year": 2031, "version": 1,
                            "decided_on": "2030-12-01", "comment": ""},
            }
        ]
    )  # fmt: skip
    db.session.commit()

    private_redis.start()  # Redis is back; a worker (and its beat) starts on it
    worker = _worker_on(app, worker_env, private_redis.url, "back")
    try:

        def all_done():
            db.session.rollback()
            done = (
                db.session.scalar(select(func.count()).select_from(RecomputeRequest)) == 0
                and db.session.scalar(select(Reminder.status)) == "sent"
            )
            db.session.rollback()
            return done

        wait_for(all_done, 60, 0.2, message="the recompute and the reminder")
        time.sleep(1.5)  # anything done twice would be done by now
    finally:
        worker.stop()
    runs = db.session.scalars(select(RecomputeRun.units)).all()
    assert runs.count("HA") == 1 and len(mailbox.messages) == 1
