"""Benchmark of the full recompute (``recompute()``, what the nightly task and ``nq05 recompute``
run) on demo databases you built (not a test).

Each database is measured in a process of its own: the wall time of one full recompute as of
``--as-of``, the part spent writing the stored results (the DELETE and INSERT statements into
progress_findings and progress_gap_rows, with how many statements that took), and the peak
memory of the process (its maximum resident set, as ``/usr/bin/time -v`` reports it).

    .venv/bin/python benchmarks/bench_recompute.py \\
        --url 10=postgresql://postgres@127.0.0.1/nq05_k10 --url 50=postgresql://postgres@127.0.0.1/nq05_k50
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import date

STORED_TABLES = ("progress_findings", "progress_gap_rows")


class WriteClock:
    """Adds up the statements that write the stored results (one per executemany batch)."""

    def __init__(self, engine):
        from sqlalchemy import event

        self.seconds = 0.0
        self.statements = 0
        self._started: list[float] = []
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    @staticmethod
    def _writes(statement: str) -> bool:
        head = statement.lstrip()[:60].upper()
        return head.startswith(("INSERT", "DELETE", "COPY")) and any(t.upper() in head for t in STORED_TABLES)

    def _before(self, conn, cursor, statement, *_args):
        self._started.append(time.perf_counter() if self._writes(statement) else -1.0)

    def _after(self, conn, cursor, statement, *_args):
        started = self._started.pop()
        if started >= 0:
            self.seconds += time.perf_counter() - started
            self.statements += 1


def measure_one(url: str, as_of: date) -> dict:
    from nq05 import create_app
    from nq05.extensions import db
    from nq05.progress.store import recompute

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        clock = WriteClock(db.engine)
        started = time.perf_counter()
        result = recompute(as_of=as_of)
        total = time.perf_counter() - started
        db.session.remove()
        db.engine.dispose()
    return {
        "total": total,
        "write": clock.seconds,
        "write_statements": clock.statements,
        "findings": result.findings,
        "gap_rows": result.gap_rows,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", action="append", default=[], metavar="K=URL", required=True)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2016, 5, 15))
    parser.add_argument("--one", action="store_true", help="measure the first --url in this process")
    opts = parser.parse_args()
    if opts.one:
        print(json.dumps(measure_one(opts.url[0].split("=", 1)[1], opts.as_of)))
        return
    print(f"full recompute as of {opts.as_of}")
    for item in opts.url:
        k, url = item.split("=", 1)
        done = subprocess.run(
            [sys.executable, __file__, "--one", "--as-of", opts.as_of.isoformat(), "--url", item],
            capture_output=True,
            text=True,
            check=True,
        )
        m = json.loads(done.stdout.strip().splitlines()[-1])
        backend = "postgresql" if url.startswith("postgres") else "sqlite"
        print(
            f"{backend:<10} K={k:<4} total {m['total']:7.1f} s  writing {m['write']:6.1f} s in "
            f"{m['write_statements']:>6} statements  rows {m['findings'] + m['gap_rows']:>8,}  "
            f"peak {m['peak_mb']:6.0f} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
