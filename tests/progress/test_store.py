"""Stored results: recompute writes what the CLI prints; pages read them back."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from nq05.extensions import db
from nq05.progress.gaps import find_period, gaps_json
from nq05.progress.models import StoredFinding
from nq05.progress.realism import evaluate
from nq05.progress.store import freshness, recompute, stored_findings, stored_gap_rows
from tests.factories import d

AS_OF = d("2014-03-01")


def _json(findings):
    return [f.to_json() for f in findings]


def test_recompute_stores_the_findings_and_gap_rows(runner, mini_bundle):
    assert runner.invoke(args=["import", str(mini_bundle)]).exit_code == 0
    result = recompute(as_of=AS_OF)
    assert 2013 in result.years and 2014 in result.years and 2015 in result.years
    assert _json(stored_findings(2014)) == _json(evaluate(2014, AS_OF))
    assert [f.code for f in stored_findings(2014, ["X1"])] == ["OVER_CAPACITY", "UNCOVERED_STANDARD_GAP"]
    period = find_period("2011-2015")
    stored = stored_gap_rows(period.id)
    printed = gaps_json(period, AS_OF)["rows"]
    assert [(r.unit_code, r.planned, r.named, r.nominated, r.completed, r.pct, r.status) for r in stored] == [
        (r["unit"], r["planned"], r["named"], r["nominated"], r["completed"], r["pct"], r["status"])
        for r in printed
    ]
    fresh = freshness()
    assert fresh.as_of == AS_OF and not fresh.stale


def test_recompute_of_one_unit_replaces_its_rows_and_cross_unit_ones(runner, mini_bundle):
    assert runner.invoke(args=["import", str(mini_bundle)]).exit_code == 0
    recompute(as_of=AS_OF)
    from nq05.plans.models import Plan
    from nq05.staff.models import Unit

    # H2 files its plan: its MISSING_PLAN goes after recomputing H2 only
    h2 = db.session.scalar(select(Unit).where(Unit.code == "H2"))
    db.session.add(
        Plan(unit_id=h2.id, year=2014, version=1, status="submitted", submitted_on=d("2014-02-01"))
    )
    db.session.commit()
    assert freshness().stale
    recompute(["H2"], as_of=AS_OF)
    assert "MISSING_PLAN" not in [f.code for f in stored_findings(2014)]
    assert _json(stored_findings(2014)) == _json(evaluate(2014, AS_OF))
    assert db.session.scalar(select(StoredFinding.fingerprint).limit(1))


def test_recompute_command(runner, mini_bundle):
    assert runner.invoke(args=["import", str(mini_bundle)]).exit_code == 0
    result = runner.invoke(
        args=["recompute", "--unit", "H1", "--as-of", "2014-03-01"], env={"NQ05_LOCALE": "en"}
    )
    assert result.exit_code == 0, result.output
    assert "Recomputed" in result.output
    assert {f.unit for f in stored_findings(2014)} == {"H1", "SNV", "X1"}  # H1's own + OVER_CAPACITY
    assert runner.invoke(args=["recompute", "--unit", "NOPE"]).exit_code == 2


def test_a_full_recompute_drops_years_without_plans(runner, mini_bundle):
    assert runner.invoke(args=["import", str(mini_bundle)]).exit_code == 0
    recompute(as_of=AS_OF)
    db.session.add(
        StoredFinding(
            year=1999,
            code="MISSING_PLAN",
            unit_code="H2",
            figures={"due": "1998-11-30"},
            as_of=AS_OF,
            computed_at=recompute(["H1"], as_of=AS_OF).computed_at,
            fingerprint="x",
        )
    )
    db.session.commit()
    recompute(["H1"], as_of=AS_OF)  # a unit's recompute leaves other years alone
    assert stored_findings(1999)
    recompute(as_of=AS_OF)
    assert stored_findings(1999) == []


@pytest.mark.sqlite_only
def test_on_sqlite_others_can_write_while_the_rules_run(runner, mini_bundle):
    """The web app must not wait for a recompute: the rules run before its write transaction."""
    import sqlite3

    from sqlalchemy import event

    engine = db.engine
    assert runner.invoke(args=["import", str(mini_bundle)]).exit_code == 0
    recompute(as_of=AS_OF)  # stored rows exist: the next recompute has something to delete
    path = engine.url.database
    could_write = []

    def probe(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and len(could_write) < 50:
            other = sqlite3.connect(path, timeout=0)
            try:
                other.execute("BEGIN IMMEDIATE")  # fails at once if anyone holds the write lock
                other.execute("ROLLBACK")
                could_write.append(True)
            except sqlite3.OperationalError:
                could_write.append(False)
            finally:
                other.close()

    event.listen(engine, "before_cursor_execute", probe)
    try:
        result = recompute(as_of=AS_OF)
    finally:
        event.remove(engine, "before_cursor_execute", probe)
    assert result.findings > 0
    assert len(could_write) >= 10 and all(could_write), could_write


def test_a_units_recompute_reads_that_unit_and_stores_what_the_cli_prints(runner, mini_bundle):
    """Each unit's recompute (its rules scoped to it) leaves the stored
    findings equal to ``nq05 realism`` for every year, also after an edit of a sub-unit's plan."""
    from nq05.plans.models import Plan, PlanLine
    from nq05.staff.models import Unit

    assert runner.invoke(args=["import", str(mini_bundle)]).exit_code == 0
    result = recompute(as_of=AS_OF)
    codes = list(db.session.scalars(select(Unit.code).order_by(Unit.code)))
    for code in codes:
        recompute([code], as_of=AS_OF)
        for year in result.years:
            assert _json(stored_findings(year)) == _json(evaluate(year, AS_OF)), (code, year)
    # the commune X1 (under H1) plans more: X1's recompute alone (its rules, OVER_CAPACITY
    # everywhere, the target rows) brings every stored finding up to date, its parents' included
    x1_lines = select(PlanLine).join(Plan, Plan.id == PlanLine.plan_id).join(Unit, Unit.id == Plan.unit_id)
    for line in db.session.scalars(x1_lines.where(Unit.code == "X1")):
        line.planned_count += 7
    db.session.commit()
    before = _json(stored_findings(2014))
    recompute(["X1"], as_of=AS_OF)
    assert _json(stored_findings(2014)) != before
    for year in result.years:
        assert _json(stored_findings(year)) == _json(evaluate(year, AS_OF)), year


