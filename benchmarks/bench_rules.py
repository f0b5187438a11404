"""Benchmark of each realism rule on its own, at several scales (not a test).

For each database it times every rule of realism.md over every unit for one year (the first call
in the process, which includes SQLAlchemy compiling the statements, and the best of the next
``--repeat``), with the time the database spent on the rule's statements, and prints each rule's
growth from one scale to the next. A rule that is linear in the data grows about as much as the
data does (×10 from K = 1 to 10, ×5 from 10 to 50).

    .venv/bin/python benchmarks/bench_rules.py --scales 1,10 --backends postgresql,sqlite
    .venv/bin/python benchmarks/bench_rules.py --url 1=postgresql://postgres@127.0.0.1/nq05_k1 \\
        --url 50=postgresql://postgres@127.0.0.1/nq05_k50      # databases you already built

Without ``--url`` each database is built as in bench_progress.py (``nq05 db upgrade``, ``nq05
demo --scale K --seed 2014``) and the PostgreSQL ones dropped afterwards unless ``--keep``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date

from bench_progress import build_demo, drop_demo
from sqlalchemy import event, func, select

from nq05 import create_app
from nq05.extensions import db
from nq05.progress import realism
from nq05.progress.realism.terms import Terms
from nq05.reference.settings import load_settings
from nq05.sql.dates import without_jit
from nq05.staff.models import Person

#: rule module name -> its code in the output
RULE_NAMES = (
    "missing_plan",
    "over_pool",
    "ineligible_nominee",
    "over_capacity",
    "uncovered_standard_gap",
    "behind_pace",
    "low_execution",
    "no_named_source",
    "stale_plan",
    "succession_unlinked",
)


class StatementClock:
    """Adds up the time between sending each statement and having its result (database time)."""

    def __init__(self, engine):
        self.seconds = 0.0
        self._started: list[float] = []
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, *_args):
        self._started.append(time.perf_counter())

    def _after(self, *_args):
        self.seconds += time.perf_counter() - self._started.pop()


def measure(url: str, opts) -> dict:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    results = {}
    with app.app_context():
        clock = StatementClock(db.engine)
        settings = load_settings()
        results["people"] = db.session.scalar(select(func.count(Person.id)))
        for name in RULE_NAMES:
            rule = getattr(realism, name)
            times, sql_times = [], []
            for _ in range(1 + opts.repeat):
                without_jit(db.session)
                clock.seconds = 0.0
                started = time.perf_counter()
                found = rule.findings(Terms(opts.year, opts.as_of, settings))
                times.append(time.perf_counter() - started)
                sql_times.append(clock.seconds)
                db.session.rollback()
            best = min(range(1, len(times)), key=times.__getitem__) if opts.repeat else 0
            results[name] = {
                "first": times[0],
                "best": times[best],
                "sql": sql_times[best],
                "findings": len(found),
            }
        db.session.remove()
        db.engine.dispose()
    return results


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--backends", default="postgresql,sqlite")
    parser.add_argument(
        "--url",
        action="append",
        default=[],
        metavar="K=URL",
        help="time an existing demo database of scale K (repeatable; replaces --scales/--backends)",
    )
    parser.add_argument("--year", type=int, default=2014)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2014, 3, 1))
    parser.add_argument("--seed", type=int, default=2014)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL databases")
    opts = parser.parse_args()

    rows = []
    if opts.url:
        for item in opts.url:
            k, url = item.split("=", 1)
            backend = "postgresql" if url.startswith("postgres") else "sqlite"
            rows.append((backend, float(k), measure(url, opts)))
            print_table(rows, opts)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            for backend in opts.backends.split(","):
                for k in (float(s) for s in opts.scales.split(",")):
                    url, _ = build_demo(backend, k, tmp, opts.seed)
                    rows.append((backend, k, measure(url, opts)))
                    print_table(rows, opts)
                    if not opts.keep:
                        drop_demo(backend, k)


def print_table(rows, opts):
    print(f"\nyear {opts.year}, as of {opts.as_of}; seconds: best of {opts.repeat} after the first call")
    print("(database time in brackets); growth: best time / best time at the previous scale")
    for backend in dict.fromkeys(r[0] for r in rows):
        mine = [r for r in rows if r[0] == backend]
        header = f"{backend:<24}" + "".join(f"{'K=' + format(k, 'g'):>26}" for _, k, _ in mine)
        print(header)
        print(f"{'people':<24}" + "".join(f"{r['people']:>26,}" for _, _, r in mine))
        for name in RULE_NAMES:
            cells, previous = [], None
            for _, _, r in mine:
                m = r[name]
                growth = f"×{m['best'] / previous:.1f}" if previous else ""
                cells.append(f"{m['best']:8.3f} ({m['sql']:6.3f}) {growth:>6} {m['findings']:>4}")
                previous = m["best"]
            print(f"{name:<24}" + "".join(f"{c:>26}" for c in cells))


if __name__ == "__main__":
    main()
