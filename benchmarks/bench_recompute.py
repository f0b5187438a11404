"""Benchmark of the full recompute (``recompute()``, what the nightly task and ``nq05 recompute``
run) on demo databases you built (not a test).

Each database is measured in a process of its own: the wall time of one full recompute as of
``--as-of``; of it, the writing of the stored results (from the first DELETE of
progress_findings or progress_gap_rows to the COMMIT), with the number of INSERT statements it
took; and the peak memory of the process (its maximum resident set, as ``/usr/bin/time -v``
reports it).

    .venv/bin/python benchmarks/bench_recompute.py \\
        --url 10=postgresql://postgres@127.0.0.1/nq05_k10 --url 50=postgresql://postgres@127.0.0.1/nq05_k50

``--unit biggest`` (or a unit's code) measures a unit's recompute instead: what the task queue runs
after an edit (the unit's rules, the OVER_CAPACITY findings of the programmes its plans name, its
quotas' target rows and its parts of the province's). ``--repeat N`` runs it N times in the same
process, as the task queue's worker does (the first run compiles the statements; on a day the
full recompute has not counted, the first unit's recompute also counts every unit's parts of the
province's targets once). "Python" is the CPU time of this process, "PostgreSQL" the CPU time of
the server's backends that served its connections (read from /proc: the server runs on this
machine); the rest of the total is the wait for a CPU on a loaded machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import date

from sqlalchemy import event, func, select

from nq05 import create_app
from nq05.extensions import db
from nq05.progress.store import recompute
from nq05.staff.models import Assignment, Unit

STORED_TABLES = ("progress_findings", "progress_gap_rows")


class WriteClock:
    """When the writing of the stored results began (their first DELETE: the rows are built
    before it), and how many INSERT statements it took (a COPY is not seen: it goes to the driver)."""

    def __init__(self, engine):
        self.began: float | None = None
        self.inserts = 0
        event.listen(engine, "before_cursor_execute", self._before)

    def _before(self, conn, cursor, statement, *_args):
        head = statement.lstrip()[:60].upper()
        if not any(t.upper() in head for t in STORED_TABLES):
            return
        if head.startswith("DELETE") and self.began is None:
            self.began = time.perf_counter()
        elif head.startswith("INSERT"):
            self.inserts += 1


class BackendClock:
    """The CPU time PostgreSQL's backends spent for this process's connections (read from
    /proc/<pid>/stat: the server runs on this machine), which a loaded machine barely moves,
    unlike the wall time. None when the server's processes cannot be read (SQLite, another host)."""

    def __init__(self, engine):
        self.pids: set[int] = set()
        self.start: dict[int, float] = {}
        if engine.dialect.name == "postgresql":
            event.listen(engine, "connect", self._connect)

    def _connect(self, dbapi_connection, _record):
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        dbapi_connection.rollback()
        self.pids.add(pid)
        self.start[pid] = self._cpu(pid) or 0.0

    @staticmethod
    def _cpu(pid: int) -> float | None:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def mark(self) -> None:
        self.start = {pid: self._cpu(pid) or 0.0 for pid in self.pids}

    def seconds(self) -> float | None:
        now = {pid: self._cpu(pid) for pid in self.pids}
        if not now or any(v is None for v in now.values()):
            return None
        return sum(now[pid] - self.start.get(pid, 0.0) for pid in now)


def biggest_unit() -> str:
    """The code of the unit with the most assignments (a district: it has communes below it)."""
    return db.session.execute(
        select(Unit.code)
        .join(Assignment, Assignment.unit_id == Unit.id)
        .group_by(Unit.code)
        .order_by(func.count().desc(), Unit.code)
        .limit(1)
    ).scalar_one()


def measure_one(url: str, as_of: date, unit: str | None = None, repeat: int = 1) -> list[dict]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    runs = []
    with app.app_context():
        backends = BackendClock(db.engine)
        codes = None
        if unit is not None:
            codes = [biggest_unit() if unit == "biggest" else unit]
        for _ in range(repeat):
            clock = WriteClock(db.engine)
            backends.mark()
            cpu = time.process_time()
            started = time.perf_counter()
            result = recompute(codes, as_of=as_of)
            ended = time.perf_counter()
            cpu = time.process_time() - cpu
            db_cpu = backends.seconds()
            event.remove(db.engine, "before_cursor_execute", clock._before)
            runs.append(
                {
                    "total": ended - started,
                    "cpu": cpu,
                    "db_cpu": db_cpu,
                    "write": ended - clock.began,
                    "inserts": clock.inserts,
                    "findings": result.findings,
                    "gap_rows": result.gap_rows,
                    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                    "unit": codes[0] if codes else "*",
                }
            )
        db.session.remove()
        db.engine.dispose()
    return runs


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", action="append", default=[], metavar="K=URL", required=True)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2016, 5, 15))
    parser.add_argument("--one", action="store_true", help="measure the first --url in this process")
    parser.add_argument(
        "--unit", default=None, help="a unit's recompute (a code, or 'biggest') instead of the full one"
    )
    parser.add_argument("--repeat", type=int, default=1, help="recomputes in the same process")
    opts = parser.parse_args()
    unit_args = ["--unit", opts.unit] if opts.unit else []
    if opts.one:
        print(json.dumps(measure_one(opts.url[0].split("=", 1)[1], opts.as_of, opts.unit, opts.repeat)))
        return
    print(f"{'recompute of unit ' + opts.unit if opts.unit else 'full recompute'} as of {opts.as_of}")
    for item in opts.url:
        k, url = item.split("=", 1)
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                "--as-of",
                opts.as_of.isoformat(),
                "--url",
                item,
                "--repeat",
                str(opts.repeat),
                *unit_args,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        backend = "postgresql" if url.startswith("postgres") else "sqlite"
        for run, m in enumerate(json.loads(done.stdout.strip().splitlines()[-1]), start=1):
            print(
                f"{backend:<10} K={k:<4} unit {m['unit']:<8} run {run}  total {m['total']:7.2f} s  "
                f"(Python {m['cpu']:6.2f} s CPU, PostgreSQL {_seconds(m['db_cpu'])} CPU)  "
                f"writing {m['write']:6.2f} s ({m['inserts'] or 'COPY, no'} INSERT statements)  "
                f"rows {m['findings'] + m['gap_rows']:>8,}  peak {m['peak_mb']:6.0f} MB",
                flush=True,
            )


def _seconds(value: float | None) -> str:
    return "   ?  " if value is None else f"{value:6.2f} s"


if __name__ == "__main__":
    main()
