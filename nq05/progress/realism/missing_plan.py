"""MISSING_PLAN (error): D is after the due date of Y's plan, U has staff at R, and U has no plan
in force for Y. One finding per unit; figures ``due``."""

from __future__ import annotations

from sqlalchemy import exists, select

from nq05.classes.eligibility import covers
from nq05.extensions import db
from nq05.progress.realism.findings import Finding
from nq05.progress.realism.terms import Terms
from nq05.staff.models import Assignment, Unit


def findings(terms: Terms) -> list[Finding]:
    due = terms.settings.plan_due_date(terms.year)
    if not terms.as_of > due:
        return []
    pif = terms.in_force
    has_staff = exists().where(Assignment.unit_id == Unit.id, covers(Assignment, terms.at_r))
    has_plan = exists().where(pif.c.unit_id == Unit.id, pif.c.year == terms.year)
    rows = db.session.execute(select(Unit.id, Unit.code).where(terms.of_unit(Unit.id), has_staff, ~has_plan))
    return [
        Finding(
            "MISSING_PLAN",
            row.code,
            terms.year,
            figures={"due": due},
            unit_id=row.id,
            details={"days_late": (terms.as_of - due).days},
        )
        for row in rows
    ]
