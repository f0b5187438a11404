"""Stored results: recompute writes what the CLI prints; pages read them back."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, select

from nq05 import clock
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
    # H1's own, and the OVER_CAPACITY findings of the programme its plan names (POL_INT, shared
    # with X1); SNV's OVER_CAPACITY is of a programme H1 does not plan (MASTER)
    assert {f.unit for f in stored_findings(2014)} == {"H1", "X1"}
    assert runner.invoke(args=["recompute", "--unit", "NOPE"]).exit_code == 2


def test_recompute_says_when_in_vietnam_time(runner, mini_bundle):
    assert runner.invoke(args=["import", str(mini_bundle)]).exit_code == 0
    result = runner.invoke(args=["recompute", "--as-of", "2014-03-01"], env={"NQ05_LOCALE": "vi"})
    assert result.exit_code == 0, result.output
    computed_at = db.session.scalars(select(StoredFinding.computed_at)).first()
    shown = clock.vietnam_time(computed_at).strftime("%d/%m/%Y %H:%M:%S")
    assert f"dòng chỉ tiêu ({shown}, giờ Việt Nam)" in result.output


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


_GAP_FIELDS = (
    "period_id",
    "position",
    "target_id",
    "track",
    "level",
    "category",
    "unit_id",
    "unit_code",
    "target",
    "planned",
    "named",
    "nominated",
    "completed",
    "gap",
    "pct",
    "status",
    "as_of",
)


def _stored_targets():
    """Every stored target row, as the pages read them (not its id or when it was computed)."""
    from nq05.progress.models import StoredGapRow

    rows = db.session.scalars(select(StoredGapRow).order_by(StoredGapRow.period_id, StoredGapRow.position))
    return [tuple(getattr(r, name) for name in _GAP_FIELDS) for r in rows]


def _add_quota(unit_code, value):
    from nq05.reference.models import Target
    from nq05.staff.models import Unit

    unit = db.session.scalar(select(Unit).where(Unit.code == unit_code))
    period = find_period("2011-2015")
    db.session.add(
        Target(
            period_id=period.id, kind="count", track="pol", level="intermediate", unit_id=unit.id, value=value
        )
    )
    db.session.commit()


def test_a_units_recompute_leaves_the_target_rows_of_a_full_one(runner, mini_bundle):
    """A unit's recompute rewrites its quotas' rows and the province's and categories' (the
    others' are kept, at the position a full recompute gives them): the stored target rows are
    then those of a full recompute, after a quota added, a plan edited, a quota removed."""
    from nq05.plans.models import Plan, PlanLine
    from nq05.progress.models import StoredGapRow
    from nq05.reference.models import Target
    from nq05.staff.models import Unit

    assert runner.invoke(args=["import", str(mini_bundle)]).exit_code == 0
    _add_quota("X1", 1)
    recompute(as_of=AS_OF)
    x1_row = db.session.scalar(select(StoredGapRow.id).where(StoredGapRow.unit_code == "X1"))

    # a quota for H2, sorted between H1's and X1's: X1's row moves down one, and stays itself
    _add_quota("H2", 3)
    recompute(["H2"], as_of=AS_OF)
    by_unit = _stored_targets()
    assert [r[7] for r in by_unit] == [None, "H1", "H2", "X1"]
    assert db.session.scalar(select(StoredGapRow.id).where(StoredGapRow.unit_code == "X1")) == x1_row
    recompute(as_of=AS_OF)
    assert _stored_targets() == by_unit

    # X1 plans more: its quota and the province's rows change, H1's and H2's do not
    lines = select(PlanLine).join(Plan, Plan.id == PlanLine.plan_id).join(Unit, Unit.id == Plan.unit_id)
    for line in db.session.scalars(lines.where(Unit.code == "X1")):
        line.planned_count += 7
    db.session.commit()
    before = _stored_targets()
    recompute(["X1"], as_of=AS_OF)
    by_unit = _stored_targets()
    assert by_unit != before
    recompute(as_of=AS_OF)
    assert _stored_targets() == by_unit

    # H2's quota removed: its row goes, X1's moves up
    db.session.delete(db.session.scalar(select(Target).join(Unit).where(Unit.code == "H2")))
    db.session.commit()
    recompute(["H2"], as_of=AS_OF)
    by_unit = _stored_targets()
    assert [r[7] for r in by_unit] == [None, "H1", "X1"]
    recompute(as_of=AS_OF)
    assert _stored_targets() == by_unit


def test_a_units_recompute_replaces_the_over_capacity_of_the_programmes_it_shares(runner, mini_bundle):
    """X1 drops its POL_INT line: its OVER_CAPACITY goes, H1's demand falls (X1's recompute
    alone); SNV's OVER_CAPACITY (MASTER, which X1 does not plan) is left as it was."""
    from nq05.plans.models import Plan, PlanLine
    from nq05.staff.models import Unit

    assert runner.invoke(args=["import", str(mini_bundle)]).exit_code == 0
    result = recompute(as_of=AS_OF)
    snv = select(StoredFinding.id).where(
        StoredFinding.unit_code == "SNV", StoredFinding.code == "OVER_CAPACITY"
    )
    snv_rows = set(db.session.scalars(snv))
    assert snv_rows
    lines = select(PlanLine).join(Plan, Plan.id == PlanLine.plan_id).join(Unit, Unit.id == Plan.unit_id)
    for line in db.session.scalars(lines.where(Unit.code == "X1", Plan.year == 2014)):
        db.session.delete(line)
    db.session.commit()
    recompute(["X1"], as_of=AS_OF)
    over = [f for f in stored_findings(2014) if f.code == "OVER_CAPACITY"]
    assert [(f.unit, f.programme, f.figures["demand"]) for f in over] == [
        ("H1", "POL_INT", 6),
        ("SNV", "MASTER", 4),
    ]
    assert set(db.session.scalars(snv)) == snv_rows
    for year in result.years:
        assert _json(stored_findings(year)) == _json(evaluate(year, AS_OF)), year


