"""Benchmark of the progress engine on the demo province at several scales (not a test).

For each database and scale K it builds a fresh database with ``nq05 db upgrade`` and
``nq05 demo --scale K``, runs ANALYZE (PostgreSQL: what autovacuum does soon after a load), then
times, in one process, realism for all units of a year, plan versus quota, and the progress
report (plain, ``--by gender`` and ``--by minority``): the first call (includes SQLAlchemy's
statement compilation) and the best of the next ``--repeat`` calls; and one plan's check as the
plan page does it (scoped to its unit: the plan in force of the unit with the most staff) against
the same check over every unit. It also times one ``nq05 realism --json`` command end to end.

    .venv/bin/python benchmarks/bench_progress.py                       # K = 1, 5, 20 on both
    .venv/bin/python benchmarks/bench_progress.py --scales 1 --backends postgresql
    .venv/bin/python benchmarks/bench_progress.py --parts report          # the report and its breakdowns

PostgreSQL: a database ``nq05_bench_k<K>`` is created on NQ05_BENCH_PG (default the local server)
and dropped afterwards unless ``--keep``. SQLite: a file in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from nq05 import create_app
from nq05.classes.eligibility import covers
from nq05.extensions import db
from nq05.plans.queries import plans_in_force
from nq05.progress.gaps import find_period, gaps_json
from nq05.progress.realism import evaluate, findings_for_plan, run_rules
from nq05.progress.realism.terms import Terms
from nq05.progress.report import report_json
from nq05.sql.dates import SqlDate
from nq05.staff.models import Assignment, Person

ROOT = Path(__file__).resolve().parents[1]
NQ05 = str(ROOT / ".venv" / "bin" / "nq05")
#: what the benchmark can time (--parts)
PARTS = ("realism", "gaps", "report", "plan")
PG_ADMIN = os.environ.get("NQ05_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def run(args, url):
    env = {**os.environ, "DATABASE_URL": url, "NQ05_LOCALE": "en"}
    started = time.perf_counter()
    done = subprocess.run([NQ05, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"nq05 {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - started, done.stdout


def pg_database(name, drop=False):
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        if not drop:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def _label(k: float) -> str:
    return f"nq05_bench_k{k:g}".replace(".", "_")


def build_demo(backend: str, k: float, folder: str, seed: int) -> tuple[str, float]:
    """A fresh demo database of scale ``k``: its URL, and the seconds ``nq05 demo`` took."""
    if backend == "postgresql":
        url = pg_database(_label(k))
    else:
        url = f"sqlite:///{folder}/{_label(k)}.sqlite"
    run(["db", "upgrade"], url)
    seconds, _ = run(["demo", "--scale", f"{k:g}", "--seed", str(seed)], url)
    return url, seconds


def drop_demo(backend: str, k: float) -> None:
    if backend == "postgresql":
        pg_database(_label(k), drop=True)


def timed(fn, repeat):
    started = time.perf_counter()
    fn()
    first = time.perf_counter() - started
    best = first
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return first, best


def timed_in_turns(fns: dict, repeat):
    """``timed`` for several functions, called in turns: {name: (first, best)}."""
    times = {name: [] for name in fns}
    for _ in range(repeat + 1):
        for name, fn in fns.items():
            started = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - started)
    return {name: (t[0], min(t)) for name, t in times.items()}


def measure(url, opts):
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("ANALYZE"))
        db.session.commit()
        staff = db.session.scalar(select(func.count(func.distinct(Assignment.person_id))))
        people = db.session.scalar(select(func.count(Person.id)))
        period = find_period(opts.period)
        findings = []
        row = {"people": people, "staff": staff}
        if "realism" in opts.parts:
            row["realism"] = timed(lambda: findings.append(len(evaluate(opts.year, opts.as_of))), opts.repeat)
            row["findings"] = findings[-1]
        if "gaps" in opts.parts:
            row["gaps"] = timed(lambda: gaps_json(period, opts.as_of), opts.repeat)
        if "report" in opts.parts:
            # taken in turns, so that a busy machine slows the three alike and their ratios hold
            row.update(
                timed_in_turns(
                    {
                        f"report{'_' + by if by else ''}": lambda by=by: report_json(
                            opts.baseline, opts.as_of, period, by
                        )
                        for by in (None, "gender", "minority")
                    },
                    opts.repeat,
                )
            )
        if "plan" in opts.parts:
            plan = biggest_units_plan(opts.year)
            row["plan"] = timed(lambda: findings_for_plan(plan.id, opts.as_of), opts.repeat)
            row["plan_unscoped"] = timed(
                lambda: run_rules(Terms(plan.year, opts.as_of, override=plan)), opts.repeat
            )
        db.session.remove()
        db.engine.dispose()
    if "realism" in opts.parts:
        cli, _ = run(["realism", "--year", str(opts.year), "--as-of", opts.as_of.isoformat(), "--json"], url)
        row["cli_realism"] = cli
    return row


def biggest_units_plan(year):
    """The plan in force for ``year`` of the unit with the most staff on 1 January."""
    in_force = plans_in_force(year)
    staff = db.session.execute(
        select(Assignment.unit_id, func.count())
        .where(Assignment.unit_id.in_(list(in_force)), covers(Assignment, SqlDate.known(date(year, 1, 1))))
        .group_by(Assignment.unit_id)
        .order_by(func.count().desc())
        .limit(1)
    ).first()
    return in_force[staff[0]]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="1,5,20")
    parser.add_argument("--backends", default="postgresql,sqlite")
    parser.add_argument("--year", type=int, default=2014)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2014, 3, 1))
    parser.add_argument("--baseline", type=date.fromisoformat, default=date(2010, 12, 31))
    parser.add_argument("--period", default="2011-2015")
    parser.add_argument("--seed", type=int, default=2014)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL databases")
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help="what to time, among " + ", ".join(PARTS) + " (report: plain and by gender, by minority)",
    )
    opts = parser.parse_args()
    opts.parts = set(opts.parts.split(","))
    if not opts.parts <= set(PARTS):
        parser.error(f"--parts: choose among {', '.join(PARTS)}")
    scales = [float(s) for s in opts.scales.split(",")]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for backend in opts.backends.split(","):
            for k in scales:
                url, build = build_demo(backend, k, tmp, opts.seed)
                row = measure(url, opts)
                row.update(backend=backend, k=k, build=build)
                results.append(row)
                print_row(row, results)
                if not opts.keep:
                    drop_demo(backend, k)
    print()
    print(
        f"year {opts.year}, as of {opts.as_of}, period {opts.period}, baseline {opts.baseline}, seed {opts.seed}"
    )
    print("seconds: first call in a process / best of the next calls; growth = best / best at the smallest K")
    for row in results:
        print_row(row, results)


TIMED = ("realism", "gaps", "report", "report_gender", "report_minority", "plan", "plan_unscoped")


def print_row(row, results):
    base = next(r for r in results if r["backend"] == row["backend"])
    parts = [f"{row['backend']:<10} K={row['k']:<4g} staff={row['staff']:>6} build={row['build']:6.1f}s"]
    for key in (k for k in TIMED if k in row):
        first, best = row[key]
        growth = best / base[key][1] if base[key][1] else 0
        parts.append(f"{key} {first:6.2f}/{best:6.2f}s x{growth:5.1f}")
        if key.startswith("report_"):
            parts.append(f"(x{best / row['report'][1]:4.2f} of the plain report)")
    if "cli_realism" in row:
        parts.append(f"cli realism {row['cli_realism']:5.2f}s findings={row['findings']}")
    print("  ".join(parts), flush=True)


if __name__ == "__main__":
    main()
