"""Annual plans as units really wrote them: most on time and sensible, some late or missing,
some asking for more people than the unit has eligible, naming too few or the wrong people,
returned and corrected, approved and then supplemented mid-year.

Each unit has a habit (``UnitHabit``) that stays the same over the years, so the same units keep
showing up in the findings, as they did in the review.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from nq05.demo.positions import POSITIONS
from nq05.demo.programmes import NQ05, PROGRAMME_BY_CODE, PROGRAMMES
from nq05.demo.staff import DemoPerson
from nq05.demo.timeline import DEMO_TODAY, PLAN_YEARS, days, random_date
from nq05.demo.units import DemoUnit
from nq05.demo.world import World
from nq05.domain.levels import rank

RETURN_COMMENTS = (
    "Số người dự kiến cử đi học vượt quá số cán bộ đủ điều kiện; đề nghị rà soát lại.",
    "Kế hoạch chưa gắn với quy hoạch cán bộ; đề nghị nêu tên cán bộ trong quy hoạch.",
    "Một số người có tên không đủ tiêu chuẩn dự học; đề nghị điều chỉnh.",
    "Chưa xác định rõ đối tượng và số lượng theo từng chương trình.",
)


@dataclass(frozen=True)
class UnitHabit:
    #: good | late | poor
    kind: str
    #: share of the planned people the unit actually sends
    execution: float
    #: whether it names the people in its succession plan first
    links_succession: bool
    #: how closely it keeps pace with its quotas
    pace: float


def unit_habits(rng: random.Random, units: list[DemoUnit]) -> dict[int, UnitHabit]:
    habits = {}
    for unit in units:
        kind = rng.choices(("good", "late", "poor"), (62, 18, 20))[0]
        execution = {"good": (0.7, 0.95), "late": (0.5, 0.8), "poor": (0.1, 0.35)}[kind]
        pace = {"good": (1.0, 1.4), "late": (0.6, 1.0), "poor": (0.2, 0.6)}[kind]
        habits[unit.id] = UnitHabit(
            kind, rng.uniform(*execution), kind == "good" and rng.random() < 0.6, rng.uniform(*pace)
        )
    return habits


@dataclass(frozen=True)
class Quota:
    """A count target with a unit, as the plans see it."""

    unit_id: int
    programme: str
    years: tuple[int, ...]
    value: int


def _succession_first(
    world: World, people: list[DemoPerson], track: str | None, day: date
) -> list[DemoPerson]:
    """People whose planned position asks for more on ``track`` than they hold come first."""
    column = {"edu": 1, "pro": 2, "pol": 3, "sm": 4}.get(track or "")

    def prepared(person: DemoPerson) -> bool:
        if not person.planned_position or column is None:
            return False
        minimum = POSITIONS[person.planned_position][column]
        return minimum is not None and rank(track, world.levels(person, day)[track]) < rank(track, minimum)

    return sorted(people, key=lambda p: not prepared(p))


class UnitYearPlanner:
    """Writes one unit's plan versions for one year."""

    def __init__(
        self,
        rng: random.Random,
        world: World,
        unit: DemoUnit,
        year: int,
        habit: UnitHabit,
        quotas: list[Quota],
    ):
        self.rng, self.world, self.unit, self.year, self.habit = rng, world, unit, year, habit
        self.quotas = [q for q in quotas if year in q.years]
        self.start = date(year, 1, 1)
        self.staff = world.staff_at(unit.id, self.start)

    # -- lines -----------------------------------------------------------------------------------
    def _pools(self, programme: str) -> tuple[dict[str | None, list[DemoPerson]], list[DemoPerson]]:
        """Eligible people by category (None: all) and the ineligible ones."""
        eligible: dict[str | None, list[DemoPerson]] = {None: []}
        ineligible = []
        for person, category in self.staff:
            if self.world.reasons(person, programme, self.start, skip_year=self.year):
                ineligible.append(person)
            else:
                eligible[None].append(person)
                eligible.setdefault(category, []).append(person)
        return eligible, ineligible

    def _menu(self) -> list[str]:
        present = {c for _, c in self.staff}
        return [p.code for p in PROGRAMMES if p.kind != "refresher" and present & set(p.categories)]

    def _planned(self, pool: int, refresher: bool) -> int:
        rng, kind = self.rng, self.habit.kind
        if refresher:
            return max(1, round(pool * rng.uniform(0.3, 0.9)))
        over = {"good": 0.04, "late": 0.2, "poor": 0.35}[kind]
        if rng.random() < over:
            return pool + rng.randint(1, 4)
        share = rng.uniform(0.15, 0.45) if kind == "good" else rng.uniform(0.3, 0.9)
        return min(pool, max(1, round(pool * share)))

    def _line(
        self,
        programme: str,
        category: str | None,
        planned: int,
        eligible: list[DemoPerson],
        ineligible: list[DemoPerson],
    ) -> dict:
        rng, kind = self.rng, self.habit.kind
        full, fewer = {"good": (80, 15), "late": (60, 25), "poor": (30, 40)}[kind]
        roll = rng.randint(1, 100)
        top = min(planned, len(eligible))
        if roll <= full:
            named = top
        elif roll <= full + fewer:
            named = max(0, top - rng.randint(1, 3)) if top == planned else rng.randint(0, top)
        else:
            named = 0
        candidates = list(eligible)
        rng.shuffle(candidates)
        # people never sent to this programme before come first
        candidates.sort(key=lambda p: any(e[0] == programme for e in p.enrolments))
        if self.habit.links_succession:
            track = PROGRAMME_BY_CODE[programme].track
            candidates = _succession_first(self.world, candidates, track, self.start)
        nominees = candidates[:named]
        wrong = []
        if ineligible and rng.random() < {"good": 0.05, "late": 0.12, "poor": 0.22}[kind]:
            wrong = [rng.choice(ineligible)]
            nominees = nominees[: max(0, planned - 1)] + wrong
        return {
            "programme": programme,
            "category": category,
            "planned_count": planned,
            "nominees": [p.id for p in nominees],
            "pool": len(eligible),
            "wrong": [p.id for p in wrong],
        }

    def lines(self) -> list[dict]:
        rng = self.rng
        chosen: list[tuple[str, int | None]] = []  # (programme, forced planned count)
        for quota in self.quotas:
            per_year = quota.value / len(quota.years)
            chosen.append((quota.programme, max(0, round(per_year * self.habit.pace))))
        menu = [code for code in self._menu() if code not in {c for c, _ in chosen}]
        pools = {code: self._pools(code) for code in menu}
        weighted = [code for code in menu if pools[code][0][None]]
        for _ in range(rng.randint(2, 4)):
            if not weighted:
                break
            code = rng.choices(weighted, [len(pools[c][0][None]) for c in weighted])[0]
            weighted.remove(code)
            chosen.append((code, None))
        if self.habit.kind == "poor" and menu and rng.random() < 0.3:
            empty = [code for code in menu if not pools[code][0][None]]
            if empty:
                chosen.append((rng.choice(empty), rng.randint(1, 3)))  # a line nobody can attend
        nq05_chance = {2011: 0.97, 2012: 0.5}.get(self.year, 0.15)
        if rng.random() < nq05_chance:
            chosen.append((NQ05, None))
        present = {c for _, c in self.staff}
        refreshers = [
            p.code
            for p in PROGRAMMES
            if p.kind == "refresher" and p.code != NQ05 and present & set(p.categories)
        ]
        if refreshers and rng.random() < 0.4:
            chosen.append((rng.choice(refreshers), None))

        lines = []
        for code, forced in chosen:
            eligible, ineligible = pools.get(code) or self._pools(code)
            programme = PROGRAMME_BY_CODE[code]
            category = None
            if forced is None and code != NQ05 and rng.random() < 0.5:
                options = [c for c in programme.categories if eligible.get(c)]
                if options:
                    category = max(options, key=lambda c: (len(eligible[c]), c))
            scoped = eligible.get(category, [])
            if forced is not None:
                planned = forced
            elif code == NQ05 and self.year == 2011:
                planned = max(1, round(len(scoped) * rng.uniform(0.85, 1.0)))
            elif programme.kind == "refresher":
                planned = self._planned(len(scoped), True)
            else:
                planned = self._planned(len(scoped), False)
            if planned <= 0:
                continue
            lines.append(self._line(code, category, planned, scoped, ineligible))
        return lines

    # -- versions ----------------------------------------------------------------------------------
    def versions(self, previous_total: int) -> list[dict]:
        rng, kind, year = self.rng, self.habit.kind, self.year
        if not self.staff:
            return []
        lines = self.lines()
        if not lines:
            return []
        total = sum(line["planned_count"] for line in lines)
        if kind == "poor" and total < previous_total <= total * 1.5:
            # units that never carry out their plans keep asking for no fewer people each year
            self.rng.choice(lines)["planned_count"] += previous_total - total
        due = date(year - 1, 11, 30)
        missing = {"good": 0.03, "late": 0.25, "poor": 0.1}[kind] + (0.06 if year == PLAN_YEARS[-1] else 0)
        if rng.random() < missing:
            mode = rng.choices(("none", "draft", "returned"), (50, 25, 25))[0]
            if mode == "none":
                return []
            if mode == "draft":
                return [self._version(1, "draft", None, None, lines)]
            submitted = due + days(rng.randint(-20, 40))
            decided = submitted + days(rng.randint(7, 25))
            versions = [self._version(1, "returned", submitted, decided, lines, rng.choice(RETURN_COMMENTS))]
            if rng.random() < 0.5:
                versions.append(self._version(2, "draft", None, None, _corrected(lines)))
            return versions
        early, late = {"good": (-45, 0), "late": (1, 75), "poor": (-30, 30)}[kind]
        submitted = due + days(rng.randint(early, late))
        decided = submitted + days(rng.randint(7, 28))
        if rng.random() < 0.12:
            versions = [self._version(1, "returned", submitted, decided, lines, rng.choice(RETURN_COMMENTS))]
            resubmitted = decided + days(rng.randint(5, 20))
            versions.append(
                self._version(
                    2, "approved", resubmitted, resubmitted + days(rng.randint(5, 15)), _corrected(lines)
                )
            )
            return versions
        pending = year == PLAN_YEARS[-1] and rng.random() < 0.3
        versions = [
            self._version(
                1, "submitted" if pending else "approved", submitted, None if pending else decided, lines
            )
        ]
        if not pending and rng.random() < 0.15:
            supplemented = random_date(rng, date(year, 3, 1), date(year, 8, 31))
            status = "approved" if rng.random() < 0.7 else "submitted"
            decision = supplemented + days(rng.randint(7, 20)) if status == "approved" else None
            versions.append(self._version(2, status, supplemented, decision, self._supplement(lines)))
        return versions

    def _supplement(self, lines: list[dict]) -> list[dict]:
        """Bổ sung: one more person on a line, or a new line."""
        extra = [dict(line, nominees=list(line["nominees"])) for line in lines]
        line = self.rng.choice(extra)
        line["planned_count"] += self.rng.randint(1, 3)
        return extra

    def _version(
        self,
        version: int,
        status: str,
        submitted: date | None,
        decided: date | None,
        lines: list[dict],
        comment: str | None = None,
    ) -> dict:
        # nothing is submitted or decided after the demo's today
        if submitted and submitted > DEMO_TODAY:
            status, submitted, decided = "draft", None, None
        elif decided and decided > DEMO_TODAY:
            status, decided = "submitted", None
        return {
            "unit_id": self.unit.id,
            "year": self.year,
            "version": version,
            "status": status,
            "submitted_on": submitted,
            "decided_on": decided,
            "review_comment": comment if status == "returned" else None,
            "lines": [dict(line, nominees=list(line["nominees"])) for line in lines],
        }


