"""SQLite and PostgreSQL print identical JSON for the same data (messages included)."""

from __future__ import annotations

import json
import tempfile

import pytest

from tests.services import require_postgres, scratch_postgres_database

pytestmark = pytest.mark.own_databases

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


DEMO_COMMANDS = (
    [
        ["realism", "--year", str(year), "--as-of", as_of, "--json"]
        for year, as_of in ((2012, "2012-02-01"), (2014, "2014-03-01"), (2016, "2016-01-01"))
    ]
    + [
        ["gaps", "--period", "2011-2015", "--as-of", "2013-07-01", "--json"],
        ["report", "--baseline", "2010-12-31", "--as-of", "2014-10-31", "--period", "2011-2015", "--json"],
    ]
    + [
        [
            "report",
            "--baseline",
            "2010-12-31",
            "--as-of",
            "2014-10-31",
            "--period",
            "2011-2015",
            "--by",
            by,
            "--json",
        ]
        for by in ("gender", "minority")
    ]
)


def outputs(url: str, bundle, commands=COMMANDS) -> list[dict]:
    from flask_migrate import upgrade

    from nq05 import create_app
    from nq05.extensions import db

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SERVER_NAME": "localhost"})
    with app.app_context():
        upgrade()
        runner = app.test_cli_runner()
        load = ["import", str(bundle)] if bundle else ["demo", "--seed", "7", "--scale", "0.15"]
        result = runner.invoke(args=load)
        assert result.exit_code == 0, result.output
        printed = []
        for args in commands:
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


def test_sqlite_and_postgresql_agree_on_the_demo_province():
    require_postgres()
    with tempfile.TemporaryDirectory() as tmp, scratch_postgres_database("nq05_progress_cmp") as pg_url:
        on_sqlite = outputs(f"sqlite:///{tmp}/cmp.sqlite", None, DEMO_COMMANDS)
        on_postgres = outputs(pg_url, None, DEMO_COMMANDS)
    assert len(on_sqlite[1]["findings"]) > 20
    assert on_sqlite == on_postgres


@pytest.fixture(autouse=True)
def _keep_the_session_app_context(app):
    """Running a second app in this process must not disturb the session's app."""
    yield