def _printed_targets():
    """The target rows a full recompute stores, from ``nq05 gaps``' own computation."""
    from nq05.progress.gaps import gap_rows
    from nq05.reference.models import Period

    rows = []
    for period in db.session.scalars(select(Period).order_by(Period.id)):
        for position, r in enumerate(gap_rows(period, AS_OF)):
            rows.append(
                (period.id, position, r.target_id, r.track, r.level, r.category, r.unit_id, r.unit)
                + (
                    float(r.target),
                    r.planned,
                    r.named,
                    r.nominated,
                    r.completed,
                    float(r.gap),
                    r.pct,
                    r.status,
                )
                + (AS_OF,)
            )
    return rows


def test_unit_recomputes_in_a_row_add_up_the_units_parts_of_the_province_targets(runner, mini_bundle):
    """A full recompute stores every unit's part of the province-wide and category targets; the
    unit's recomputes after it recount their own units' parts only and add them up: the stored
    rows stay those of ``nq05 gaps`` through plan and qualification edits."""
    from nq05.plans.models import Plan, PlanLine
    from nq05.progress.models import StoredTargetPart
    from nq05.staff.models import Person, Qualification, Unit

    assert runner.invoke(args=["import", str(mini_bundle)]).exit_code == 0
    recompute(as_of=AS_OF)
    x1 = db.session.scalar(select(Unit.id).where(Unit.code == "X1"))
    others = select(StoredTargetPart.id).where(StoredTargetPart.unit_id.is_distinct_from(x1))
    kept = set(db.session.scalars(others))
    assert kept  # the full recompute stored them
    recompute(["H1"], as_of=AS_OF)
    assert _stored_targets() == _printed_targets()
    h1 = db.session.scalar(select(Unit.id).where(Unit.code == "H1"))
    not_h1 = select(StoredTargetPart.id).where(StoredTargetPart.unit_id.is_distinct_from(h1))
    assert set(db.session.scalars(not_h1)) <= kept  # H1's first recompute recounted only its own
    kept = set(db.session.scalars(others))

    # X1 plans more and one of its staff gets a master's degree in the period
    lines = select(PlanLine).join(Plan, Plan.id == PlanLine.plan_id).join(Unit, Unit.id == Plan.unit_id)
    for line in db.session.scalars(lines.where(Unit.code == "X1")):
        line.planned_count += 7
    x2 = db.session.scalar(select(Person).where(Person.code == "X2"))
    db.session.add(Qualification(person_id=x2.id, track="pro", level="master", awarded_on=d("2013-06-01")))
    db.session.commit()
    before = _stored_targets()
    recompute(["X1"], as_of=AS_OF)
    assert set(db.session.scalars(others)) == kept  # the other units' parts were not recounted
    assert _stored_targets() != before
    assert _stored_targets() == _printed_targets()


