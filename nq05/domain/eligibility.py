"""Is one person eligible for a programme at a date? (realism.md, "Terms")

The reasons are returned in the order of the spec. The set-based version that answers this for a
whole unit at once lives in nq05.progress; tests hold the two in agreement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from nq05.domain.levels import TRACKS, rank
from nq05.domain.people import add_months, age_at, retirement_date, years_of_service

REASONS = (
    "not_in_scope",
    "already_qualified",
    "prerequisite",
    "over_age",
    "insufficient_service",
    "retiring",
    "already_enrolled",
)


@dataclass(frozen=True)
class ProgrammeRequirements:
    """What a programme confers and asks of the people who attend it."""

    track: str | None = None
    level: str | None = None
    duration_months: int = 0
    prerequisites: dict[str, str] = field(default_factory=dict)
    max_age: int | None = None
    min_service_years: int | None = None


@dataclass(frozen=True)
class PersonAtDate:
    """What the rules need to know of one person at the date eligibility is checked."""

    birth_date: date
    gender: str
    #: the person's level on each track at that date
    levels: dict[str, str]
    #: start of the person's earliest assignment
    first_assignment_start: date | None
    #: has an assignment in the unit (and category) covering the date
    in_scope: bool = True
    #: has another open enrolment in a class of the programme ending after the date
    enrolled_elsewhere: bool = False


def eligibility_reasons(
    person: PersonAtDate,
    programme: ProgrammeRequirements,
    at: date,
    retirement_age_male: int,
    retirement_age_female: int,
) -> list[str]:
    """The reasons ``person`` is not eligible for ``programme`` at ``at``; empty when eligible."""
    reasons: list[str] = []
    if not person.in_scope:
        reasons.append("not_in_scope")
    if programme.track and programme.level:
        held = person.levels.get(programme.track)
        if held is not None and rank(programme.track, held) >= rank(programme.track, programme.level):
            reasons.append("already_qualified")
    for track in TRACKS:
        minimum = programme.prerequisites.get(track)
        if minimum and rank(track, person.levels[track]) < rank(track, minimum):
            reasons.append("prerequisite")
            break
    if programme.max_age is not None and age_at(person.birth_date, at) > programme.max_age:
        reasons.append("over_age")
    if (
        programme.min_service_years is not None
        and years_of_service(person.first_assignment_start, at) < programme.min_service_years
    ):
        reasons.append("insufficient_service")
    retires = retirement_date(person.birth_date, person.gender, retirement_age_male, retirement_age_female)
    if retires < add_months(at, programme.duration_months):
        reasons.append("retiring")
    if person.enrolled_elsewhere:
        reasons.append("already_enrolled")
    return reasons
