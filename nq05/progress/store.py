"""Stored results: recompute the findings and target rows, and read them back for the pages.

The task queue calls ``recompute(unit_codes)`` after each change (config NOTIFY_RECOMPUTE);
``nq05 recompute [--unit CODE]`` does the same by hand. The nightly run (``unit_codes`` None)
runs every rule over every unit and counts every target row.

With a unit list (a unit's recompute), only what those units' rows can change is replaced, each
row as the nightly run would store it (docs/benchmarks.md, "A unit's recompute"):
- findings: the rules run for those units only, each unit's rules reading that unit's rows
  (``Terms.unit_id``); no rule but OVER_CAPACITY reads another unit's rows, not even a sub-unit's;
- OVER_CAPACITY (the one rule whose figures mix units): the programmes the units plan, or had
  stored findings of; every unit's findings of a programme when its demand, capacity or classes
  differ from those stored, else the units' own;
- target rows: the units' quotas (a quota reads its own unit's plans and staff only), and the
  targets of no unit, added up from each unit's stored part (``progress_target_parts``), of which
  the units' own are counted again; the full recompute stores every unit's parts, and a unit's
  recompute as of another day (or after parts of an older run) counts them all once. The other units' rows are kept, at the position the
  nightly run gives them.
Every year is recomputed: a unit's recompute does not know what was edited, and an assignment,
a qualification or a birth date counts in every year.
"""

from __future__ import annotations

import hashlib
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial

from flask import current_app
from sqlalchemy import and_, delete, func, or_, select, text
from sqlalchemy.dialects import postgresql, sqlite

from nq05 import clock, postgres
from nq05.classes.models import Enrolment, TrainingClass
from nq05.extensions import db
from nq05.notify.models import ALL_UNITS, UnitRevision
from nq05.plans.models import Plan, PlanLine, PlanNominee
from nq05.progress.gaps import gap_rows
from nq05.progress.models import StoredFinding, StoredGapRow, StoredTargetPart
from nq05.progress.realism import RULES, over_capacity, run_rules
from nq05.progress.realism.details import annotate
from nq05.progress.realism.findings import Finding, sorted_findings
from nq05.progress.realism.terms import Terms, plans_in_force_cte
from nq05.progress.stored_rows import (
    FINDING_COLUMNS,
    CopyLines,
    finding_line,
    finding_tail,
    insert_rows,
    stored_finding,
    stored_gap,
)
from nq05.progress.target_parts import (
    all_parts,
    kept_gap_rows,
    part_rows,
    scoped_targets,
    write_scoped_targets,
)
from nq05.reference.models import Indicator, Period, Position, Programme, Setting, Target
from nq05.reference.settings import load_settings
from nq05.sql.dates import without_jit
from nq05.sqlite import reading
from nq05.staff.models import Assignment, Person, Qualification, Unit

#: rules whose findings for one unit depend on other units' plans
CROSS_UNIT_CODES = ("OVER_CAPACITY",)
_ADVISORY_LOCK = 5_000_501
#: a recompute of more units than this runs the rules once over every unit rather than once per
#: unit (docs/benchmarks.md: a unit's run costs about a tenth of the province's at K = 10)
SCOPED_UNITS_MAX = 5


@dataclass(frozen=True)
class RecomputeResult:
    findings: int
    gap_rows: int
    years: tuple[int, ...]
    as_of: date
    computed_at: datetime
    fingerprint: str


#: the tables the results are computed from
SOURCES = (
    Unit,
    Position,
    Person,
    Assignment,
    Qualification,
    Programme,
    TrainingClass,
    Enrolment,
    Plan,
    PlanLine,
    PlanNominee,
    Period,
    Target,
    Indicator,
)


