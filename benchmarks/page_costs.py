"""What one view of each page costs, in one process, in figures a loaded machine barely moves:
statements, the app's CPU time, and the database's execution time of those statements.

    .venv/bin/python benchmarks/page_costs.py --url postgresql+psycopg://postgres@127.0.0.1/nq05_k10_copy
    PYTHONPATH=/tmp/before .venv/bin/python benchmarks/page_costs.py --url ...   # another checkout's code

The pages of benchmarks/web_load.py (the unit head's home, staff list, plan page, findings page,
a person page; the admin's report page), through Flask's test client signed in as the demo's
accounts (CSRF off, nothing else changed). For each page, after one view to warm up:

- statements: the number the view sends (all of them, transactions included);
- app CPU: the process's CPU time for one view (``time.process_time``), best of ``--repeat``:
  the Python the page costs (SQLAlchemy building statements, the templates), not the waiting;
- database: the sum of PostgreSQL's "Execution Time" of the view's SELECTs, each run again under
  ``EXPLAIN ANALYZE`` (best of three), and the slowest of them.

Under load the seconds of web_load.py move by ±50 % from one run to the next; these figures move
far less, so they say whether a change made a page cheaper, and what grows with the province
(run it on K = 1 and K = 10). PostgreSQL only (EXPLAIN ANALYZE). It reads; a missing stored
report is computed by the first view of the report page (no queue), as in web_load.py.
"""

from __future__ import annotations

import argparse
import re
import sys
import time

from sqlalchemy import event, text

from nq05 import create_app
from nq05.extensions import db

UNIT_HEAD = ("thutruong.huyen@laichau.example.org", "unit-demo")
ADMIN = ("admin@laichau.example.org", "admin-demo")
PERSON_LINK = re.compile(r'href="/staff/(\d+)"')


def signed_in(app, email: str, password: str):
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": password})
    if response.status_code != 302:
        sys.exit(f"signing in as {email} failed ({response.status_code})")
    return client


def pages(app, head, admin, unit: str) -> list[tuple[str, str, object]]:
    with app.app_context():
        today = db.session.scalar(text("SELECT today FROM demo_clock WHERE id = 1"))
        plan_id = db.session.scalar(
            text(
                "SELECT p.id FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = :unit "
                "ORDER BY p.year = :year DESC, p.year DESC, p.version DESC LIMIT 1"
            ),
            {"unit": unit, "year": today.year},
        )
    person = PERSON_LINK.search(head.get("/staff/").get_data(as_text=True))
    if plan_id is None or person is None:
        sys.exit(f"unit {unit}: no plan or no person on the staff list")
    return [
        ("unit head's home", "/", head),
        ("unit head's staff list", "/staff/", head),
        ("unit head's plan page", f"/plans/{plan_id}", head),
        ("unit head's findings", f"/progress/findings?year={today.year}&as_of={today:%d/%m/%Y}", head),
        ("person page", f"/staff/{person.group(1)}", head),
        ("admin's report page", "/progress/report", admin),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", required=True, help="a demo database on PostgreSQL (a copy)")
    parser.add_argument("--unit", default="H02")
    parser.add_argument("--repeat", type=int, default=10)
    opts = parser.parse_args()
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": opts.url, "SECRET_KEY": "page-costs", "WTF_CSRF_ENABLED": False}
    )
    seen: list[tuple[str, object]] = []
    with app.app_context():
        engine = db.engine

    def before(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    head, admin = signed_in(app, *UNIT_HEAD), signed_in(app, *ADMIN)
    event.listen(engine, "before_cursor_execute", before)
    print("| page | statements | app CPU | database (slowest statement) |")
    print("|---|---|---|---|")
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for name, path, client in pages(app, head, admin, opts.unit):
            if client.get(path).status_code != 200:
                sys.exit(f"{path} did not answer 200")
            cpu = []
            for _ in range(opts.repeat):
                seen.clear()
                started = time.process_time()
                client.get(path)
                cpu.append(time.process_time() - started)
            statements = list(seen)
            total = slowest = 0.0
            for statement, parameters in statements:
                if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                runs = []
                for _ in range(3):
                    cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statement, parameters)
                    runs.append(cursor.fetchone()[0][0]["Execution Time"])
                raw.rollback()
                total += min(runs)
                slowest = max(slowest, min(runs))
            print(
                f"| {name} | {len(statements)} | {min(cpu) * 1000:.1f} ms | {total:.1f} ms ({slowest:.1f} ms) |",
                flush=True,
            )
    finally:
        raw.close()


if __name__ == "__main__":
    main()
