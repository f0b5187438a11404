"""The reminders about classes and rosters (``today`` is the province's date):

- nominations_waiting: a class (not ended) with enrolments ``nominated`` for more than 7 days;
  to the centre's staff; weekly (event date = Monday of the week).
- class_starting: a class starting within 7 days; to each accepted person with an email, and to
  the unit heads of their units (one email per class listing their people); event date = start.
- waitlist_promoted: an enrolment ``accepted`` whose ``waitlisted_at`` is set (it waited, then got
  a seat), decided in the last DECISION_WINDOW days, class not started; to the person and their
  unit heads; event date = the decision date.
- results_overdue: a class that ended 14+ days ago (within the last year) with enrolments still
  ``accepted`` (no result); to the centre's staff; weekly.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select

from nq05.auth.queries import centre_staff, unit_heads
from nq05.classes.models import Enrolment, TrainingClass
from nq05.clock import week_start
from nq05.extensions import db
from nq05.notify.emails import register_emails, register_kind_names
from nq05.notify.scan import DECISION_WINDOW, reminder_row, reminder_rule
from nq05.reference.models import Centre, Programme
from nq05.staff.models import Person
from nq05.staff.queries import person_units

NOMINATION_WAIT = timedelta(days=7)
CLASS_NOTICE = timedelta(days=7)
RESULTS_GRACE = timedelta(days=14)
RESULTS_HORIZON = timedelta(days=365)


def _class_page(context: dict) -> str:
    return f"/classes/{context['class_id']}"


register_kind_names(
    {
        "nominations_waiting": _l("Danh sách cử đi học chờ quyết định"),
        "class_starting": _l("Lớp sắp khai giảng"),
        "waitlist_promoted": _l("Chuyển từ danh sách chờ vào lớp"),
        "results_overdue": _l("Lớp chưa có kết quả học tập"),
    }
)
register_emails(
    {
        "nominations_waiting": ("classes/emails/nominations_waiting", _class_page),
        "class_starting": ("classes/emails/class_starting", _class_page),
        "waitlist_promoted": ("classes/emails/waitlist_promoted", _class_page),
        "results_overdue": ("classes/emails/results_overdue", _class_page),
    }
)


def _class_columns():
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
    return (
        stmt.select_from(Enrolment)
        .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
        .join(Programme, Programme.id == TrainingClass.programme_id)
        .join(Centre, Centre.id == TrainingClass.centre_id)
    )


@reminder_rule
def nominations_waiting(today: date) -> list[dict]:
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
        reminder_row(
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


@reminder_rule
def results_overdue(today: date) -> list[dict]:
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
        reminder_row("results_overdue", c.class_id, email, week, count=c.count, **_class_context(c))
        for c in classes
        for email in staff.get(c.centre_id, ())
    ]


@reminder_rule
def class_starting(today: date) -> list[dict]:
    cols = _class_columns()
    rows = db.session.execute(
        _joined(select(*cols, Person.id.label("person_id"), Person.full_name, Person.email))
        .join(Person, Person.id == Enrolment.person_id)
        .where(Enrolment.status == "accepted", cols[3] > today, cols[3] <= today + CLASS_NOTICE)
        .order_by(Person.sort_key, Person.code)
    ).all()
    out = []
    units = person_units([r.person_id for r in rows])
    heads = unit_heads([u for u, _ in units.values()])
    by_head: dict[tuple, list] = defaultdict(list)
    for r in rows:
        out.append(
            reminder_row(
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
            reminder_row(
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


@reminder_rule
def waitlist_promoted(today: date) -> list[dict]:
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
        out.append(reminder_row("waitlist_promoted", r.enrolment_id, r.email, r.decided_on, **ctx))
        unit = units.get(r.person_id)
        if unit:
            for email in heads.get(unit[0], ()):
                out.append(
                    reminder_row(
                        "waitlist_promoted", r.enrolment_id, email, r.decided_on, unit_name=unit[1], **ctx
                    )
                )
    return out