def data_fingerprint() -> str:
    """A cheap version of the data the results depend on: row count and highest id per table,
    plus a few sums and status counts. An in-place edit that changes none of them (a corrected
    birth date) is not seen; the task queue's recompute after each change covers that."""
    per_table = []
    for m in SOURCES:
        per_table += [
            select(func.count(m.id)).scalar_subquery(),
            select(func.coalesce(func.max(m.id), 0)).scalar_subquery(),
        ]
    sums = [
        select(func.sum(Plan.lock_version)).scalar_subquery(),
        select(func.sum(PlanLine.planned_count)).scalar_subquery(),
        select(func.count(Assignment.end_date)).scalar_subquery(),
        select(func.count(Qualification.awarded_on)).scalar_subquery(),
        select(func.count(Enrolment.completed_on)).scalar_subquery(),
    ]
    row = db.session.execute(select(*per_table, *sums)).one()
    settings = sorted(db.session.execute(select(Setting.key, Setting.value)).all())
    enrolments = sorted(
        db.session.execute(select(Enrolment.status, func.count()).group_by(Enrolment.status)).all()
    )
    plans = sorted(db.session.execute(select(Plan.status, func.count()).group_by(Plan.status)).all())
    raw = repr((tuple(row), settings, enrolments, plans))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def years_to_check(as_of: date) -> list[int]:
    """Every year with a plan, the current year and the next (whose plan may already be due)."""
    years = set(db.session.scalars(select(Plan.year).distinct()))
    years |= {as_of.year, as_of.year + 1}
    return sorted(years)


