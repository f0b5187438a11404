"""The set-based eligibility query agrees with the pure per-person rule on varied data."""

from __future__ import annotations

import itertools
from datetime import date

from nq05.classes.eligibility import eligibility_for
from nq05.classes.models import Enrolment, TrainingClass
from nq05.domain.codes import OPEN_ENROLMENT_STATUSES
from nq05.domain.eligibility import PersonAtDate, ProgrammeRequirements, eligibility_reasons
from nq05.domain.levels import TRACKS
from nq05.domain.people import level_at
from nq05.extensions import db
from nq05.staff.models import Assignment, Qualification
from tests.factories import World, d

_facts: dict[int, tuple] = {}


def facts(person):
    """A person's assignments, qualifications and enrolments, read once per test."""
    if person.id not in _facts:
        _facts[person.id] = (
            db.session.query(Assignment).filter_by(person_id=person.id).all(),
            [
                (q.track, q.level, q.awarded_on)
                for q in db.session.query(Qualification).filter_by(person_id=person.id)
            ],
            db.session.query(Enrolment, TrainingClass)
            .join(TrainingClass)
            .filter(Enrolment.person_id == person.id)
            .all(),
        )
    return _facts[person.id]


def pure_reasons(person, programme, at, *, unit_id, category, plan_year=None, ignore_enrolment_id=None):
    assignments, quals, enrolments = facts(person)
    enrolled = False
    for e, c in enrolments:
        if (
            c.programme_id == programme.id
            and e.status in OPEN_ENROLMENT_STATUSES
            and c.end_date > at
            and (plan_year is None or c.year != plan_year)
            and e.id != ignore_enrolment_id
        ):
            enrolled = True
    at_date = PersonAtDate(
        birth_date=person.birth_date,
        gender=person.gender,
        levels={t: level_at(t, quals, at) for t in TRACKS},
        first_assignment_start=min((a.start_date for a in assignments), default=None),
        in_scope=unit_id is None
        or any(a.unit_id == unit_id and a.covers(at) and category in (None, a.category) for a in assignments),
        enrolled_elsewhere=enrolled,
    )
    requirements = ProgrammeRequirements(
        track=programme.track,
        level=programme.level,
        duration_months=programme.duration_months,
        prerequisites={t: programme.prerequisite(t) for t in TRACKS if programme.prerequisite(t)},
        max_age=programme.max_age,
        min_service_years=programme.min_service_years,
    )
    return eligibility_reasons(at_date, requirements, at, 60, 55)