def _corrected(lines: list[dict]) -> list[dict]:
    """A returned plan corrected: no more people than eligible, the ineligible names removed."""
    fixed = []
    for line in lines:
        planned = min(line["planned_count"], line["pool"])
        if planned <= 0:
            continue
        nominees = [n for n in line["nominees"] if n not in line["wrong"]][:planned]
        fixed.append(dict(line, planned_count=planned, nominees=nominees, wrong=[]))
    return fixed


def plan_in_force(versions: list[dict]) -> dict | None:
    live = [v for v in versions if v["status"] in ("submitted", "approved")]
    return max(live, key=lambda v: v["version"]) if live else None


def total_planned(plan: dict | None) -> int:
    return sum(line["planned_count"] for line in plan["lines"]) if plan else 0


def qualify_elsewhere(rng: random.Random, world: World, in_force: dict[int, dict], year: int) -> set:
    """A few people named on an approved plan get the level on their own before the class (the
    plan goes stale); they are not sent. Returns their (person id, programme) pairs."""
    skipped = set()
    last = min(date(year, 10, 31), DEMO_TODAY - days(35))
    for plan in in_force.values():
        if plan["status"] != "approved":
            continue
        for line in plan["lines"]:
            programme = PROGRAMME_BY_CODE[line["programme"]]
            if not programme.track:
                continue
            for person_id in line["nominees"]:
                first = plan["decided_on"] + days(31)
                if first > last or rng.random() >= 0.02:
                    continue
                person = world.person_by_id[person_id]
                day = random_date(rng, first, last)
                held = world.levels(person, day)[programme.track]
                if rank(programme.track, held) >= rank(programme.track, programme.level):
                    continue
                if person.add_manual(programme.track, programme.level, day):
                    skipped.add((person_id, programme.code))
    return skipped
