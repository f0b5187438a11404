"""Staff and their careers since 2005: every post of every unit is filled, and as people retire
(at 60 for men, 55 for women, end of that month) or leave, the post is filled again, often by
promoting someone from a lower post (a deputy, a commune civil servant to the district...), whose
own post then falls vacant in turn. Histories never overlap: a move ends the old assignment the
day before the new one starts.
"""

from __future__ import annotations

import calendar
import heapq
import random
from dataclasses import dataclass, field
from datetime import date

from nq05.demo.names import email_for, full_name
from nq05.demo.positions import FEMALE_SHARE, NEXT_POST, POSITIONS, staffing
from nq05.demo.qualifications import SELF_STUDY, Qual, initial_levels, initial_qualifications
from nq05.demo.timeline import DEMO_TODAY, HISTORY_START, days, random_date, shared
from nq05.demo.units import DemoUnit
from nq05.domain.levels import rank
from nq05.domain.people import add_years, level_at

EMAIL_DOMAIN = "laichau.example.org"
#: one staff record in this many has no ethnicity recorded (records carried over from old files):
#: the report's breakdown by ethnic group then has people in its "unknown" group too
ETHNICITY_UNRECORDED_EVERY = 150

#: category -> (age range of new recruits, of people already in post in 2005, mean years in post)
CAREER: dict[str, tuple[tuple[int, int], tuple[int, int], float]] = {
    "TU": ((38, 50), (40, 55), 12.0),
    "PROV_LEAD": ((30, 42), (30, 52), 22.0),
    "PROV_CIVIL": ((23, 32), (22, 50), 30.0),
    "DIST_LEAD": ((30, 42), (30, 52), 22.0),
    "DIST_CIVIL": ((23, 32), (22, 50), 30.0),
    "COMM_CADRE": ((26, 45), (24, 52), 15.0),
    "COMM_CIVIL": ((22, 35), (22, 48), 22.0),
}

COMMUNE_CIVIL_POSTS = ("CC_VPTK", "CC_DCXD", "CC_TCKT", "CC_TPHT", "CC_VHXH")
#: position -> (chance the vacancy goes to someone already in post, their posts, where from)
PROMOTIONS: dict[str, tuple[float, tuple[str, ...], str]] = {
    "GD_SO": (0.8, ("PGD_SO",), "province"),
    "PGD_SO": (0.7, ("TP_TINH",), "province"),
    "TRUONG_BAN": (0.8, ("PHO_BAN", "PGD_SO"), "province"),
    "PHO_BAN": (0.7, ("TP_TINH",), "province"),
    "BT_HU": (0.8, ("PBT_HU", "CT_UBND_H"), "districts"),
    "PBT_HU": (0.7, ("PCT_UBND_H", "TP_HUYEN"), "unit"),
    "CT_UBND_H": (0.8, ("PCT_UBND_H", "PBT_HU"), "unit"),
    "PCT_UBND_H": (0.7, ("TP_HUYEN",), "unit"),
    "TP_TINH": (0.75, ("PP_TINH",), "unit"),
    "PP_TINH": (0.7, ("CVC", "CV"), "unit"),
    "TP_HUYEN": (0.75, ("PP_HUYEN",), "unit"),
    "PP_HUYEN": (0.7, ("CV",), "unit"),
    "CVC": (0.6, ("CV",), "unit"),
    "BT_DU": (0.6, ("PBT_DU", "CT_UBND_XA"), "unit"),
    "CT_UBND_XA": (0.6, ("PCT_UBND_XA",), "unit"),
    "CT_HDND_XA": (0.4, ("PCT_HDND_XA",), "unit"),
    "PCT_UBND_XA": (0.4, COMMUNE_CIVIL_POSTS, "unit"),
    "PBT_DU": (0.3, COMMUNE_CIVIL_POSTS, "unit"),
}


@dataclass(slots=True)
class DemoAssignment:
    """A person's post in a unit from ``start_date`` to ``end_date`` (None: still in post)."""

    person_id: int
    unit_id: int
    category: str
    position: str
    start_date: date
    end_date: date | None = None