def _lock() -> None:
    """Two recomputes at once would interleave deletes and inserts; take turns (PostgreSQL;
    SQLite serialises writers anyway)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_LOCK})


def recompute(unit_codes: list[str] | None = None, as_of: date | None = None) -> RecomputeResult:
    """Refresh the stored findings (each year with plans, this year and the next) and the stored
    target rows (every period), as of ``as_of`` (today), and commit.

    Everything is computed in a read transaction, then written in a short one: on SQLite a writer
    locks the whole file, and the web app must not wait for the rules to run. (PostgreSQL
    recomputes take turns writing through an advisory lock, which blocks no one else.)
    """
    as_of = as_of or clock.today()
    db.session.commit()  # the rules read in a transaction of their own: a plain BEGIN on SQLite
    with reading():
        snapshot = postgres.begin_snapshot_read(db.session)
        now = datetime.now(UTC).replace(tzinfo=None)
        scope = None if unit_codes is None else _units_named(unit_codes)
        # the fingerprint counts 13 whole tables: the nightly run's only (no page reads it now)
        fingerprint = data_fingerprint() if scope is None else "unit"
        revisions = _revisions_seen(None if scope is None else list(scope.values()))
        settings = load_settings()
        years = years_to_check(as_of)
        if scope is None:
            period_ids = list(db.session.scalars(select(Period.id).order_by(Period.id)))
            # the stored rows are made as each year is done (a year's Findings are then let go)
            stored = partial(stored_finding, as_of=as_of, now=now, fingerprint=fingerprint)
            if snapshot is not None:  # PostgreSQL: as the lines COPY reads
                stored = partial(finding_line, tail=finding_tail(as_of, now, fingerprint))
            rows_by_year, gaps_by_period, parts_by_period = _everything(
                years, period_ids, as_of, settings, snapshot, stored
            )
        else:
            periods = list(db.session.scalars(select(Period).order_by(Period.id)))
            shared = _shared_programmes(years, scope)
            findings_by_year, changed = {}, {}
            for year in years:
                findings_by_year[year], changed[year] = _unit_findings(
                    year, as_of, settings, scope, shared.get(year, _NO_PROGRAMMES)
                )
            kept_gaps = kept_gap_rows(scope)
            targets = scoped_targets(periods, scope, kept_gaps, as_of)
        db.session.commit()
    _lock()

    if scope is None:
        finding_rows = CopyLines(FINDING_COLUMNS) if snapshot is not None else []
        for rows in rows_by_year.values():
            finding_rows.extend(rows)
        target_rows = [
            stored_gap(period_id, row, position, as_of, now, fingerprint)
            for period_id, rows in gaps_by_period.items()
            for position, row in enumerate(rows)
        ]
        # a full recompute replaces everything (a year whose last plan was deleted keeps nothing)
        db.session.execute(delete(StoredFinding))
        db.session.execute(delete(StoredGapRow))
        db.session.execute(delete(StoredTargetPart))
        insert_rows(
            StoredTargetPart,
            [
                row
                for period_id, parts in parts_by_period.items()
                for row in part_rows(period_id, parts, as_of, now)
            ],
        )
    else:
        finding_rows = [
            stored_finding(f, position, as_of, now, fingerprint)
            for findings in findings_by_year.values()
            for position, f in enumerate(findings)
        ]
        db.session.execute(_stale_findings(years, scope, changed))
        target_rows = write_scoped_targets(targets, scope, kept_gaps, as_of, now)
    insert_rows(StoredFinding, finding_rows)
    insert_rows(StoredGapRow, target_rows)
    _record_revisions(revisions, now, as_of)
    db.session.commit()
    return RecomputeResult(len(finding_rows), len(target_rows), tuple(years), as_of, now, fingerprint)


def _everything(years, periods, as_of, settings, snapshot, stored):
    """The full recompute's results: every year's findings (every rule over every unit) as the
    rows to store (``stored(finding, position)``), every period's target rows and every unit's
    parts of its targets of no unit, as ``({year: finding rows}, {period id: gap rows},
    {period id: parts})``.

    On PostgreSQL (``snapshot``: the id of this transaction's exported snapshot) the work is
    shared with ``RECOMPUTE_READERS`` - 1 more connections, each in a thread that reads the same
    snapshot: the years and periods go to whichever is free, so one's rules run in the database
    while another builds its findings in Python. The results are those of one transaction. On
    SQLite (None), or with one reader, it runs here, a year after another."""
    work = [("year", year) for year in years] + [("period", period_id) for period_id in periods]
    results: dict[tuple[str, int], list] = {}

    def run(kind: str, key: int) -> None:
        if kind == "year":
            terms = Terms(key, as_of, settings)
            terms.share_levels()
            found = run_rules(terms)
            results[(kind, key)] = [stored(f, position) for position, f in enumerate(found)]
        else:
            period = db.session.get(Period, key)
            results[(kind, key)] = (gap_rows(period, as_of), all_parts(period, as_of))

    readers = int(current_app.config.get("RECOMPUTE_READERS") or 1)
    if snapshot is None or readers <= 1:
        for kind, key in work:
            run(kind, key)
    else:
        pending: queue.SimpleQueue = queue.SimpleQueue()
        for item in work:
            pending.put(item)

        failed = threading.Event()

        def take_turns() -> None:
            while not failed.is_set():
                try:
                    kind, key = pending.get_nowait()
                except queue.Empty:
                    return
                try:
                    run(kind, key)
                except BaseException:
                    failed.set()  # the others stop at their next turn
                    raise

        app = current_app._get_current_object()

        def helper() -> None:
            with app.app_context():
                try:
                    postgres.share_snapshot(db.session, snapshot)
                    take_turns()
                except BaseException:
                    failed.set()
                    raise
                finally:
                    db.session.rollback()

        with ThreadPoolExecutor(readers - 1) as pool:
            helpers = [pool.submit(helper) for _ in range(readers - 1)]
            take_turns()
            for done in helpers:
                done.result()
    rows_by_year = {year: results[("year", year)] for year in years}
    gaps_by_period = {period_id: results[("period", period_id)][0] for period_id in periods}
    parts_by_period = {period_id: results[("period", period_id)][1] for period_id in periods}
    return rows_by_year, gaps_by_period, parts_by_period


def _units_named(unit_codes) -> dict[int, str]:
    """unit id -> code of the units named."""
    return dict(
        db.session.execute(select(Unit.id, Unit.code).where(Unit.code.in_(sorted(set(unit_codes))))).all()
    )


@dataclass(frozen=True)
class _Programmes:
    """The programmes whose OVER_CAPACITY findings a unit's recompute looks at in a year."""

    #: programme id -> code, of the programmes the units' plans in force name and of those of their
    #: stored findings (when a programme still has that code)
    named: dict
    #: the codes of those and of the units' stored OVER_CAPACITY findings
    codes: frozenset[str]
    #: code -> (demand, capacity, classes) of the stored findings of a programme short of seats
    stored: dict
    #: programme id -> (demand, capacity, classes) of the programmes of ``named`` short of seats now
    short: dict


_NO_PROGRAMMES = _Programmes({}, frozenset(), {}, {})


def _shared_programmes(years: list[int], scope: dict[int, str]) -> dict[int, _Programmes]:
    """Per year, the programmes whose OVER_CAPACITY findings the units in ``scope`` can change:
    those their plans in force name now, and those of their stored OVER_CAPACITY findings (a line
    or a plan version gone since), with the figures stored for each. A programme's findings read
    its own lines and classes only, so the other programmes' stored findings stay right; the edit
    that changes a class or a programme names every unit whose plan lines name that programme
    (nq05.progress.dependencies)."""
    pif = plans_in_force_cte(name="scope_in_force", unit_ids=scope)
    named = db.session.execute(
        select(pif.c.year, PlanLine.programme_id, Programme.code)
        .join(PlanLine, PlanLine.plan_id == pif.c.plan_id)
        .join(Programme, Programme.id == PlanLine.programme_id)
        .where(pif.c.year.in_(years))
        .distinct()
    ).all()
    over = StoredFinding.code.in_(CROSS_UNIT_CODES)
    theirs = db.session.execute(
        select(StoredFinding.year, StoredFinding.programme)
        .where(
            over,
            StoredFinding.year.in_(years),
            or_(
                StoredFinding.unit_id.in_(sorted(scope)), StoredFinding.unit_code.in_(sorted(scope.values()))
            ),
            StoredFinding.programme.isnot(None),
        )
        .distinct()
    ).all()
    ids: dict[int, dict] = {}
    codes: dict[int, set[str]] = {}
    for year, g, code in named:
        ids.setdefault(year, {})[g] = code
        codes.setdefault(year, set()).add(code)
    for year, code in theirs:
        codes.setdefault(year, set()).add(code)
    gone = {code for year, code in theirs} - {code for year, g, code in named}
    if gone:
        # a line or a plan version gone: the programme's findings of the other units change too
        id_of = dict(
            db.session.execute(
                select(Programme.code, Programme.id).where(Programme.code.in_(sorted(gone)))
            ).all()
        )
        for year, code in theirs:
            if code in id_of:
                ids.setdefault(year, {})[id_of[code]] = code
    # the figures stored for each programme short of seats: those of its first finding (every
    # finding of a programme and year has the same)
    wanted = sorted(set().union(*codes.values())) if codes else []
    first = (
        select(func.min(StoredFinding.id))
        .where(over, StoredFinding.year.in_(years), StoredFinding.programme.in_(wanted))
        .group_by(StoredFinding.year, StoredFinding.programme)
    )
    stored: dict[int, dict] = {}
    for year, code, figures, details in db.session.execute(
        select(
            StoredFinding.year, StoredFinding.programme, StoredFinding.figures, StoredFinding.details
        ).where(StoredFinding.id.in_(first))
    ):
        stored.setdefault(year, {})[code] = (
            figures.get("demand"),
            figures.get("capacity"),
            (details or {}).get("classes"),
        )
    every_id = set().union(*(named.keys() for named in ids.values())) if ids else set()
    short = over_capacity.shortages_by_year(sorted(ids), every_id) if ids else {}
    return {
        year: _Programmes(
            ids.get(year, {}),
            frozenset(year_codes),
            stored.get(year, {}),
            {g: figures for g, figures in short.get(year, {}).items() if g in ids.get(year, {})},
        )
        for year, year_codes in codes.items()
    }


def _stale_findings(years: list[int], scope: dict[int, str], changed: dict[int, tuple[set, set]]):
    """DELETE of the stored findings a unit's recompute replaces: the units' own (but
    OVER_CAPACITY) for every year, every unit's OVER_CAPACITY findings of the programmes whose
    figures changed, and the units' own of the others they plan."""
    units = sorted(scope.values())
    own = and_(
        StoredFinding.year.in_(years),
        StoredFinding.unit_code.in_(units),
        StoredFinding.code.notin_(CROSS_UNIT_CODES),
    )
    crossing = []
    for year, (everyone, theirs) in sorted(changed.items()):
        of_year = and_(StoredFinding.year == year, StoredFinding.code.in_(CROSS_UNIT_CODES))
        if everyone:
            crossing.append(and_(of_year, StoredFinding.programme.in_(sorted(everyone))))
        if theirs:
            crossing.append(
                and_(of_year, StoredFinding.programme.in_(sorted(theirs)), StoredFinding.unit_code.in_(units))
            )
    return delete(StoredFinding).where(or_(own, *crossing))


#: the rules that read only the rows of the unit asked about (``Terms.unit_id``)
UNIT_RULES = tuple(rule for rule in RULES if rule is not over_capacity)


def _unit_findings(
    year: int, as_of: date, settings, scope: dict[int, str], shared: _Programmes
) -> tuple[list[Finding], tuple[set, set]]:
    """The findings of the units in ``scope`` for the year, each unit's rules reading that unit's
    rows (``Terms.unit_id``, as the plan page's check), and the OVER_CAPACITY findings of the
    programmes ``shared``: of every unit for a programme whose figures (demand, capacity, classes)
    are not those stored (a unit's plan changes the other units' findings through the demand),
    else of the units in scope only (their own share). Returns the findings, and the codes of the
    programmes whose OVER_CAPACITY findings are replaced for every unit and for the units only.
    For more than ``SCOPED_UNITS_MAX`` units, one run of the rules over every unit costs less than
    a run per unit: that one, its findings of the units kept."""
    everyone = Terms(year, as_of, settings)
    if len(scope) > SCOPED_UNITS_MAX:
        found = run_rules(everyone)
        kept = [
            f
            for f in found
            if (f.unit_id in scope and f.code not in CROSS_UNIT_CODES)
            or (f.code in CROSS_UNIT_CODES and f.programme in shared.codes)
        ]
        return kept, (set(shared.codes), set())
    without_jit(db.session)
    found: list[Finding] = []
    by_unit = {unit_id: Terms(year, as_of, settings, unit_id=unit_id) for unit_id in sorted(scope)}
    for unit_id, terms in by_unit.items():
        for rule in UNIT_RULES:
            found += [f for f in rule.findings(terms) if f.unit_id == unit_id]
    short = shared.short
    id_of = {code: g for g, code in shared.named.items()}
    changed, theirs = set(), set()
    for code in shared.codes:
        now = short.get(id_of.get(code))
        (changed if now != shared.stored.get(code) else theirs).add(code)
    everyones = {id_of[code]: short[id_of[code]] for code in changed if id_of.get(code) in short}
    if everyones:
        found += over_capacity.findings(everyone, short=everyones)
    own = {id_of[code]: short[id_of[code]] for code in theirs if id_of.get(code) in short}
    if own:
        for terms in by_unit.values():
            found += over_capacity.findings(terms, short=own)
    # worded with names, as run_rules' (the details read the finding's own rows, whatever its terms)
    return annotate(sorted_findings(found), everyone), (changed, theirs)


def _revisions_seen(unit_codes: list[str] | None) -> dict[str, int]:
    """The revision of each unit the recompute covers, as its snapshot sees them (0: never edited).
    A full recompute covers every unit and ``*``; a unit's, that unit only."""
    codes = set(unit_codes) if unit_codes is not None else {ALL_UNITS, *db.session.scalars(select(Unit.code))}
    found = dict(
        db.session.execute(
            select(UnitRevision.unit_code, UnitRevision.revision).where(UnitRevision.unit_code.in_(codes))
        ).all()
    )
    return {code: found.get(code, 0) for code in codes}


def _record_revisions(revisions: dict[str, int], now: datetime, as_of: date) -> None:
    """The stored results now reflect these revisions (an edit since then has bumped past them)."""
    if not revisions:
        return
    connection = db.session.connection()
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    table = UnitRevision.__table__
    rows = [
        {"unit_code": code, "revision": rev, "computed_revision": rev, "computed_at": now, "as_of": as_of}
        for code, rev in sorted(revisions.items())
    ]
    # one statement sent with every row (executemany): a VALUES list of thousands of rows took
    # seconds to compile at national size
    stmt = dialect.insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.unit_code],
        set_={
            "computed_revision": stmt.excluded.computed_revision,
            "computed_at": stmt.excluded.computed_at,
            "as_of": stmt.excluded.as_of,
        },
    )
    connection.execute(stmt, rows)