def test_a_recompute_of_many_units_runs_the_rules_once(runner, mini_bundle, monkeypatch):
    """Past SCOPED_UNITS_MAX units, the rules run once over the province (cheaper than a run per
    unit) and only those units' findings (and OVER_CAPACITY) are replaced: the same stored result."""
    from nq05.progress import store

    assert runner.invoke(args=["import", str(mini_bundle)]).exit_code == 0
    result = recompute(as_of=AS_OF)
    monkeypatch.setattr(store, "SCOPED_UNITS_MAX", 1)
    runs = []
    real = store.run_rules
    monkeypatch.setattr(store, "run_rules", lambda terms: runs.append(terms.unit_id) or real(terms))
    recompute(["H1", "X1"], as_of=AS_OF)
    assert runs == [None] * len(result.years)  # once a year, over every unit
    for year in result.years:
        assert _json(stored_findings(year)) == _json(evaluate(year, AS_OF)), year


@pytest.mark.postgres_only
def test_a_full_recompute_on_two_connections_stores_what_one_connection_does(app, runner, mini_bundle):
    """On PostgreSQL the years are shared between RECOMPUTE_READERS connections on one snapshot:
    the same rows, in the same order, as one connection reading them all."""
    import threading

    from sqlalchemy import event

    assert runner.invoke(args=["import", str(mini_bundle)]).exit_code == 0
    columns = [c for c in StoredFinding.__table__.c if c.name not in ("id", "computed_at")]

    def stored_rows():
        return [tuple(r) for r in db.session.execute(select(*columns).order_by(StoredFinding.id))]

    threads = set()

    def seen(*_args):
        threads.add(threading.get_ident())

    readers = app.config["RECOMPUTE_READERS"]
    app.config["RECOMPUTE_READERS"] = 1
    recompute(as_of=AS_OF)
    one = stored_rows()
    app.config["RECOMPUTE_READERS"] = 2
    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        result = recompute(as_of=AS_OF)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
        app.config["RECOMPUTE_READERS"] = readers
    assert len(threads) == 2, "the rules ran on two connections"
    assert stored_rows() == one
    for year in result.years:
        assert _json(stored_findings(year)) == _json(evaluate(year, AS_OF))