# slots: at scale 50 there are 355,000 people and 375,000 assignments to keep while the years go by
@dataclass(slots=True)
class DemoPerson:
    id: int
    full_name: str
    gender: str
    birth_date: date
    ethnicity: str
    #: last working day: the end of the month the person reaches retirement age
    retires_on: date
    retirement_date: date
    assignments: list[DemoAssignment] = field(default_factory=list)
    quals: list[Qual] = field(default_factory=list)
    #: the qualifications recorded by hand (unique per track and level), not from a class
    manual: list[Qual] = field(default_factory=list)
    planned_position: str | None = None
    #: (programme code, class year, class end, status) of the person's enrolments
    enrolments: list[tuple[str, int, date, str]] = field(default_factory=list)

    def level_at(self, track: str, day: date) -> str:
        return level_at(track, self.quals, day)

    def add_manual(self, track: str, level: str, day: date | None) -> bool:
        if any(t == track and lv == level for t, lv, _ in self.manual):
            return False
        qual = (track, level, shared(day))
        self.manual.append(qual)
        self.quals.append(qual)
        return True

    def row(self, position_ids: dict[str, int]) -> dict:
        # the code and e-mail address are made here, not kept: they follow from number and name
        return {
            "id": self.id,
            "code": f"CB{self.id:06d}",
            "full_name": self.full_name,
            "gender": self.gender,
            "birth_date": self.birth_date,
            "ethnicity": None if self.id % ETHNICITY_UNRECORDED_EVERY == 0 else self.ethnicity,
            "email": email_for(self.full_name, self.id, EMAIL_DOMAIN),
            "planned_position_id": position_ids.get(self.planned_position),
        }


@dataclass
class Post:
    unit: DemoUnit
    category: str
    position: str
    person: DemoPerson | None = None
    assignment: DemoAssignment | None = None
    #: the day the holder leaves (retires or quits), if before the end of the history
    leaves_on: date | None = None
    index: int = 0


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


