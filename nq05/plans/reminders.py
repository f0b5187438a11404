"""The plans' reminders (``today`` is the province's date):

- plan_due_14 / plan_due_3: a unit with staff today and no plan in force (submitted or approved)
  for year Y, whose due date D (settings.plan_due_date(Y)) is 4-14 / 0-3 days away; to the unit's
  unit heads; event date D. A scan that starts late still sends the reminder of the window it is in.
- plan_overdue: the same units once D has passed (until the end of Y), once a week; event date =
  the first day of the overdue week (D+1, D+8, ...).
- plan_returned / plan_approved: a plan version decided in the last DECISION_WINDOW days; to the
  unit heads, with the reviewer's comment; event date = the decision date.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, or_, select

from nq05.auth.queries import unit_heads
from nq05.extensions import db
from nq05.notify.emails import register_emails, register_kind_names
from nq05.notify.scan import DECISION_WINDOW, reminder_row, reminder_rule
from nq05.plans.models import Plan
from nq05.reference.settings import load_settings
from nq05.staff.models import Assignment, Unit

register_kind_names(
    {
        "plan_due_14": _l("Nhắc hạn trình kế hoạch (còn 14 ngày)"),
        "plan_due_3": _l("Nhắc hạn trình kế hoạch (còn 3 ngày)"),
        "plan_overdue": _l("Kế hoạch quá hạn trình"),
        "plan_returned": _l("Kế hoạch bị trả lại"),
        "plan_approved": _l("Kế hoạch được phê duyệt"),
    }
)
register_emails(
    {
        "plan_due_14": ("plans/emails/plan_due", lambda c: "/plans/"),
        "plan_due_3": ("plans/emails/plan_due", lambda c: "/plans/"),
        "plan_overdue": ("plans/emails/plan_overdue", lambda c: "/plans/"),
        "plan_returned": ("plans/emails/plan_returned", lambda c: f"/plans/{c['plan_id']}"),
        "plan_approved": ("plans/emails/plan_approved", lambda c: f"/plans/{c['plan_id']}"),
    }
)


def units_without_plan(year: int, today: date):
    """(id, code, name) of units with staff today and no plan in force for ``year``."""
    staffed = exists().where(
        Assignment.unit_id == Unit.id,
        Assignment.start_date <= today,
        or_(Assignment.end_date.is_(None), Assignment.end_date >= today),
    )
    in_force = exists().where(
        Plan.unit_id == Unit.id, Plan.year == year, Plan.status.in_(("submitted", "approved"))
    )
    return db.session.execute(select(Unit.id, Unit.code, Unit.name).where(staffed, ~in_force)).all()


@reminder_rule
def plan_due(today: date) -> list[dict]:
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
                    reminder_row(
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


@reminder_rule
def plan_decisions(today: date) -> list[dict]:
    return decision_rows(Plan.decided_on >= today - DECISION_WINDOW, Plan.decided_on <= today)


def decision_rows(*conditions) -> list[dict]:
    """A row per unit head of each returned or approved plan meeting ``conditions``: the scan's
    rule and the notices sent at once (plans/notices.py) make the same rows, so neither repeats
    the other."""
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
        .where(Plan.status.in_(("returned", "approved")), Plan.decided_on.is_not(None), *conditions)
    ).all()
    heads = unit_heads([p.unit_id for p in plans])
    return [
        reminder_row(
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
