"""Builds the demo province: plain rows per table, produced in batches as the years go by, so
the whole province never sits in memory as rows (``nq05 demo --scale 50`` stays under 1 GB).

Everything comes from one ``random.Random(seed)``, consumed in a fixed order, so the same seed
and scale always give the same rows.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice

from nq05.demo.plans import (
    Quota,
    UnitHabit,
    UnitYearPlanner,
    plan_in_force,
    qualify_elsewhere,
    total_planned,
    unit_habits,
)
from nq05.demo.positions import position_rows
from nq05.demo.programmes import PROGRAMMES, centre_places, centre_rows
from nq05.demo.staff import DemoPerson, generate_staff
from nq05.demo.targets import indicator_rows, period_rows, quotas, settings_rows, target_rows
from nq05.demo.timeline import PLAN_YEARS
from nq05.demo.training import YearEnrolment, classes_for_year
from nq05.demo.units import generate_units
from nq05.demo.users import DemoLogin, demo_logins
from nq05.demo.world import World

RETIREMENT_AGES = (60, 55)
#: rows per batch: one multi-row INSERT each
BATCH_ROWS = 5_000

#: the demo's tables (the order of ``DemoData.fingerprint``; batches come parents first)
TABLES = (
    "settings",
    "units",
    "positions",
    "people",
    "assignments",
    "programmes",
    "centres",
    "classes",
    "enrolments",
    "qualifications",
    "plans",
    "plan_lines",
    "plan_nominees",
    "periods",
    "targets",
    "indicators",
)


@dataclass
class DemoData:
    tables: dict[str, list[dict]]
    logins: list[DemoLogin]

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items()}

    def fingerprint(self) -> str:
        """A digest of every row: equal for equal data."""
        digest = hashlib.sha256()
        for name in TABLES:
            for row in self.tables[name]:
                digest.update(repr(sorted(row.items())).encode())
        return digest.hexdigest()


class DemoProvince:
    """The demo province for ``seed`` at ``scale`` (1 = Lai Châu's size, about 5,000 staff).

    ``batches()`` yields (table, rows) once, each table's rows in id order and every row after the
    rows it refers to: the staff first, then each plan year's plans, classes and enrolments, then
    the qualifications (ids: recorded by hand first, then earned in classes) and the targets.
    """

    def __init__(self, seed: int, scale: float = 1.0):
        self.seed, self.scale = seed, scale
        self.units = generate_units(scale)
        self.logins = demo_logins(self.units)

    def batches(self) -> Iterator[tuple[str, list[dict]]]:
        rng = random.Random(self.seed)
        units = self.units
        people = generate_staff(rng, units, RETIREMENT_AGES)
        world = World(units, people, RETIREMENT_AGES)
        positions = position_rows()
        position_ids = {row["code"]: row["id"] for row in positions}
        programme_ids = {p.code: i for i, p in enumerate(PROGRAMMES, start=1)}
        districts = [u for u in units if u.level == "district"]
        centres = centre_rows(districts)
        place_of = centre_places(districts)
        places = {row["id"]: place_of[row["code"]] for row in centres}
        habits = unit_habits(rng, units)
        unit_quotas = quotas(rng, units)

        yield from _batched("settings", settings_rows())
        yield from _batched("units", [u.row() for u in units])
        yield from _batched("positions", positions)
        yield from _batched("people", (p.row(position_ids) for p in people))
        yield from _batched("assignments", _assignment_rows(people, position_ids))
        yield from _batched("programmes", [p.row(programme_ids[p.code]) for p in PROGRAMMES])
        yield from _batched("centres", centres)

        history = _Years(rng, world, habits, unit_quotas, {row["code"]: row["id"] for row in centres})
        plan_ids = _PlanIds()
        for plans, classes, enrolments in history.run():
            for name, rows in _plan_rows(plans, programme_ids, plan_ids).items():
                yield from _batched(name, rows)
            yield from _batched("classes", (_class_row(c, programme_ids, places) for c in classes))
            yield from _batched("enrolments", enrolments)
            del plans, classes, enrolments  # written: not kept while the next year is made

        yield from _batched("qualifications", _qualification_rows(people, history.conferred))
        yield from _batched("periods", period_rows())
        yield from _batched("targets", target_rows(self.scale, unit_quotas))
        yield from _batched("indicators", indicator_rows(programme_ids))


def generate(seed: int, scale: float = 1.0) -> DemoData:
    """The whole demo province in memory (tests; ``nq05 demo`` writes the batches as they come)."""
    province = DemoProvince(seed, scale)
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    for name, rows in province.batches():
        tables[name].extend(rows)
    return DemoData(tables, province.logins)


def _batched(name: str, rows: Iterable[dict]) -> Iterator[tuple[str, list[dict]]]:
    rows = iter(rows)
    while batch := list(islice(rows, BATCH_ROWS)):
        yield name, batch


class _Years:
    """Year by year: the units write their plans, the centres open classes for the plans in
    force, units send people, and what they complete counts for next year's plans."""

    def __init__(
        self,
        rng,
        world: World,
        habits: dict[int, UnitHabit],
        unit_quotas: list[Quota],
        centre_ids: dict[str, int],
    ):
        self.rng, self.world, self.habits, self.centre_ids = rng, world, habits, centre_ids
        self.quotas_of: dict[int, list[Quota]] = {}
        for quota in unit_quotas:
            self.quotas_of.setdefault(quota.unit_id, []).append(quota)
        self.district_centres = [f"TTCT-{u.code}" for u in world.units if u.level == "district"]
        #: the qualifications earned in classes, all years (their ids follow those recorded by hand)
        self.conferred: list[dict] = []
        self._classes = 0
        self._enrolments = 0
        self._previous_total: dict[int, int] = {}

    def run(self) -> Iterator[tuple[list[dict], list[dict], list[dict]]]:
        """Per plan year: its plan versions, classes and enrolments."""
        for year in PLAN_YEARS:
            yield self._year(year)

    def _year(self, year: int) -> tuple[list[dict], list[dict], list[dict]]:
        plans, in_force = self._plans(year)
        skipped = qualify_elsewhere(self.rng, self.world, in_force, year)
        # the facts cached at 1 January serve the plans; training asks about class starts
        self.world.forget()
        classes, enrolments = self._train(year, in_force, skipped)
        self.world.forget()
        return plans, classes, enrolments

    def _plans(self, year: int) -> tuple[list[dict], dict[int, dict]]:
        """Every unit's plan versions for the year, and the plans in force by unit."""
        plans, in_force = [], {}
        for unit in self.world.units:
            planner = UnitYearPlanner(
                self.rng, self.world, unit, year, self.habits[unit.id], self.quotas_of.get(unit.id, [])
            )
            versions = planner.versions(self._previous_total.get(unit.id, 0))
            plans.extend(versions)
            force = plan_in_force(versions)
            if force is not None:
                in_force[unit.id] = force
            self._previous_total[unit.id] = total_planned(force)
        return plans, in_force

    def _train(self, year: int, in_force: dict[int, dict], skipped: set) -> tuple[list[dict], list[dict]]:
        demand = Counter()
        for plan in in_force.values():
            for line in plan["lines"]:
                demand[line["programme"]] += line["planned_count"]
        classes = classes_for_year(
            self.rng, year, demand, self.centre_ids, self.district_centres, self._classes + 1
        )
        self._classes += len(classes)
        sending = YearEnrolment(self.rng, self.world, year, classes)
        for unit_id, plan in in_force.items():
            unit = self.world.unit_by_id[unit_id]
            district = self.world.unit_by_id.get(unit.district_id)
            district_centre = self.centre_ids.get(f"TTCT-{district.code}") if district else None
            for line in plan["lines"]:
                sending.send(unit, line, self.habits[unit_id].execution, skipped, district_centre)
        rows, quals = sending.settle(self._enrolments + 1)
        self._enrolments += len(rows)
        self.conferred.extend(quals)
        return classes, rows


def _assignment_rows(people: list[DemoPerson], position_ids: dict[str, int]) -> Iterator[dict]:
    assignments = (a for person in people for a in person.assignments)
    for number, a in enumerate(assignments, start=1):
        yield {
            "id": number,
            "person_id": a.person_id,
            "unit_id": a.unit_id,
            "category": a.category,
            "position_id": position_ids[a.position],
            "start_date": a.start_date,
            "end_date": a.end_date,
        }


def _qualification_rows(people: list[DemoPerson], conferred: list[dict]) -> Iterator[dict]:
    manual = (
        {"person_id": p.id, "track": t, "level": lv, "awarded_on": day, "source_enrolment_id": None}
        for p in people
        for t, lv, day in p.manual
    )
    for number, row in enumerate(chain(manual, conferred), start=1):
        yield {"id": number, **row}


def _class_row(klass: dict, programme_ids: dict[str, int], places: dict[int, str]) -> dict:
    row = {k: v for k, v in klass.items() if k != "programme"}
    row["programme_id"] = programme_ids[klass["programme"]]
    row["place"] = places[klass["centre_id"]]
    return row


@dataclass
class _PlanIds:
    """The last ids given to plans, lines and nominees (ids run on across the years)."""

    plans: int = 0
    lines: int = 0
    nominees: int = 0


def _plan_rows(plans: list[dict], programme_ids: dict[str, int], ids: _PlanIds) -> dict[str, list[dict]]:
    plan_rows, line_rows, nominee_rows = [], [], []
    for plan in plans:
        plan_id = ids.plans + len(plan_rows) + 1
        plan_rows.append(
            {"id": plan_id, "lock_version": 1, **{k: v for k, v in plan.items() if k != "lines"}}
        )
        for position, line in enumerate(plan["lines"]):
            line_id = ids.lines + len(line_rows) + 1
            line_rows.append(
                {
                    "id": line_id,
                    "plan_id": plan_id,
                    "programme_id": programme_ids[line["programme"]],
                    "category": line["category"],
                    "planned_count": line["planned_count"],
                    "position": position,
                }
            )
            for order, person_id in enumerate(line["nominees"]):
                nominee_rows.append(
                    {
                        "id": ids.nominees + len(nominee_rows) + 1,
                        "line_id": line_id,
                        "person_id": person_id,
                        "position": order,
                    }
                )
    ids.plans += len(plan_rows)
    ids.lines += len(line_rows)
    ids.nominees += len(nominee_rows)
    return {"plans": plan_rows, "plan_lines": line_rows, "plan_nominees": nominee_rows}