class StaffSimulation:
    """Fills every post in 2005 and replays vacancies, in date order, up to the demo's today."""

    def __init__(self, rng: random.Random, units: list[DemoUnit], retirement_ages: tuple[int, int]):
        self.rng = rng
        self.units = units
        self.retirement_ages = retirement_ages
        self.people: list[DemoPerson] = []
        self.posts: list[Post] = []
        self.by_unit_position: dict[tuple[int, str], list[Post]] = {}
        self.units_by_level: dict[str, list[DemoUnit]] = {"province": [], "district": [], "commune": []}
        self.communes_of: dict[int, list[DemoUnit]] = {}
        self._events: list[tuple[date, int, int, str]] = []
        self._seq = 0
        for unit in units:
            self.units_by_level[unit.level].append(unit)
            if unit.level == "commune":
                self.communes_of.setdefault(unit.district_id, []).append(unit)
            for category, position in staffing(rng, unit.kind):
                post = Post(unit, category, position, index=len(self.posts))
                self.posts.append(post)
                self.by_unit_position.setdefault((unit.id, position), []).append(post)

    # -- the replay ----------------------------------------------------------------------------
    def run(self) -> list[DemoPerson]:
        for index, post in enumerate(self.posts):
            self._hire(index, post, HISTORY_START, veteran=True)
        while self._events:
            day, _, index, kind = heapq.heappop(self._events)
            post = self.posts[index]
            if kind == "leave":
                if post.leaves_on != day:
                    continue  # the holder moved on before this date
                post.assignment.end_date = shared(day)
                post.person = post.assignment = post.leaves_on = None
                self._push(day + days(self.rng.randint(15, 120)), index, "fill")
            elif post.person is None:
                self._fill(index, post, day)
        return self.people

    def _push(self, day: date, index: int, kind: str) -> None:
        if day <= DEMO_TODAY:
            self._seq += 1
            heapq.heappush(self._events, (day, self._seq, index, kind))

    def _fill(self, index: int, post: Post, day: date) -> None:
        promotion = PROMOTIONS.get(post.position)
        if post.position == "CV" and post.unit.level != "commune" and self.rng.random() < 0.15:
            promotion = (
                1.0,
                COMMUNE_CIVIL_POSTS if post.unit.level == "district" else ("CV",),
                "communes" if post.unit.level == "district" else "districts",
            )
        if promotion and self.rng.random() < promotion[0]:
            source = self._pick_source(post, promotion[1], promotion[2], day)
            if source is not None:
                self._move(source, index, post, day)
                return
        self._hire(index, post, day, veteran=False)

    def _pick_source(self, post: Post, positions: tuple[str, ...], scope: str, day: date) -> Post | None:
        if scope == "unit":
            units = [post.unit]
        elif scope == "province":
            units = self.units_by_level["province"]
        elif scope == "districts":
            units = self.units_by_level["district"]
        else:  # the communes of this district
            units = self.communes_of.get(post.unit.id, [])
        lenient = self.rng.random() < 0.1  # now and then a post goes to someone below its standard
        for _ in range(6):
            if not units:
                return None
            unit = self.rng.choice(units)
            candidates = self.by_unit_position.get((unit.id, self.rng.choice(positions)), [])
            if not candidates:
                continue
            source = self.rng.choice(candidates)
            if (
                source is not post
                and source.person is not None
                and source.assignment.start_date <= day - days(365)
                and (source.leaves_on is None or source.leaves_on > day + days(90))
                and source.person.retires_on > day + days(730)
                and (lenient or self._meets(source.person, post.position, day))
            ):
                return source
        return None

    @staticmethod
    def _meets(person: DemoPerson, position: str, day: date) -> bool:
        """Holds the professional and political levels the post asks for (most appointments do)."""
        _, _, min_pro, min_pol, _ = POSITIONS[position]
        return all(
            minimum is None or rank(track, person.level_at(track, day)) >= rank(track, minimum)
            for track, minimum in (("pro", min_pro), ("pol", min_pol))
        )

    def _move(self, source: Post, index: int, post: Post, day: date) -> None:
        person = source.person
        source.assignment.end_date = shared(day - days(1))
        source.person = source.assignment = source.leaves_on = None
        self._push(day + days(self.rng.randint(15, 120)), source.index, "fill")
        self._start(index, post, person, day)

    # -- people --------------------------------------------------------------------------------
    def _hire(self, index: int, post: Post, day: date, veteran: bool) -> None:
        rng = self.rng
        recruit_ages, veteran_ages, _ = CAREER[post.category]
        gender = "F" if rng.random() < FEMALE_SHARE.get(post.position, 0.45) else "M"
        low, high = veteran_ages if veteran else recruit_ages
        limit = (self.retirement_ages[0] if gender == "M" else self.retirement_ages[1]) - 2
        age = rng.randint(low, max(low, min(high, limit)))
        birth = add_years(day, -age) - days(rng.randint(0, 364))
        weights = post.unit.ethnicities
        ethnicity = rng.choices(list(weights), list(weights.values()))[0]
        number = len(self.people) + 1
        name = full_name(rng, ethnicity, gender)
        retirement = add_years(birth, self.retirement_ages[0 if gender == "M" else 1])
        person = DemoPerson(
            number, name, gender, shared(birth), ethnicity, shared(_month_end(retirement)), shared(retirement)
        )
        levels = initial_levels(rng, post.category, ethnicity, veteran)
        person.quals = initial_qualifications(rng, levels, birth, day, veteran)
        person.manual = list(person.quals)
        self.people.append(person)
        self._start(index, post, person, day)

    def _start(self, index: int, post: Post, person: DemoPerson, day: date) -> None:
        assignment = DemoAssignment(person.id, post.unit.id, post.category, post.position, shared(day))
        person.assignments.append(assignment)
        post.person, post.assignment = person, assignment
        tenure = 2 + self.rng.expovariate(1 / CAREER[post.category][2])
        quits = day + days(int(tenure * 365))
        post.leaves_on = min(person.retires_on, quits)
        if post.leaves_on <= DEMO_TODAY:
            self._push(post.leaves_on, index, "leave")
        else:
            post.leaves_on = None


def _self_study(rng: random.Random, person: DemoPerson) -> None:
    """Now and then a person earns the next level on their own (in-service degree, evening school)."""
    first = person.assignments[0].start_date + days(365)
    last = person.assignments[-1].end_date or DEMO_TODAY
    if first >= last:
        return
    day = random_date(rng, first, last)
    track = "edu" if person.level_at("edu", day) != "upper_secondary" and rng.random() < 0.6 else "pro"
    target = SELF_STUDY[track].get(person.level_at(track, day))
    too_old = {"master": 44}.get(target, 99)
    if target is None or day.year - person.birth_date.year > too_old:
        return
    person.add_manual(track, target, day)


def generate_staff(
    rng: random.Random, units: list[DemoUnit], retirement_ages: tuple[int, int]
) -> list[DemoPerson]:
    """Everyone who held a post since 2005, with their assignments and qualifications."""
    people = StaffSimulation(rng, units, retirement_ages).run()
    level_of = {unit.id: unit.level for unit in units}
    for person in people:
        if rng.random() < 0.2:
            _self_study(rng, person)
        last = person.assignments[-1]
        if last.end_date is None and rng.random() < 0.1:
            person.planned_position = NEXT_POST.get((level_of[last.unit_id], last.position))
    return people
