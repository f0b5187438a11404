"""SQLite and PostgreSQL print identical JSON for the same data (messages included)."""

from __future__ import annotations

import json
import tempfile

import pytest

from tests.services import require_postgres, scratch_postgres_database

COMMANDS = (
    [
        ["realism", "--year", str(year), "--as-of", as_of, "--json"]
        for year in (2012, 2013, 2014, 2015)
        for as_of in ("2013-11-30", "2014-03-01", "2014-12-31")
    ]
    + [
        ["gaps", "--period", "2011-2015", "--as-of", as_of, "--json"]
        for as_of in ("2010-06-01", "2014-03-01", "2016-01-01")
    ]
    + [
        ["report", "--baseline", "2010-12-31", "--as-of", "2014-03-01", "--period", "2011-2015", "--json"],
        ["report", "--baseline", "2012-05-11", "--as-of", "2013-10-31", "--json"],
    ]
)


def outputs(url: str, bundle) -> list[dict]:
    from flask_migrate import upgrade

    from nq05 import create_app
    from nq05.extensions import db

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SERVER_NAME": "localhost"})
    with app.app_context():
        upgrade()
        runner = app.test_cli_runner()
        result = runner.invoke(args=["import", str(bundle)])
        assert result.exit_code == 0, result.output
        printed = []
        for args in COMMANDS:
            result = runner.invoke(args=args, env={"NQ05_LOCALE": "vi"})
            assert result.exit_code == 0, result.output
            printed.append(json.loads(result.stdout))
        db.session.remove()
        db.engine.dispose()
    return printed


def test_sqlite_and_postgresql_agree(mini_bundle):
    require_postgres()
    with tempfile.TemporaryDirectory() as tmp, scratch_postgres_database("nq05_progress_cmp") as pg_url:
        on_sqlite = outputs(f"sqlite:///{tmp}/cmp.sqlite", mini_bundle)
        on_postgres = outputs(pg_url, mini_bundle)
    assert on_sqlite == on_postgres
    assert any(o.get("findings") for o in on_sqlite)


@pytest.fixture(autouse=True)
def _keep_the_session_app_context(app):
    """Running a second app in this process must not disturb the session's app."""
    yield
