"""Classes and enrolments, year by year: the centres open roughly as many seats as the plans in
force ask for (some years too few), units send part of the people they named, the centres accept,
waitlist or reject them, and those who complete a class that confers a level get it on the day
the class ends.
"""

from __future__ import annotations

import heapq
import random
from datetime import date, datetime, time

from nq05.demo.programmes import NQ05, PROGRAMME_BY_CODE, PROGRAMMES, DemoProgramme
from nq05.demo.staff import DemoPerson
from nq05.demo.timeline import DEMO_TODAY, days
from nq05.demo.units import DemoUnit
from nq05.demo.world import World
from nq05.domain.people import add_months

REASON_TEXT = {
    "already_qualified": "đã có trình độ này",
    "prerequisite": "chưa đủ trình độ đầu vào",
    "over_age": "quá tuổi",
    "insufficient_service": "chưa đủ thời gian công tác",
    "retiring": "sắp đến tuổi nghỉ hưu",
    "already_enrolled": "đang theo học lớp khác của chương trình",
}
#: a step of a person's way through a class that took a seat or is still open
BUSY_STATUSES = ("nominated", "accepted", "waitlisted", "completed", "failed")


def class_end(programme: DemoProgramme, start: date) -> date:
    if programme.duration_months == 0:
        return start + days(1)
    return add_months(start, programme.duration_months) - days(1)


