"""What nq05/postgres.py promises on PostgreSQL: a statement limit per context, and a runaway
statement of a web request cut off by the server instead of running on. (The PostgreSQL pass runs
these; SQLite has no statement limit, see docs/deploy.md.)"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

SLEEP_SECONDS = 20


pytestmark = pytest.mark.postgres_only


@pytest.fixture()
def pg(db):
    return db


def test_a_request_gets_the_web_limit_and_a_task_the_longer_one(app, pg):
    with app.test_request_context("/"):
        assert pg.session.scalar(text("SHOW statement_timeout")) == "30s"
        pg.session.rollback()
    assert pg.session.scalar(text("SHOW statement_timeout")) == "5min"


def test_a_runaway_statement_of_a_web_request_is_cut_off(database_url, pg):
    from nq05 import create_app

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "test",
            "STATEMENT_TIMEOUT_WEB": 0.5,
            "RATELIMIT_ENABLED": False,
        }
    )

    @app.get("/runaway")
    def runaway():
        pg.session.execute(text("SELECT pg_sleep(:s)"), {"s": SLEEP_SECONDS})
        return "finished"

    client = app.test_client()
    started = time.monotonic()
    response = client.get("/runaway")
    assert response.status_code == 500, "the user gets the error page..."
    assert time.monotonic() - started < 5, "...at once, not after the statement ran its course"
    with app.app_context():
        still_running = pg.session.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND state = 'active' AND query LIKE '%pg_sleep%'"
            )
        )
        pg.engine.dispose()
    assert still_running == 1, "only the query asking is active: the runaway statement was cancelled"
    assert client.get("/login").status_code == 200, "the next request is served"


def test_import_refreshes_the_planner_statistics(runner, pg, mini_bundle):
    before = datetime.now(UTC)
    assert runner.invoke(args=["import", str(mini_bundle)]).exit_code == 0
    analyzed = pg.session.scalar(
        text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'qualifications'")
    )
    assert analyzed is not None and analyzed >= before