def build(world: World):
    u1 = world.unit("U1")
    u2 = world.unit("U2")
    g = [
        world.programme(
            "MASTER", "pro", "master", kind="degree", duration=24, max_age=40, service=3, pro="bachelor"
        ),
        world.programme("POL_INT", "pol", "intermediate", duration=8, edu="upper_secondary"),
        world.programme("SKILL", duration=1),
        world.programme("LONG", "sm", "specialist", duration=13, pro="none", service=0, max_age=0),
        world.programme("FEB", "pol", "advanced", duration=12, pol="intermediate", pro="bachelor", service=1),
        world.programme("LOWEST", "edu", "primary", duration=3, sm="none"),  # everyone holds it
    ]
    births = [
        "1980-05-01",
        "1973-01-01",
        "1973-01-02",
        "1954-02-28",
        "1956-02-29",
        "1959-03-01",
        "1960-02-29",
        "1974-12-31",
        "1955-01-01",
        "1962-08-31",
    ]
    quals = [
        (("edu", "upper_secondary", None), ("pro", "bachelor", None)),
        (("edu", "lower_secondary", None), ("pro", "college", "2010-01-01")),
        (
            ("edu", "upper_secondary", "2014-01-01"),
            ("pro", "master", "2014-01-02"),
            ("pol", "intermediate", None),
        ),
        (("pro", "bachelor", "2013-12-31"), ("pol", "advanced", "2015-06-01"), ("sm", "specialist", None)),
        (),
    ]
    people = []
    for i, (born, q) in enumerate(zip(births * 3, itertools.cycle(quals))):
        unit = [u1, u2, None][i % 3]
        gender = "F" if i % 4 == 1 else "M"
        start = ["2005-01-01", "2011-01-01", "2011-01-02", "2014-06-01"][i % 4]
        end = ["", "2014-01-15", "", "2013-12-31", ""][i % 5] or None
        if end and end < start:
            end = None
        category = ["DIST_CIVIL", "DIST_LEAD"][i % 2]
        p = world.person(
            f"P{i:02d}", unit, born=born, gender=gender, start=start, end=end, category=category, quals=q
        )
        if end and unit is not None and i % 2 == 1:  # came back to U1 later
            world.assign(p, u1, start="2015-01-01", category="DIST_LEAD")
        people.append(p)
    c13 = world.training_class("M13", g[0], 2013, "2013-09-01", "2015-08-31")
    c14 = world.training_class("M14", g[0], 2014, "2014-09-01", "2016-08-31")
    p14 = world.training_class("P14", g[1], 2014, "2014-03-15", "2014-11-15")
    enrolments = []
    for i, p in enumerate(people):
        if i % 3 == 0:
            enrolments.append(world.enrol(p, c13, ["accepted", "waitlisted", "rejected", "nominated"][i % 4]))
        if i % 4 == 1:
            enrolments.append(
                world.enrol(p, c14, ["nominated", "completed", "withdrawn"][i % 3], "2016-08-31")
            )
        if i % 5 == 2:
            enrolments.append(world.enrol(p, p14, "accepted"))
    return u1, u2, g, people, enrolments


def test_set_based_eligibility_agrees_with_the_pure_rule(db):
    _facts.clear()
    world = World()
    u1, u2, programmes, people, enrolments = build(world)
    dates = [
        d("2014-01-01"),
        d("2014-01-15"),
        d("2014-01-16"),
        d("2013-02-28"),
        d("2016-02-29"),
        d("2015-08-31"),
    ]
    checked = 0
    for programme, at, (unit, category), plan_year in itertools.product(
        programmes, dates, [(u1, None), (u1, "DIST_LEAD"), (None, None)], [None, 2014]
    ):
        got = eligibility_for(
            programme.id,
            at,
            unit_id=unit.id if unit else None,
            category=category,
            person_ids=[p.id for p in people],
            plan_year=plan_year,
        )
        assert set(got) == {p.id for p in people}
        for p in people:
            want = pure_reasons(
                p, programme, at, unit_id=unit.id if unit else None, category=category, plan_year=plan_year
            )
            assert got[p.id] == want, (p.code, programme.code, at, category, plan_year)
            checked += 1
    for e in enrolments:
        c = db.session.get(TrainingClass, e.class_id)
        got = eligibility_for(
            c.programme_id, c.start_date, person_ids=[e.person_id], ignore_enrolment_id=e.id
        )
        p = next(p for p in people if p.id == e.person_id)
        g = next(g for g in programmes if g.id == c.programme_id)
        assert got[e.person_id] == pure_reasons(
            p, g, c.start_date, unit_id=None, category=None, ignore_enrolment_id=e.id
        )
    assert checked > 1000


def test_candidates_are_the_units_staff_at_the_date_plus_named_people(db):
    world = World()
    u1 = world.unit("U1")
    u2 = world.unit("U2")
    g = world.programme("SKILL")
    a = world.person("A", u1)
    b = world.person("B", u1, end="2013-12-31")
    c = world.person("C", u2)
    got = eligibility_for(g.id, date(2014, 1, 1), unit_id=u1.id, person_ids=[c.id])
    assert got == {a.id: [], c.id: ["not_in_scope"]}
    assert b.id not in got
    assert eligibility_for(g.id, date(2014, 1, 1)) == {}
