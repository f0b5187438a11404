"""The notices about nominations and classes, sent at once (nq05.notify.notices), not at a scan:

- nominee_accepted / nominee_waitlisted / nominee_rejected: a nomination decided by the centre;
  to the heads of the nominating unit (the unit of the unit head who nominated, else the
  person's unit); event date = the decision date. A refusal gives the reason and, while the
  nomination is still open, the date by which another person may be nominated.
- waitlist_promoted: a person moved from the waiting list to a seat; to the person and their unit
  heads (the same rows as the scan rule of classes/reminders.py, which then adds nothing).
- class_announced: a class published (thông báo chiêu sinh); to the heads of every unit with staff
  eligible at its start (nq05.classes.eligibility, set-based) who are not enrolled yet, with how
  many and the nomination deadline; event date = the day it was announced.

``operations.py`` calls ``enrolment_decided`` and ``class_announced`` (one line each); the rows
are made just before the commit, for all the transaction's decisions at once.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, distinct, func, select
from sqlalchemy.orm import aliased

from nq05 import clock
from nq05.auth.queries import head_units, unit_heads
from nq05.classes.eligibility import covers, eligible, reason_conditions
from nq05.classes.models import Enrolment, TrainingClass
from nq05.classes.reminders import _class_columns, _class_context, _class_page, _joined
from nq05.extensions import db
from nq05.notify.emails import register_emails, register_kind_names
from nq05.notify.notices import defer
from nq05.notify.scan import reminder_row
from nq05.reference.models import Centre, Programme
from nq05.reference.settings import load_settings
from nq05.sql.dates import SqlDate, without_jit
from nq05.staff.models import Assignment, Person, Unit
from nq05.staff.queries import person_units

register_kind_names(
    {
        "nominee_accepted": _l("Người được cử đi học được tiếp nhận"),
        "nominee_waitlisted": _l("Người được cử đi học vào danh sách chờ"),
        "nominee_rejected": _l("Người được cử đi học không được tiếp nhận"),
        "class_announced": _l("Thông báo chiêu sinh"),
    }
)
register_emails(
    {
        "nominee_accepted": ("classes/emails/nominee_decided", _class_page),
        "nominee_waitlisted": ("classes/emails/nominee_decided", _class_page),
        "nominee_rejected": ("classes/emails/nominee_decided", _class_page),
        "class_announced": ("classes/emails/class_announced", _class_page),
    }
)

#: the status an enrolment moved to -> (the notice's kind, the status it must still have)
DECISIONS = {
    "accepted": ("nominee_accepted", "accepted"),
    "waitlisted": ("nominee_waitlisted", "waitlisted"),
    "rejected": ("nominee_rejected", "rejected"),
    "promoted": ("waitlist_promoted", "accepted"),
}


def deadline_of(training_class) -> date:
    """The last day to nominate (as classes.operations.nomination_deadline)."""
    if training_class.enrol_deadline is not None:
        return training_class.enrol_deadline
    return training_class.start_date - timedelta(days=1)


def enrolment_decided(enrolment: Enrolment, target: str) -> None:
    """An enrolment moved to ``target`` (or ``"promoted"``): notify when it commits."""
    if target in DECISIONS:
        defer(_decision_rows, (enrolment.id, target))


def class_announced(training_class: TrainingClass) -> None:
    """A class was published: notify the units that could fill it when it commits."""
    defer(_announcement_rows, training_class.id)


def _decision_rows(items: list[tuple[int, str]]) -> list[dict | None]:
    targets = dict(items)  # the last change of an enrolment in the transaction counts
    cols = _class_columns()
    rows = db.session.execute(
        _joined(
            select(
                *cols,
                TrainingClass.enrol_deadline,
                Enrolment.id.label("enrolment_id"),
                Enrolment.status,
                Enrolment.decided_on,
                Enrolment.reason,
                Person.id.label("person_id"),
                Person.full_name,
                Person.email,
                Enrolment.nominated_by_id,
            )
        )
        .join(Person, Person.id == Enrolment.person_id)
        .where(Enrolment.id.in_(targets))
    ).all()
    rows = [r for r in rows if r.status == DECISIONS[targets[r.enrolment_id]][1]]
    units = person_units([r.person_id for r in rows])
    nominators = head_units([r.nominated_by_id for r in rows if r.nominated_by_id])
    # the nominating unit: the nominator's, when a unit head nominated; else the person's
    unit_of = {
        r.enrolment_id: nominators.get(r.nominated_by_id) or units.get(r.person_id, (None,))[0] for r in rows
    }
    names = dict(
        db.session.execute(
            select(Unit.id, Unit.name).where(Unit.id.in_(set(unit_of.values()) - {None}))
        ).all()
    )
    heads = unit_heads([u for u in unit_of.values() if u])
    today = clock.today()
    out: list[dict | None] = []
    for r in rows:
        kind = DECISIONS[targets[r.enrolment_id]][0]
        decided = r.decided_on or today
        ctx = dict(person_name=r.full_name, decided_on=decided, **_class_context(r))
        if kind == "waitlist_promoted":  # exactly as the scan rule (classes/reminders.py) writes it
            out.append(reminder_row(kind, r.enrolment_id, r.email, decided, **ctx))
            unit = units.get(r.person_id)
            for email in heads.get(unit[0], ()) if unit else ():
                out.append(reminder_row(kind, r.enrolment_id, email, decided, unit_name=unit[1], **ctx))
            continue
        unit_id = unit_of[r.enrolment_id]
        deadline = deadline_of(r)
        for email in heads.get(unit_id, ()):
            out.append(
                reminder_row(
                    kind,
                    r.enrolment_id,
                    email,
                    decided,
                    unit_name=names.get(unit_id, ""),
                    reason=r.reason or "",
                    # another person may still be nominated until the deadline
                    nominate_by=deadline if deadline >= today else None,
                    **ctx,
                )
            )
    return out


def eligible_not_enrolled(training_class: TrainingClass):
    """(unit id, unit name, how many) of the units with staff eligible for the class at its start
    and not enrolled in it: one query over the province."""
    settings = load_settings()
    without_jit(db.session)
    at = SqlDate.known(training_class.start_date)
    p = aliased(Person)
    g = aliased(Programme)
    a = aliased(Assignment)
    e = aliased(Enrolment)
    conds = reason_conditions(p, g, at, settings)
    in_class = select(e.id).where(e.person_id == p.id, e.class_id == training_class.id).exists()
    return db.session.execute(
        select(a.unit_id, Unit.name, func.count(distinct(p.id)).label("count"))
        .select_from(p)
        .join(a, and_(a.person_id == p.id, covers(a, at)))
        .join(Unit, Unit.id == a.unit_id)
        .join(g, g.id == training_class.programme_id)
        .where(eligible(conds), ~in_class)
        .group_by(a.unit_id, Unit.name)
    ).all()


def _announcement_rows(class_ids: list[int]) -> list[dict | None]:
    today = clock.today()
    out: list[dict | None] = []
    cols = _class_columns()
    for class_id in sorted(set(class_ids)):  # a class is published once: one or two per commit
        training_class = db.session.get(TrainingClass, class_id)
        if training_class is None or not training_class.is_published:
            continue
        deadline = deadline_of(training_class)
        if deadline < today:
            continue
        info = db.session.execute(
            select(*cols)
            .select_from(TrainingClass)
            .join(Programme, Programme.id == TrainingClass.programme_id)
            .join(Centre, Centre.id == TrainingClass.centre_id)
            .where(TrainingClass.id == class_id)
        ).one()
        found = eligible_not_enrolled(training_class)
        heads = unit_heads([u.unit_id for u in found])
        for unit in found:
            for email in heads.get(unit.unit_id, ()):
                out.append(
                    reminder_row(
                        "class_announced",
                        class_id,
                        email,
                        today,
                        unit_name=unit.name,
                        count=unit.count,
                        nominate_by=deadline,
                        capacity=training_class.capacity,
                        **_class_context(info),
                    )
                )
    return out


__all__ = ["class_announced", "eligible_not_enrolled", "enrolment_decided"]
