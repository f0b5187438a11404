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

from tests.services import postgres_available, scratch_postgres_database

SHARED = Path(os.environ.get("NQ05_SHARED", Path(__file__).resolve().parents[2] / "shared"))
MINI_BUNDLE = SHARED / "examples" / "mini" / "bundle"
TEST_DB = os.environ.get("NQ05_TEST_DB", "sqlite")
REQUIRE_SERVICES = os.environ.get("NQ05_REQUIRE_SERVICES") == "1"


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
        upgrade()
    return app


def _empty_all_tables(db) -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            # TRUNCATE costs per table, and a test fills only a few: find those in one query first
            probe = " UNION ALL ".join(
                f"SELECT '{t}' FROM (SELECT 1 FROM \"{t}\" LIMIT 1) AS x" for t in tables
            )
            used = list(conn.execute(text(probe)).scalars())
            if used:
                conn.execute(
                    text("TRUNCATE " + ", ".join(f'"{t}"' for t in used) + " RESTART IDENTITY CASCADE")
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
    if not MINI_BUNDLE.is_dir():
        pytest.skip(f"the worked example is not at {MINI_BUNDLE}")
    return MINI_BUNDLE


def pytest_collection_modifyitems(config, items):
    """Tests that build their own databases would only repeat themselves in the PostgreSQL pass."""
    if TEST_DB != "postgres":
        return
    once = pytest.mark.skip(reason="builds its own SQLite and PostgreSQL databases: runs in the default pass")
    for item in items:
        if item.get_closest_marker("own_databases"):
            item.add_marker(once)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI (NQ05_REQUIRE_SERVICES=1) a test skipped for a missing service fails instead."""
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_SERVICES and report.skipped and isinstance(report.longrepr, tuple):
        reason = str(report.longrepr[2])
        if "service:" in reason:
            report.outcome = "failed"
            report.longrepr = f"A service test was skipped, and CI requires every service: {reason}"
