"""A province-sized bundle imports and exports with bulk statements, not one per row.

The statements are counted rather than the seconds timed: timings belong in benchmarks/.
"""

from __future__ import annotations

from sqlalchemy import func, select

from nq05.staff.models import Qualification
from tests.exchange.big_bundle import write_big_bundle
from tests.exchange.conftest import row_counts
from tests.staff.test_scale import count_queries


def test_demo_sized_bundle_imports_and_exports_in_bulk(runner, db, tmp_path):
    write_big_bundle(tmp_path / "big", people=5000)

    with count_queries(db.engine) as statements:
        result = runner.invoke(args=["import", str(tmp_path / "big")])
    assert result.exit_code == 0, result.stderr
    assert row_counts(db) == (129, 5000)
    assert db.session.scalar(select(func.count()).select_from(Qualification)) == 20000 + 1000
    # about 29,000 rows; rows whose ids are needed back (units, plan lines, enrolments) go one
    # statement each on SQLite, which cannot promise RETURNING order for a multi-row insert
    assert len(statements) < 29000 / 10, len(statements)

    with count_queries(db.engine) as statements:
        result = runner.invoke(args=["export", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert len(statements) < 100, len(statements)
