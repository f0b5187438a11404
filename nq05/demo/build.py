"""Builds the whole demo province in memory: plain rows per table, ready to be written.

Everything comes from one ``random.Random(seed)``, consumed in a fixed order, so the same seed
and scale always give the same rows.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from dataclasses import dataclass

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

#: tables in the order they are written (parents first)
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


def generate(seed: int, scale: float = 1.0) -> DemoData:
    """The demo province for ``seed`` at ``scale`` (1 = Lai Châu's size, about 5,000 staff)."""
    rng = random.Random(seed)
    units = generate_units(scale)
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
    history = _Years(rng, world, habits, unit_quotas, {row["code"]: row["id"] for row in centres}).run()
    plans, classes, enrolments, conferred = (
        history.plans,
        history.classes,
        history.enrolments,
        history.conferred,
    )

    tables = {
        "settings": settings_rows(),
        "units": [u.row() for u in units],
        "positions": positions,
        "people": [p.row(position_ids) for p in people],
        "assignments": _assignment_rows(people, position_ids),
        "programmes": [p.row(programme_ids[p.code]) for p in PROGRAMMES],
        "centres": centres,
        "classes": [_class_row(c, programme_ids, places) for c in classes],
        "enrolments": enrolments,
        "qualifications": _qualification_rows(people, conferred),
        "periods": period_rows(),
        "targets": target_rows(scale, unit_quotas),
        "indicators": indicator_rows(programme_ids),
    }
    tables.update(_plan_rows(plans, programme_ids))
    return DemoData({name: tables[name] for name in TABLES}, demo_logins(units))


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
        self.plans: list[dict] = []
        self.classes: list[dict] = []
        self.enrolments: list[dict] = []
        self.conferred: list[dict] = []
        self._previous_total: dict[int, int] = {}

    def run(self) -> _Years:
        for year in PLAN_YEARS:
            self.world.forget()
            in_force = self._plans(year)
            skipped = qualify_elsewhere(self.rng, self.world, in_force, year)
            self._train(year, in_force, skipped)
        return self

    def _plans(self, year: int) -> dict[int, dict]:
        """Every unit's plan versions for the year; returns the plans in force by unit."""
        in_force = {}
        for unit in self.world.units:
            planner = UnitYearPlanner(
                self.rng, self.world, unit, year, self.habits[unit.id], self.quotas_of.get(unit.id, [])
            )
            versions = planner.versions(self._previous_total.get(unit.id, 0))
            self.plans.extend(versions)
            force = plan_in_force(versions)
            if force is not None:
                in_force[unit.id] = force
            self._previous_total[unit.id] = total_planned(force)
        return in_force

    def _train(self, year: int, in_force: dict[int, dict], skipped: set) -> None:
        demand = Counter()
        for plan in in_force.values():
            for line in plan["lines"]:
                demand[line["programme"]] += line["planned_count"]
        classes = classes_for_year(
            self.rng, year, demand, self.centre_ids, self.district_centres, len(self.classes) + 1
        )
        self.classes.extend(classes)
        sending = YearEnrolment(self.rng, self.world, year, classes)
        for unit_id, plan in in_force.items():
            unit = self.world.unit_by_id[unit_id]
            district = self.world.unit_by_id.get(unit.district_id)
            district_centre = self.centre_ids.get(f"TTCT-{district.code}") if district else None
            for line in plan["lines"]:
                sending.send(unit, line, self.habits[unit_id].execution, skipped, district_centre)
        rows, quals = sending.settle(len(self.enrolments) + 1)
        self.enrolments.extend(rows)
        self.conferred.extend(quals)


def _assignment_rows(people: list[DemoPerson], position_ids: dict[str, int]) -> list[dict]:
    rows = []
    for person in people:
        for a in person.assignments:
            rows.append(
                {
                    "id": len(rows) + 1,
                    "person_id": a["person_id"],
                    "unit_id": a["unit_id"],
                    "category": a["category"],
                    "position_id": position_ids[a["position"]],
                    "start_date": a["start_date"],
                    "end_date": a["end_date"],
                }
            )
    return rows


def _qualification_rows(people: list[DemoPerson], conferred: list[dict]) -> list[dict]:
    rows = [
        {"person_id": p.id, "track": t, "level": lv, "awarded_on": day, "source_enrolment_id": None}
        for p in people
        for t, lv, day in p.manual
    ]
    rows.extend(conferred)
    return [{"id": i, **row} for i, row in enumerate(rows, start=1)]


def _class_row(klass: dict, programme_ids: dict[str, int], places: dict[int, str]) -> dict:
    row = {k: v for k, v in klass.items() if k != "programme"}
    row["programme_id"] = programme_ids[klass["programme"]]
    row["place"] = places[klass["centre_id"]]
    return row


def _plan_rows(plans: list[dict], programme_ids: dict[str, int]) -> dict[str, list[dict]]:
    plan_rows, line_rows, nominee_rows = [], [], []
    for plan in plans:
        plan_id = len(plan_rows) + 1
        plan_rows.append(
            {"id": plan_id, "lock_version": 1, **{k: v for k, v in plan.items() if k != "lines"}}
        )
        for position, line in enumerate(plan["lines"]):
            line_id = len(line_rows) + 1
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
                        "id": len(nominee_rows) + 1,
                        "line_id": line_id,
                        "person_id": person_id,
                        "position": order,
                    }
                )
    return {"plans": plan_rows, "plan_lines": line_rows, "plan_nominees": nominee_rows}
