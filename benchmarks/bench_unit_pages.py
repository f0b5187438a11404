"""Benchmark of a unit's pages' database work before and after they read only the unit's rows,
on a demo database you built (not a test): best of five, in one process.

    .venv/bin/python benchmarks/bench_unit_pages.py --url postgresql+psycopg://postgres@127.0.0.1/nq05_k10 \\
        --unit H38 --year 2016 --as-of 2016-05-15

- freshness: the province-wide ``data_fingerprint()`` (13 tables counted) against the revisions
  of the unit's branch (``store.freshness(codes)``);
- findings: every stored finding of the year loaded and filtered in Python against one page of the
  branch's stored findings and their counts, in SQL;
- staff: the staff count by latest assignment with the window over the province's assignments
  against the window over the branch's people.
Run ``nq05 recompute`` (or benchmarks/bench_recompute.py) first: the stored findings must exist.
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from sqlalchemy import func, select

from nq05 import create_app
from nq05.extensions import db
from nq05.progress import store
from nq05.staff.models import Unit
from nq05.staff.queries import latest_assignments, level_ranks


def best(fn, n: int = 5) -> float:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", required=True)
    parser.add_argument("--unit", required=True)
    parser.add_argument("--year", type=int, default=2016)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2016, 5, 15))
    opts = parser.parse_args()
    app = create_app({"SQLALCHEMY_DATABASE_URI": opts.url})
    with app.app_context():
        unit = db.session.scalar(select(Unit).where(Unit.code == opts.unit))
        branch = select(Unit.id).where(Unit.id == unit.id).cte("branch", recursive=True)
        branch = branch.union(select(Unit.id).join(branch, Unit.parent_id == branch.c.id))
        ids = set(db.session.scalars(select(branch.c.id)))
        codes = list(db.session.scalars(select(Unit.code).where(Unit.id.in_(ids))))

        def staff(scope):
            latest = latest_assignments(scope)
            level_ranks(opts.as_of, scope)
            db.session.execute(
                select(latest.c.unit_id, func.count())
                .where(latest.c.unit_id.in_(sorted(ids)))
                .group_by(latest.c.unit_id)
            ).all()

        def findings_page():
            db.session.execute(store.stored_findings_query(opts.year, ids).limit(100)).all()
            store.stored_finding_counts(opts.year, ids)

        rows = [
            ("freshness", best(store.data_fingerprint), best(lambda: store.freshness(codes))),
            (
                "findings",
                best(lambda: [f for f in store.stored_findings(opts.year) if f.unit_id in ids]),
                best(findings_page),
            ),
            ("staff", best(lambda: staff(None)), best(lambda: staff(ids))),
        ]
    print(f"unit {opts.unit}: {len(ids)} units in its branch")
    for name, before, after in rows:
        print(f"{name:<10} province-wide {before * 1000:8.1f} ms   the unit's rows {after * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