#: the fields of a Finding kept in a stored view (figures as in the JSON output)
_FINDING_FIELDS = (
    "code",
    "unit",
    "year",
    "programme",
    "category",
    "person",
    "class_code",
    "unit_id",
    "plan_id",
    "line_id",
    "person_id",
    "class_id",
    "person_name",
)


def finding_dict(f: Finding) -> dict:
    """A finding as plain JSON values (a stored view's payload), with the details its wording needs
    (names, the numbers behind a reason): without them the page would show codes."""
    return {
        **{name: getattr(f, name) for name in _FINDING_FIELDS},
        "figures": f.figures_json(),
        "details": dict(f.details or {}),
    }


def finding_from_dict(row: dict) -> Finding:
    return Finding(
        **{name: row[name] for name in _FINDING_FIELDS},
        figures=_figures(row["figures"]),
        details=dict(row.get("details") or {}),
    )


def _figures(stored: dict) -> dict:
    figures = dict(stored)
    for key in ("due", "class_start", "event_date"):
        if key in figures and isinstance(figures[key], str):
            figures[key] = date.fromisoformat(figures[key])
    return figures


def _as_finding(row: StoredFinding) -> Finding:
    figures = _figures(row.figures)
    return Finding(
        row.code,
        row.unit_code,
        row.year,
        programme=row.programme,
        category=row.category,
        person=row.person,
        class_code=row.class_code,
        figures=figures,
        unit_id=row.unit_id,
        plan_id=row.plan_id,
        line_id=row.line_id,
        person_id=row.person_id,
        class_id=row.class_id,
        person_name=row.person_name,
        details=dict(row.details or {}),
    )