def classes_for_year(
    rng: random.Random,
    year: int,
    demand: dict[str, int],
    centre_ids: dict[str, int],
    district_centres: list[str],
    first_number: int,
) -> list[dict]:
    """The classes of ``year``: about the seats the plans ask for, short in some years."""
    classes = []
    for programme in PROGRAMMES:
        wanted = demand.get(programme.code, 0)
        if programme.code == NQ05 and year in (2011, 2012):
            wanted = max(wanted, 300)
        if wanted == 0 and (programme.code == "DOCTOR" or rng.random() < 0.6):
            continue
        factor = rng.uniform(0.5, 0.8) if rng.random() < 0.1 else rng.uniform(0.9, 1.3)
        if programme.code == NQ05 and year in (2011, 2012):
            factor = rng.uniform(1.0, 1.2)  # studying the resolution came first
        seats = max(programme.class_size[0] // 2, round(wanted * factor))
        if programme.max_seats:
            seats = min(seats, programme.max_seats)
        size = sum(programme.class_size) / 2
        count = max(1, round(seats / size))
        for i in range(count):
            centre = rng.choice(programme.centres)
            if centre == "district":
                centre = rng.choice(district_centres) if district_centres else "TCT"
            start = date(year, rng.choice(programme.months), rng.randint(1, 28))
            classes.append(
                {
                    "id": first_number + len(classes),
                    "code": f"{programme.code}-{year}-{i + 1:02d}",
                    "programme": programme.code,
                    "centre_id": centre_ids[centre],
                    "year": year,
                    "start_date": start,
                    "end_date": class_end(programme, start),
                    "capacity": seats // count + (1 if i < seats % count else 0),
                    "enrol_deadline": start - days(14) if rng.random() < 0.7 else None,
                }
            )
    return classes


class YearEnrolment:
    """Sends people to the classes of one year and settles what became of each enrolment."""

    def __init__(self, rng: random.Random, world: World, year: int, classes: list[dict]):
        self.rng, self.world, self.year = rng, world, year
        self.classes_of: dict[str, list[dict]] = {}
        for klass in classes:
            self.classes_of.setdefault(klass["programme"], []).append(klass)
        self.by_class: dict[int, list[tuple[DemoPerson, dict]]] = {c["id"]: [] for c in classes}
        self.sent: set[tuple[int, str]] = set()
        #: class id -> seats not yet promised (negative: more nominated than seats)
        self._free = {c["id"]: c["capacity"] for c in classes}
        #: (programme, district centre or None) -> heap of (-free seats, class id, class)
        self._heaps: dict[tuple[str, int | None], list[tuple[int, int, dict]]] = {}

    def _busy(self, person: DemoPerson, programme: str, start: date) -> bool:
        return (person.id, programme) in self.sent or any(
            code == programme and status in BUSY_STATUSES and end >= start
            for code, _, end, status in person.enrolments
        )

    def _heap(self, key: tuple[str, int | None], classes: list[dict]) -> list[tuple[int, int, dict]]:
        if key not in self._heaps:
            self._heaps[key] = [(-c["capacity"], c["id"], c) for c in classes]
            heapq.heapify(self._heaps[key])
        return self._heaps[key]

    def _top(self, heap: list[tuple[int, int, dict]]) -> tuple[int, int, dict]:
        """The class with the most free seats (heap entries are refreshed lazily)."""
        while -heap[0][0] != self._free[heap[0][1]]:
            _, class_id, klass = heap[0]
            heapq.heapreplace(heap, (-self._free[class_id], class_id, klass))
        return heap[0]

    def _class_for(self, programme: str, district_centre: int | None) -> dict:
        """The class with the most free seats: at the unit's district centre while it is not
        overbooked by more than a few (units nominate to their own centre first)."""
        local = [c for c in self.classes_of[programme] if c["centre_id"] == district_centre]
        if local:
            top = self._top(self._heap((programme, district_centre), local))
            if -top[0] > -3:
                return top[2]
        return self._top(self._heap((programme, None), self.classes_of[programme]))[2]

    def send(
        self,
        unit: DemoUnit,
        line: dict,
        execution: float,
        skip: set[tuple[int, str]],
        district_centre: int | None,
    ) -> None:
        """Nominate people for a line of a plan in force: part of the named, and a few others."""
        programme = line["programme"]
        if programme not in self.classes_of:
            return
        rng, world = self.rng, self.world
        if programme == NQ05:
            execution = max(execution, 0.85)  # every unit sent its people to study the resolution
        start = date(self.year, 1, 1)
        staff = {p.id: (p, c) for p, c in world.staff_at(unit.id, start)}
        sent = 0
        for person_id in line["nominees"]:
            person = staff.get(person_id, (None,))[0]
            if person is None or (person_id, programme) in skip or rng.random() > execution:
                continue
            klass = self._class_for(programme, district_centre)
            if world.assignment_at(person, klass["start_date"]) is None or self._busy(
                person, programme, klass["start_date"]
            ):
                continue
            self._nominate(person, klass)
            sent += 1
        # units also send people they did not name (the review: sent "without initiative")
        share = 0.9 if programme == NQ05 else execution * 0.5
        extra = round(max(0, line["planned_count"] - sent) * share)
        others = [p for p, c in staff.values() if line["category"] in (None, c)]
        rng.shuffle(others)
        others.sort(key=lambda p: any(e[0] == programme for e in p.enrolments))  # newcomers first
        for person in others:
            if extra <= 0:
                break
            klass = self._class_for(programme, district_centre)
            if self._busy(person, programme, klass["start_date"]) or world.reasons(
                person, programme, start, skip_year=self.year
            ):
                continue
            self._nominate(person, klass)
            extra -= 1

    def _nominate(self, person: DemoPerson, klass: dict) -> None:
        self._free[klass["id"]] -= 1
        self.by_class[klass["id"]].append((person, klass))
        self.sent.add((person.id, klass["programme"]))

    def settle(self, first_id: int) -> tuple[list[dict], list[dict]]:
        """Enrolment rows and the qualification rows their completions confer."""
        enrolments, qualifications = [], []
        for entries in self.by_class.values():
            if not entries:
                continue
            klass = entries[0][1]
            programme = PROGRAMME_BY_CODE[klass["programme"]]
            seats = 0
            for person, _ in entries:
                row = self._settle_one(person, klass, programme, seats)
                row["id"] = first_id + len(enrolments)
                if row["status"] in ("accepted", "completed", "failed"):
                    seats += 1
                enrolments.append(row)
                person.enrolments.append((programme.code, klass["year"], klass["end_date"], row["status"]))
                if row["status"] == "completed" and programme.track:
                    person.quals.append((programme.track, programme.level, klass["end_date"]))
                    qualifications.append(
                        {
                            "person_id": person.id,
                            "track": programme.track,
                            "level": programme.level,
                            "awarded_on": klass["end_date"],
                            "source_enrolment_id": row["id"],
                        }
                    )
        return enrolments, qualifications

    def _settle_one(self, person: DemoPerson, klass: dict, programme: DemoProgramme, seats: int) -> dict:
        rng = self.rng
        start, end = klass["start_date"], klass["end_date"]
        nominated = start - days(rng.randint(20, 75))
        if klass["enrol_deadline"]:
            nominated = min(nominated, klass["enrol_deadline"])
        nominated = min(nominated, DEMO_TODAY - days(rng.randint(1, 20)))
        decided = min(nominated + days(rng.randint(5, 20)), start - days(1), DEMO_TODAY)
        decided = max(decided, nominated)
        row = {
            "person_id": person.id,
            "class_id": klass["id"],
            "status": "accepted",
            "nominated_on": nominated,
            "decided_on": decided,
            "completed_on": None,
            "reason": None,
            "waitlisted_at": None,
        }
        if start > DEMO_TODAY and (start - DEMO_TODAY).days > 45 and rng.random() < 0.7:
            row.update(status="nominated", decided_on=None)
            return row
        reasons = [
            r
            for r in self.world.reasons(person, programme.code, start, skip_year=klass["year"])
            if r != "not_in_scope"
        ]
        if reasons and rng.random() < 0.75:
            text = ", ".join(REASON_TEXT.get(r, r) for r in reasons)
            row.update(status="rejected", reason=f"Không đủ điều kiện dự học: {text}")
            return row
        # a nomination sent after the deadline waits for a seat to free up, like one over capacity
        late = rng.random() < 0.03
        if late:
            row["nominated_on"] = min(start - days(rng.randint(1, 7)), DEMO_TODAY)
            row["decided_on"] = row["nominated_on"]
            decided = row["decided_on"]
        if late or seats >= klass["capacity"]:
            if end < DEMO_TODAY and rng.random() < 0.6:
                row["status"] = "withdrawn"
            else:
                row["status"] = "waitlisted"
                row["waitlisted_at"] = datetime.combine(decided, time(9, 0))
            return row
        if end < DEMO_TODAY:
            failing = 1 if programme.kind == "refresher" else 5
            status = rng.choices(("completed", "failed", "withdrawn"), (92 - failing, failing, 8))[0]
            row["status"] = status
            if status != "withdrawn":
                row["completed_on"] = end
        elif start <= DEMO_TODAY and rng.random() < 0.05:
            row["status"] = "withdrawn"
        return row
