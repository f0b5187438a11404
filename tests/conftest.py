"""Test fixtures: an app on a fresh database built by the migrations, emptied after each test.

The database is SQLite in a temporary folder, or PostgreSQL when NQ05_TEST_DB=postgres (a
database of its own is created for the run and dropped at the end).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.services import postgres_available, scratch_postgres_database, without_fsync

#: the worked example of the spec (a copy of shared/examples/mini): a bundle and the JSON it gives
MINI_BUNDLE = Path(__file__).resolve().parent / "data" / "mini" / "bundle"
TEST_DB = os.environ.get("NQ05_TEST_DB", "sqlite")
REQUIRE_SERVICES = os.environ.get("NQ05_REQUIRE_SERVICES") == "1"
#: the tests the PostgreSQL pass runs first (see pytest_collection_modifyitems)
WAITING_FIRST = "tests/notify/"


@pytest.fixture(scope="session")
def database_url():
    if TEST_DB == "postgres":
        if not postgres_available():
            pytest.exit("NQ05_TEST_DB=postgres but PostgreSQL is not reachable", returncode=3)
        with scratch_postgres_database() as url:
            yield url
    else:
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{tmp}/test.sqlite"


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    from flask_migrate import upgrade

    os.environ["DATABASE_URL"] = database_url
    from nq05 import create_app

    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
            "MAIL_FOLDER": str(tmp_path_factory.mktemp("mail")),
            "RATELIMIT_ENABLED": False,
            "SERVER_NAME": "localhost",
        }
    )
    with app.app_context():
        from nq05.extensions import db

        without_fsync(db.engine)
        upgrade()
    return app


def _empty_all_tables(db) -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            # TRUNCATE costs tens of milliseconds per table; a DELETE of the few rows a test leaves
            # costs almost nothing. Find the tables a test filled in one query, delete their rows
            # (referring tables first; a superuser also turns the keys' triggers off), and start
            # every sequence at 1 again (as TRUNCATE ... RESTART IDENTITY would).
            probe = " UNION ALL ".join(
                f"SELECT '{t}' FROM (SELECT 1 FROM \"{t}\" LIMIT 1) AS x" for t in tables
            )
            used = sorted(conn.execute(text(probe)).scalars(), key=tables.index)
            if used:
                if conn.execute(text("SELECT current_setting('is_superuser')")).scalar() == "on":
                    conn.execute(text("SET LOCAL session_replication_role = replica"))
                for t in used:
                    conn.execute(text(f'DELETE FROM "{t}"'))
            conn.execute(
                text(
                    "SELECT setval(c.oid, 1, false) FROM pg_class c"
                    " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    " WHERE c.relkind = 'S' AND n.nspname = current_schema()"
                )
            )
            conn.commit()
        else:
            # units refer to units: the keys are checked at COMMIT, when every table is empty
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            for t in tables:
                conn.execute(text(f'DELETE FROM "{t}"'))
            conn.commit()


@pytest.fixture()
def db(app):
    """The database, in an app context, emptied after the test."""
    from nq05.extensions import db as _db

    with app.app_context():
        yield _db
        _db.session.remove()
        _empty_all_tables(_db)


@pytest.fixture()
def client(app, db):
    return app.test_client()


@pytest.fixture()
def runner(app, db):
    return app.test_cli_runner()


@pytest.fixture()
def mini_bundle() -> Path:
    return MINI_BUNDLE


def pytest_collection_modifyitems(config, items):
    """Leave out the tests that do not belong to this pass (deselected, not skipped).

    In the PostgreSQL pass: tests that build their own SQLite and PostgreSQL databases (they ran in
    the default pass) and tests about SQLite itself; in the SQLite pass: tests about PostgreSQL
    itself.
    """
    other_pass = ("own_databases", "sqlite_only") if TEST_DB == "postgres" else ("postgres_only",)
    kept, left_out = [], []
    for item in items:
        elsewhere = any(item.get_closest_marker(name) for name in other_pass)
        (left_out if elsewhere else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
    if TEST_DB == "postgres":
        # CI runs the two passes side by side on two cores. The task-queue tests mostly wait (for
        # workers, timeouts, Redis coming back): the PostgreSQL pass runs them first, so that its
        # waiting falls beside the SQLite pass's busy stretch, not beside the SQLite pass's own
        # waiting (there they come in the middle of the run). Same tests, another order.
        items.sort(key=lambda item: not item.nodeid.startswith(WAITING_FIRST))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A test may skip only because a service is missing (a reason starting "service:"): any other
    skip fails. In CI (NQ05_REQUIRE_SERVICES=1) a missing service fails too."""
    outcome = yield
    report = outcome.get_result()
    if not report.skipped:
        return
    reason = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if "service:" not in reason:
        report.outcome = "failed"
        report.longrepr = f"A test may skip only for a missing service, and this one did: {reason}"
    elif REQUIRE_SERVICES:
        report.outcome = "failed"
        report.longrepr = f"A service test was skipped, and CI requires every service: {reason}"