def stored_findings(year: int, unit_codes: list[str] | None = None) -> list[Finding]:
    """The stored findings of a year (optionally of some units), in output order, as Findings
    (so ``message()`` and ``fix()`` speak the reader's language)."""
    stmt = (
        select(StoredFinding)
        .where(StoredFinding.year == year)
        .order_by(StoredFinding.position, StoredFinding.id)
    )
    if unit_codes is not None:
        stmt = stmt.where(StoredFinding.unit_code.in_(unit_codes))
    return sorted_findings([_as_finding(r) for r in db.session.scalars(stmt)])


def _binary(column):
    """Order by code points, as Python sorts (PostgreSQL's default collation ignores punctuation)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return column.collate("C")
    return column


def stored_findings_query(year: int, unit_ids=None, codes=None):
    """SELECT of the stored findings of a year, of ``unit_ids`` (None: every unit) and of rule
    ``codes`` (None: every rule), in the output's order (``realism.findings.sort_key``; the
    stored position breaks the remaining ties, by the figures' track)."""
    stmt = select(StoredFinding).where(StoredFinding.year == year)
    if unit_ids is not None:
        stmt = stmt.where(StoredFinding.unit_id.in_(sorted(unit_ids)))
    if codes is not None:
        stmt = stmt.where(StoredFinding.code.in_(sorted(codes)))
    return stmt.order_by(
        *[
            _binary(column).asc().nulls_first()
            for column in (
                StoredFinding.unit_code,
                StoredFinding.code,
                StoredFinding.programme,
                StoredFinding.category,
                StoredFinding.person,
                StoredFinding.class_code,
            )
        ],
        StoredFinding.position,
        StoredFinding.id,
    )


