"""A province-sized bundle imports in seconds (bulk inserts, no per-row flush)."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from nq05.staff.models import Qualification
from tests.exchange.big_bundle import write_big_bundle
from tests.exchange.conftest import row_counts


def test_demo_sized_bundle_imports_in_seconds(runner, db, tmp_path):
    write_big_bundle(tmp_path / "big", people=5000)

    started = time.perf_counter()
    result = runner.invoke(args=["import", str(tmp_path / "big")])
    elapsed = time.perf_counter() - started

    assert result.exit_code == 0, result.stderr
    assert row_counts(db) == (129, 5000)
    assert db.session.scalar(select(func.count()).select_from(Qualification)) == 20000 + 1000
    assert elapsed < 20, f"import took {elapsed:.1f}s"

    started = time.perf_counter()
    result = runner.invoke(args=["export", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert time.perf_counter() - started < 20
