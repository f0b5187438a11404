"""The generated province as the generators see it while they go: who works where on a day, and
whether a person is eligible for a programme (the same rule as nq05.domain.eligibility)."""

from __future__ import annotations

from datetime import date

from nq05.demo.programmes import PROGRAMMES, DemoProgramme
from nq05.demo.staff import DemoAssignment, DemoPerson
from nq05.demo.units import DemoUnit
from nq05.domain.codes import OPEN_ENROLMENT_STATUSES
from nq05.domain.eligibility import ProgrammeRequirements
from nq05.domain.levels import TRACK_LEVELS, TRACKS, rank
from nq05.domain.people import add_months, age_at, retirement_date, years_of_service

_RANK = {track: {level: i for i, level in enumerate(levels)} for track, levels in TRACK_LEVELS.items()}
_TRACK_INDEX = {track: i for i, track in enumerate(TRACKS)}


def requirements(programme: DemoProgramme) -> ProgrammeRequirements:
    return ProgrammeRequirements(
        track=programme.track,
        level=programme.level,
        duration_months=programme.duration_months,
        prerequisites=dict(programme.pre),
        max_age=programme.max_age,
        min_service_years=programme.min_service_years,
    )


class World:
    def __init__(self, units: list[DemoUnit], people: list[DemoPerson], retirement_ages: tuple[int, int]):
        self.units = units
        self.unit_by_id = {u.id: u for u in units}
        self.people = people
        self.person_by_id = {p.id: p for p in people}
        self.retirement_ages = retirement_ages
        self.requirements = {p.code: requirements(p) for p in PROGRAMMES}
        #: programme -> ((track, rank it confers) or None, [(track, minimum rank)])
        self._ranks = {
            p.code: (
                (p.track, rank(p.track, p.level)) if p.track and p.level else None,
                [(t, rank(t, lv)) for t, lv in p.pre.items()],
            )
            for p in PROGRAMMES
        }
        self._by_unit: dict[int, list[tuple[DemoPerson, DemoAssignment]]] = {}
        for person in people:
            for assignment in person.assignments:
                self._by_unit.setdefault(assignment.unit_id, []).append((person, assignment))
        self._cache: dict[tuple[int, int, date], tuple] = {}
        #: level ranks per track -> (levels, ranks) dicts, shared: a few hundred combinations stand
        #: for hundreds of thousands of cached facts (at K = 50 the cache would otherwise hold GBs)
        self._held: dict[tuple[int, ...], tuple[dict[str, str], dict[str, int]]] = {}
        self._month_ends: dict[tuple[date, int], date] = {}

    def staff_at(self, unit_id: int, day: date) -> list[tuple[DemoPerson, str]]:
        """(person, category) of the people working in the unit on ``day``."""
        return [
            (person, a.category)
            for person, a in self._by_unit.get(unit_id, [])
            if a.start_date <= day and (a.end_date is None or day <= a.end_date)
        ]

    @staticmethod
    def assignment_at(person: DemoPerson, day: date) -> DemoAssignment | None:
        for a in person.assignments:
            if a.start_date <= day and (a.end_date is None or day <= a.end_date):
                return a
        return None

    def forget(self) -> None:
        """Drop the cached facts (between plan years: they are not asked for again)."""
        self._cache.clear()

    def levels(self, person: DemoPerson, day: date) -> dict[str, str]:
        return self._facts(person, day)[0]

    def _facts(self, person: DemoPerson, day: date) -> tuple:
        """(levels, level ranks, age, years of service) of a person on a day."""
        key = (person.id, len(person.quals), day)  # a new qualification changes the key
        facts = self._cache.get(key)
        if facts is None:
            # one pass over the qualifications instead of one per track (same as domain level_at)
            ranks = [0] * len(TRACKS)
            for track, level, awarded in person.quals:
                if awarded is None or awarded <= day:
                    held, i = _RANK[track][level], _TRACK_INDEX[track]
                    if held > ranks[i]:
                        ranks[i] = held
            facts = (
                *self._levels_and_ranks(tuple(ranks)),
                age_at(person.birth_date, day),
                years_of_service(person.assignments[0].start_date, day),
            )
            self._cache[key] = facts
        return facts

    def _levels_and_ranks(self, ranks: tuple[int, ...]) -> tuple[dict[str, str], dict[str, int]]:
        held = self._held.get(ranks)
        if held is None:
            held = self._held[ranks] = (
                {t: TRACK_LEVELS[t][r] for t, r in zip(TRACKS, ranks, strict=True)},
                dict(zip(TRACKS, ranks, strict=True)),
            )
        return held

    def _ends(self, day: date, months: int) -> date:
        key = (day, months)
        if key not in self._month_ends:
            self._month_ends[key] = add_months(day, months)
        return self._month_ends[key]

    def reasons(
        self,
        person: DemoPerson,
        programme: str,
        day: date,
        in_scope: bool = True,
        skip_year: int | None = None,
    ) -> list[str]:
        """Why ``person`` is not eligible for ``programme`` at ``day`` (realism.md, "Terms").

        The same rule as nq05.domain.eligibility.eligibility_reasons (a test holds them in
        agreement), on facts cached per person and day: the generators ask it a few hundred
        thousand times.
        """
        req = self.requirements[programme]
        confers, prerequisites = self._ranks[programme]
        _, ranks, age, service = self._facts(person, day)
        retires = retirement_date(person.birth_date, person.gender, *self.retirement_ages)
        reasons = [] if in_scope else ["not_in_scope"]
        if confers and ranks[confers[0]] >= confers[1]:
            reasons.append("already_qualified")
        if any(ranks[t] < minimum for t, minimum in prerequisites):
            reasons.append("prerequisite")
        if req.max_age is not None and age > req.max_age:
            reasons.append("over_age")
        if req.min_service_years is not None and service < req.min_service_years:
            reasons.append("insufficient_service")
        if retires < self._ends(day, req.duration_months):
            reasons.append("retiring")
        if any(
            code == programme and status in OPEN_ENROLMENT_STATUSES and end > day and year != skip_year
            for code, year, end, status in person.enrolments
        ):
            reasons.append("already_enrolled")
        return reasons
