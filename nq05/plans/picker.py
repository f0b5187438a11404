"""The people picker of a plan line: the unit's staff, each with whether they are eligible and why not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nq05.classes.eligibility import eligibility_for
from nq05.plans import queries
from nq05.plans.models import Plan, PlanLine


@dataclass(frozen=True)
class Candidate:
    person: object
    #: reason codes in realism.md order; empty when eligible
    reasons: list[str]
    named: bool

    @property
    def eligible(self) -> bool:
        return not self.reasons


def candidates(plan: Plan, line: PlanLine, today: date, actor=None) -> list[Candidate]:
    """The people ``actor`` may name (and whoever is named already): those named first, then the
    eligible, then the others, each group by name.

    Eligibility is the engine's, at 1 January of the plan year (realism.md, "Terms").
    """
    staff = queries.unit_staff(plan.unit_id, plan.year, today, actor)
    named = {n.person_id: n.person for n in line.nominees}
    people = {p.id: p for p in staff} | named
    reasons = eligibility_for(
        line.programme_id,
        date(plan.year, 1, 1),
        unit_id=plan.unit_id,
        category=line.category,
        person_ids=list(people),
        plan_year=plan.year,
    )
    found = [Candidate(p, reasons.get(pid, []), pid in named) for pid, p in people.items()]
    return sorted(found, key=lambda c: (not c.named, not c.eligible, c.person.sort_key, c.person.code))