def as_findings(rows) -> list[Finding]:
    """Stored rows as Findings (``message()`` speaks the reader's language)."""
    return [_as_finding(r) for r in rows]


def stored_finding_counts(year: int, unit_ids=None, codes=None) -> dict[str, int]:
    """Rule code -> number of stored findings of the year (of ``unit_ids``, of ``codes``)."""
    stmt = select(StoredFinding.code, func.count()).where(StoredFinding.year == year)
    if unit_ids is not None:
        stmt = stmt.where(StoredFinding.unit_id.in_(sorted(unit_ids)))
    if codes is not None:
        stmt = stmt.where(StoredFinding.code.in_(sorted(codes)))
    return dict(db.session.execute(stmt.group_by(StoredFinding.code)).all())


def stored_gap_rows(period_id: int) -> list[StoredGapRow]:
    return list(
        db.session.scalars(
            select(StoredGapRow).where(StoredGapRow.period_id == period_id).order_by(StoredGapRow.position)
        )
    )


@dataclass(frozen=True)
class Freshness:
    computed_at: datetime | None
    as_of: date | None
    #: the data changed since (or nothing was ever computed)
    stale: bool


def freshness(unit_codes=None) -> Freshness:
    """When the stored results were computed, and whether the data changed since: of the units
    ``unit_codes`` (a page of a unit and its sub-units reads their revisions and ``*``'s only),
    or of every unit (None). A unit never recomputed is stale; ``as_of`` is None when the units
    were computed as of different dates."""
    table = UnitRevision.__table__
    fresh = func.coalesce(table.c.computed_revision, -1) == table.c.revision
    stmt = select(
        func.count(),
        func.count().filter(fresh),
        func.min(table.c.computed_at),
        func.min(table.c.as_of),
        func.max(table.c.as_of),
    )
    if unit_codes is not None:
        codes = {ALL_UNITS, *unit_codes}
        stmt = stmt.where(table.c.unit_code.in_(sorted(codes)))
        expected = len(codes)
    total, fresh_rows, computed_at, first_as_of, last_as_of = db.session.execute(stmt).one()
    if unit_codes is None:
        # every row fresh, and a row for every unit and for ``*`` (a unit added since the last
        # full recompute has none)
        units = db.session.scalar(select(func.count()).select_from(Unit))
        stale = fresh_rows < total or total < units + 1
    else:
        stale = fresh_rows < expected
    if computed_at is None:
        return Freshness(None, None, True)
    as_of = first_as_of if first_as_of == last_as_of else None
    return Freshness(computed_at, as_of, stale)