def _marked():
    """The units the edits since the last call marked for recompute (the outbox's rows), emptied."""
    from nq05.notify.models import RecomputeRequest

    codes = sorted(db.session.scalars(select(RecomputeRequest.unit_code)))
    db.session.execute(RecomputeRequest.__table__.delete())
    db.session.commit()
    return codes


def test_the_units_an_edit_marks_keep_the_province_targets_right(runner, mini_bundle):
    """The people named on a line count in a province-wide target by their home unit: naming
    someone of H1 on X1's line, then moving that line to another programme, marks the units whose
    parts change (X1's and H1's), and their recompute alone stores what ``nq05 gaps`` prints."""
    from nq05.plans.models import Plan, PlanLine, PlanNominee
    from nq05.reference.models import Programme, Target
    from nq05.staff.models import Person, Unit

    assert runner.invoke(args=["import", str(mini_bundle)]).exit_code == 0
    period = find_period("2011-2015")
    db.session.add(Target(period_id=period.id, kind="count", track="pol", level="intermediate", value=20))
    db.session.commit()
    recompute(as_of=AS_OF)
    recompute(["H1"], as_of=AS_OF)  # counts all the parts once
    _marked()
    x1_line = db.session.scalar(
        select(PlanLine)
        .join(Plan, Plan.id == PlanLine.plan_id)
        .join(Unit, Unit.id == Plan.unit_id)
        .where(Unit.code == "X1", Plan.year == 2014)
    )
    h3 = db.session.scalar(select(Person).where(Person.code == "H3"))
    db.session.add(PlanNominee(line_id=x1_line.id, person_id=h3.id, position=9))
    db.session.commit()
    marked = _marked()
    assert set(marked) >= {"H1", "X1"}
    recompute(marked, as_of=AS_OF)
    assert _stored_targets() == _printed_targets()

    x1_line.programme_id = db.session.scalar(select(Programme.id).where(Programme.code == "MASTER"))
    db.session.commit()
    marked = _marked()
    assert set(marked) >= {"H1", "X1"}  # H3's home unit, though the line is X1's
    before = _stored_targets()
    recompute(marked, as_of=AS_OF)
    assert _stored_targets() != before
    assert _stored_targets() == _printed_targets()


@pytest.mark.postgres_only
def test_a_full_recompute_on_two_connections_stores_what_one_connection_does(app, runner, mini_bundle):
    """On PostgreSQL the years are shared between RECOMPUTE_READERS connections on one snapshot:
    the same rows, in the same order, as one connection reading them all."""
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


def test_a_findings_copy_line_is_the_row_psycopg_would_send():
    """The full recompute writes each finding as a line of COPY's text format directly (no dict
    per row): the same text as the row's values in psycopg's format, escapes included."""
    from datetime import datetime

    from sqlalchemy import JSON

    from nq05.progress.realism.findings import Finding
    from nq05.progress.stored_rows import copy_line, finding_line, finding_tail, stored_finding

    as_json = frozenset(c.name for c in StoredFinding.__table__.c if isinstance(c.type, JSON))
    now = datetime(2014, 3, 1, 8, 30, 15, 123456)
    findings = [
        Finding("MISSING_PLAN", None, 2014),
        Finding(
            "INELIGIBLE_NOMINEE",
            "U\\1",
            2014,
            programme="G\t1",
            category="ql",
            person="P\n1",
            class_code="C\r1",
            figures={"reasons": ["over_age"], "event_date": d("2014-02-03"), "rate": 0.25},
            unit_id=3,
            plan_id=4,
            line_id=5,
            person_id=6,
            class_id=7,
            person_name="Nguyễn Thị\tÁnh \\ x",
            details={"unit_name": "Xã Đông\n", "people": ["A\\B"], "at": "2014-01-01"},
        ),
    ]
    tail = finding_tail(d("2014-03-01"), now, "abc")
    for position, f in enumerate(findings):
        row = stored_finding(f, position, d("2014-03-01"), now, "abc")
        assert finding_line(f, position, tail) == copy_line(row, as_json)
