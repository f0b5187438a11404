"""A recompute function whose calls a test can see (used until nq05.progress.store exists).

Each call appends one line to the file NQ05_TEST_RECOMPUTE_LOG: the unit codes, or ``*``.
"""

from __future__ import annotations

import os
import time


def recompute(unit_codes=None) -> None:
    path = os.environ.get("NQ05_TEST_RECOMPUTE_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(("*" if unit_codes is None else ",".join(sorted(unit_codes))) + "\n")


def calls(path) -> list[str]:
    try:
        with open(path, encoding="utf-8") as f:
            return [line.strip() for line in f if line.strip()]
    except FileNotFoundError:
        return []


def recompute_while_someone_edits(unit_codes=None) -> None:
    """Record the call, and meanwhile change a person of the first unit (as a concurrent edit would)."""
    from sqlalchemy import select

    from nq05.extensions import db
    from nq05.staff.models import Assignment, Person, Unit

    recompute(unit_codes)
    person = db.session.scalars(
        select(Person).join(Assignment).join(Unit).where(Unit.code == sorted(unit_codes)[0]).limit(1)
    ).first()
    person.full_name += " (sửa)"
    db.session.commit()


def slow_recompute(unit_codes=None) -> None:
    """Record the call, then take NQ05_TEST_RECOMPUTE_SECONDS seconds (a task to kill Redis under)."""
    recompute(unit_codes)
    time.sleep(float(os.environ.get("NQ05_TEST_RECOMPUTE_SECONDS", "4")))
