"""The reminder scan: which reminders are due, read from the state of the database.

Nothing calls the task queue to ask for a reminder: beat runs ``scan()`` every few minutes, each
rule below finds its events with one or two set-based queries, and every (kind, object, recipient,
event date) becomes a ``reminders`` row at most once (INSERT ... ON CONFLICT DO NOTHING on the
unique key), however many scans run, at the same time or not.

Rules (``today`` is the province's date):
- plan_due_14 / plan_due_3: a unit with staff today and no plan in force (submitted or approved)
  for year Y, whose due date D (settings.plan_due_date(Y)) is 4-14 / 0-3 days away; to the unit's
  unit heads; event date D. A scan that starts late still sends the reminder of the window it is in.
- plan_overdue: the same units once D has passed (until the end of Y), once a week; event date =
  the first day of the overdue week (D+1, D+8, ...).
- plan_returned / plan_approved: a plan version decided in the last DECISION_WINDOW days; to the
  unit heads, with the reviewer's comment; event date = the decision date.
- nominations_waiting: a class (not ended) with enrolments ``nominated`` for more than 7 days;
  to the centre's staff; weekly (event date = Monday of the week).
- class_starting: a class starting within 7 days; to each accepted person with an email, and to
  the unit heads of their units (one email per class listing their people); event date = start.
- waitlist_promoted: an enrolment ``accepted`` whose ``waitlisted_at`` is set (it waited, then got
  a seat), decided in the last DECISION_WINDOW days, class not started; to the person and their
  unit heads; event date = the decision date.
- results_overdue: a class that ended 14+ days ago (within the last year) with enrolments still
  ``accepted`` (no result); to the centre's staff; weekly.
- findings_digest: each scan notes when every stored realism finding (nq05.progress) was first
  seen; on the first scan of a week the admins get the findings first seen the week before.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from nq05.extensions import db
from nq05.notify.clock import local_today, utcnow, week_start
from nq05.notify.models import Reminder

log = logging.getLogger(__name__)

#: decisions (plan approved/returned, promotion) older than this are not announced: the first scan
#: after an import must not mail the whole history
DECISION_WINDOW = timedelta(days=14)
NOMINATION_WAIT = timedelta(days=7)
CLASS_NOTICE = timedelta(days=7)
RESULTS_GRACE = timedelta(days=14)
RESULTS_HORIZON = timedelta(days=365)


def scan(today: date | None = None) -> int:
    """Create the reminders due on ``today``; the number of new rows."""
    today = today or local_today()
    rows: list[dict] = []
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


def _row(kind: str, object_id: int, recipient: str | None, event_date: date, **context) -> dict | None:
    if not recipient:
        return None
    return {
        "kind": kind,
        "object_id": object_id,
        "recipient": recipient,
        "event_date": event_date,
        "context": {k: (v.isoformat() if isinstance(v, date) else v) for k, v in context.items()},
    }


def _users(role: str, column, ids) -> dict[int, list[str]]:
    """unit or centre id -> email addresses of its active users with ``role``."""
    from nq05.auth.models import User

    if not ids:
        return {}
    found: dict[int, list[str]] = defaultdict(list)
    rows = db.session.execute(
        select(column, User.email).where(User.role == role, User.active.is_(True), column.in_(set(ids)))
    )
    for owner, email in rows:
        found[owner].append(email)
    return found


def unit_heads(unit_ids) -> dict[int, list[str]]:
    from nq05.auth.models import User

    return _users("unit_head", User.unit_id, unit_ids)


def centre_staff(centre_ids) -> dict[int, list[str]]:
    from nq05.auth.models import User

    return _users("centre_staff", User.centre_id, centre_ids)


# --- plans -------------------------------------------------------------------------------------


def units_without_plan(year: int, today: date):
    """(id, code, name) of units with staff today and no plan in force for ``year``."""
    from nq05.plans.models import Plan
    from nq05.staff.models import Assignment, Unit

    staffed = exists().where(
        Assignment.unit_id == Unit.id,
        Assignment.start_date <= today,
        or_(Assignment.end_date.is_(None), Assignment.end_date >= today),
    )
    in_force = exists().where(
        Plan.unit_id == Unit.id, Plan.year == year, Plan.status.in_(("submitted", "approved"))
    )
    return db.session.execute(select(Unit.id, Unit.code, Unit.name).where(staffed, ~in_force)).all()


def plan_due(today: date) -> list[dict]:
    from nq05.reference.settings import load_settings

    settings = load_settings()
    rows = []
    for year in (today.year, today.year + 1, today.year + 2):
        due = settings.plan_due_date(year)
        days = (due - today).days
        if 0 <= days <= 14:
            kind, event = ("plan_due_3" if days <= 3 else "plan_due_14"), due
        elif days < 0 and today.year <= year:
            late = -days
            kind, event = "plan_overdue", due + timedelta(days=1 + 7 * ((late - 1) // 7))
        else:
            continue
        units = units_without_plan(year, today)
        heads = unit_heads([u.id for u in units])
        for unit in units:
            for email in heads.get(unit.id, ()):
                rows.append(
                    _row(
                        kind,
                        unit.id,
                        email,
                        event,
                        unit_code=unit.code,
                        unit_name=unit.name,
                        year=year,
                        due_date=due,
                        days_left=max(days, 0),
                        days_late=max(-days, 0),
                    )
                )
    return rows


def plan_decisions(today: date) -> list[dict]:
    from nq05.plans.models import Plan
    from nq05.staff.models import Unit

    plans = db.session.execute(
        select(
            Plan.id,
            Plan.unit_id,
            Plan.year,
            Plan.version,
            Plan.status,
            Plan.decided_on,
            Plan.review_comment,
            Unit.name,
        )
        .join(Unit, Unit.id == Plan.unit_id)
        .where(
            Plan.status.in_(("returned", "approved")),
            Plan.decided_on >= today - DECISION_WINDOW,
            Plan.decided_on <= today,
        )
    ).all()
    heads = unit_heads([p.unit_id for p in plans])
    return [
        _row(
            f"plan_{p.status}",
            p.id,
            email,
            p.decided_on,
            plan_id=p.id,
            unit_name=p.name,
            year=p.year,
            version=p.version,
            decided_on=p.decided_on,
            comment=p.review_comment or "",
        )
        for p in plans
        for email in heads.get(p.unit_id, ())
    ]


# --- classes -----------------------------------------------------------------------------------


def _class_columns():
    from nq05.classes.models import TrainingClass
    from nq05.reference.models import Centre, Programme

    return (
        TrainingClass.id.label("class_id"),
        TrainingClass.code.label("class_code"),
        TrainingClass.centre_id,
        TrainingClass.start_date,
        TrainingClass.end_date,
        TrainingClass.place,
        Programme.name.label("programme_name"),
        Centre.name.label("centre_name"),
    )


def _class_context(c) -> dict:
    return {
        "class_id": c.class_id,
        "class_code": c.class_code,
        "programme_name": c.programme_name,
        "centre_name": c.centre_name,
        "start_date": c.start_date,
        "end_date": c.end_date,
        "place": c.place or "",
    }


def _joined(stmt):
    from nq05.classes.models import Enrolment, TrainingClass
    from nq05.reference.models import Centre, Programme

    return (
        stmt.select_from(Enrolment)
        .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
        .join(Programme, Programme.id == TrainingClass.programme_id)
        .join(Centre, Centre.id == TrainingClass.centre_id)
    )


def nominations_waiting(today: date) -> list[dict]:
    from nq05.classes.models import Enrolment

    cutoff = today - NOMINATION_WAIT
    waited = or_(
        Enrolment.nominated_on <= cutoff,
        and_(Enrolment.nominated_on.is_(None), Enrolment.created_at < datetime.combine(cutoff, time())),
    )
    cols = _class_columns()
    classes = db.session.execute(
        _joined(
            select(
                *cols,
                func.count(Enrolment.id).label("count"),
                func.min(Enrolment.nominated_on).label("oldest"),
            )
        )
        .where(Enrolment.status == "nominated", waited, cols[4] >= today)
        .group_by(*cols)
    ).all()
    staff = centre_staff([c.centre_id for c in classes])
    week = week_start(today)
    return [
        _row(
            "nominations_waiting",
            c.class_id,
            email,
            week,
            count=c.count,
            oldest=c.oldest or cutoff,
            **_class_context(c),
        )
        for c in classes
        for email in staff.get(c.centre_id, ())
    ]


def results_overdue(today: date) -> list[dict]:
    from nq05.classes.models import Enrolment

    cols = _class_columns()
    classes = db.session.execute(
        _joined(select(*cols, func.count(Enrolment.id).label("count")))
        .where(
            Enrolment.status == "accepted",
            cols[4] <= today - RESULTS_GRACE,
            cols[4] >= today - RESULTS_HORIZON,
        )
        .group_by(*cols)
    ).all()
    staff = centre_staff([c.centre_id for c in classes])
    week = week_start(today)
    return [
        _row("results_overdue", c.class_id, email, week, count=c.count, **_class_context(c))
        for c in classes
        for email in staff.get(c.centre_id, ())
    ]


def person_units(person_ids) -> dict[int, tuple[int, str]]:
    """person id -> (unit id, unit name) of their latest assignment (the one that starts last)."""
    from nq05.staff.models import Assignment, Unit

    if not person_ids:
        return {}
    latest = (
        select(Assignment.person_id, func.max(Assignment.start_date).label("start"))
        .where(Assignment.person_id.in_(set(person_ids)))
        .group_by(Assignment.person_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Assignment.person_id, Unit.id, Unit.name)
        .join(
            latest, and_(latest.c.person_id == Assignment.person_id, latest.c.start == Assignment.start_date)
        )
        .join(Unit, Unit.id == Assignment.unit_id)
    )
    return {person_id: (unit_id, name) for person_id, unit_id, name in rows}


def class_starting(today: date) -> list[dict]:
    from nq05.classes.models import Enrolment
    from nq05.staff.models import Person

    cols = _class_columns()
    rows = db.session.execute(
        _joined(select(*cols, Person.id.label("person_id"), Person.full_name, Person.email))
        .join(Person, Person.id == Enrolment.person_id)
        .where(Enrolment.status == "accepted", cols[3] > today, cols[3] <= today + CLASS_NOTICE)
        .order_by(Person.full_name)
    ).all()
    out = []
    units = person_units([r.person_id for r in rows])
    heads = unit_heads([u for u, _ in units.values()])
    by_head: dict[tuple, list] = defaultdict(list)
    for r in rows:
        out.append(
            _row(
                "class_starting",
                r.class_id,
                r.email,
                r.start_date,
                person_name=r.full_name,
                **_class_context(r),
            )
        )
        unit = units.get(r.person_id)
        if unit:
            for email in heads.get(unit[0], ()):
                by_head[(r.class_id, email, unit[1])].append(r)
    for (class_id, email, unit_name), people in by_head.items():
        first = people[0]
        out.append(
            _row(
                "class_starting",
                class_id,
                email,
                first.start_date,
                unit_name=unit_name,
                people=[p.full_name for p in people],
                **_class_context(first),
            )
        )
    return out


def waitlist_promoted(today: date) -> list[dict]:
    from nq05.classes.models import Enrolment
    from nq05.staff.models import Person

    cols = _class_columns()
    rows = db.session.execute(
        _joined(
            select(
                *cols,
                Enrolment.id.label("enrolment_id"),
                Enrolment.decided_on,
                Person.id.label("person_id"),
                Person.full_name,
                Person.email,
            )
        )
        .join(Person, Person.id == Enrolment.person_id)
        .where(
            Enrolment.status == "accepted",
            Enrolment.waitlisted_at.is_not(None),
            Enrolment.decided_on >= today - DECISION_WINDOW,
            Enrolment.decided_on <= today,
            cols[3] >= today,
        )
    ).all()
    units = person_units([r.person_id for r in rows])
    heads = unit_heads([u for u, _ in units.values()])
    out = []
    for r in rows:
        ctx = dict(person_name=r.full_name, decided_on=r.decided_on, **_class_context(r))
        out.append(_row("waitlist_promoted", r.enrolment_id, r.email, r.decided_on, **ctx))
        unit = units.get(r.person_id)
        if unit:
            for email in heads.get(unit[0], ()):
                out.append(
                    _row("waitlist_promoted", r.enrolment_id, email, r.decided_on, unit_name=unit[1], **ctx)
                )
    return out


# --- findings ----------------------------------------------------------------------------------


def _finding_key(row) -> str:
    parts = (row.year, row.code, row.unit_code, row.programme, row.category, row.person, row.class_code)
    return "|".join("" if p is None else str(p) for p in parts)[:400]


def _finding_text(row) -> str:
    try:
        from nq05.web.labels import label

        title = label("finding", row.code)
    except Exception:  # noqa: BLE001 - no web shell: the code says it
        title = row.code
    details = ", ".join(str(x) for x in (row.programme, row.person_name, row.class_code) if x)
    return f"{title} (năm {row.year}{', ' + details if details else ''})"


def note_findings(today: date) -> list:
    """Remember when each stored realism finding was first seen; the findings stored now."""
    from nq05.notify.models import SeenFinding

    try:
        from nq05.progress.models import StoredFinding
    except ImportError:
        return []
    rows = db.session.execute(
        select(
            StoredFinding.year,
            StoredFinding.code,
            StoredFinding.unit_code,
            StoredFinding.programme,
            StoredFinding.category,
            StoredFinding.person,
            StoredFinding.person_name,
            StoredFinding.class_code,
        ).order_by(StoredFinding.unit_code, StoredFinding.position)
    ).all()
    keys = sorted({_finding_key(r) for r in rows})
    conn = db.session.connection()
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    for start in range(0, len(keys), 500):
        values = [{"key": k, "first_seen": today} for k in keys[start : start + 500]]
        conn.execute(
            dialect.insert(SeenFinding.__table__)
            .values(values)
            .on_conflict_do_nothing(index_elements=["key"])
        )
    return rows


def findings_digest(today: date) -> list[dict]:
    """Once a week, to the admins: the stored findings first seen during the week before."""
    from nq05.auth.models import User
    from nq05.notify.models import SeenFinding

    rows = note_findings(today)
    if not rows:
        return []
    week = week_start(today)
    new_keys = set(
        db.session.scalars(
            select(SeenFinding.key).where(
                SeenFinding.first_seen >= week - timedelta(days=7), SeenFinding.first_seen < week
            )
        )
    )
    fresh = [r for r in rows if _finding_key(r) in new_keys]
    if not fresh:
        return []
    items = [{"unit": r.unit_code or "-", "text": _finding_text(r)} for r in fresh[:50]]
    admins = db.session.scalars(select(User.email).where(User.role == "admin", User.active.is_(True))).all()
    return [_row("findings_digest", 0, email, week, count=len(fresh), items=items) for email in admins]


RULES = (
    plan_due,
    plan_decisions,
    nominations_waiting,
    class_starting,
    waitlist_promoted,
    results_overdue,
    findings_digest,
)
