"""The reminder scan: which reminders are due, read from the state of the database.

Nothing calls the task queue to ask for a reminder: beat runs ``scan()`` every few minutes, each
rule finds its events with one or two set-based queries, and every (kind, object, recipient, event
date) becomes a ``reminders`` row at most once (INSERT ... ON CONFLICT DO NOTHING on the unique
key), however many scans run, at the same time or not.

The rules are the features': each feature's ``reminders.py`` registers its rules with
``@reminder_rule`` (plans/reminders.py: plan deadlines and decisions; classes/reminders.py:
nominations, class starts, promotions, results; progress/reminders.py: the weekly findings digest).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from flask_babel import force_locale
from sqlalchemy.dialects import postgresql, sqlite

from nq05 import clock
from nq05.clock import utcnow
from nq05.extensions import db
from nq05.i18n import LANGUAGES
from nq05.notify.models import Reminder

log = logging.getLogger(__name__)

#: decisions (plan approved/returned, promotion) older than this are not announced: the first scan
#: after an import must not mail the whole history
DECISION_WINDOW = timedelta(days=14)

#: the rules the features registered: rule(today) -> reminder rows (see ``reminder_row``)
RULES: list = []


def reminder_rule(rule):
    """Register ``rule(today) -> list of reminder rows`` with the scan (once, however often called)."""
    if rule not in RULES:
        RULES.append(rule)
    return rule


def scan(today: date | None = None) -> int:
    """Create the reminders due on ``today``; the number of new rows.

    The rules run in Vietnamese: what they write into a reminder is read in a Vietnamese notice,
    whatever the language of the worker's environment.
    """
    today = today or clock.today()
    rows: list[dict] = []
    with force_locale(LANGUAGES[0]):
        for rule in RULES:
            rows.extend(row for row in rule(today) if row is not None)
    created = insert_new(rows)
    db.session.commit()
    if created:
        log.info("reminder scan %s: %s new reminder(s)", today.isoformat(), created)
    return created


def insert_new(rows: list[dict]) -> int:
    """Insert the reminders that do not exist yet (unique event key); how many were new."""
    if not rows:
        return 0
    conn = db.session.connection()
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    table = Reminder.__table__
    now = utcnow()
    unique: dict[tuple, dict] = {}
    for row in rows:
        row = {**row, "recipient": row["recipient"].strip().lower()}
        unique.setdefault((row["kind"], row["object_id"], row["recipient"], row["event_date"]), row)
    created = 0
    values = [{**row, "status": "pending", "attempts": 0, "created_at": now} for row in unique.values()]
    for start in range(0, len(values), 200):
        stmt = dialect.insert(table).values(values[start : start + 200])
        stmt = stmt.on_conflict_do_nothing(index_elements=["kind", "object_id", "recipient", "event_date"])
        created += len(conn.execute(stmt.returning(table.c.id)).all())
    return created


def reminder_row(
    kind: str, object_id: int, recipient: str | None, event_date: date, **context
) -> dict | None:
    if not recipient:
        return None
    return {
        "kind": kind,
        "object_id": object_id,
        "recipient": recipient,
        "event_date": event_date,
        "context": {k: (v.isoformat() if isinstance(v, date) else v) for k, v in context.items()},
    }
