"""OVER_POOL, INELIGIBLE_NOMINEE, OVER_CAPACITY, UNCOVERED_STANDARD_GAP."""

from __future__ import annotations

from tests.progress.helpers import findings


def _master(world):
    return world.programme(
        "MASTER", "pro", "master", kind="degree", duration=24, max_age=40, service=3, pro="bachelor"
    )


def test_pool_counts_eligible_staff_at_r_in_the_line_category(world):
    u = world.unit("U")
    g = _master(world)
    world.training_class("M14", g, 2014, "2014-09-01", "2016-08-31", capacity=50)
    world.person("A", u, category="DIST_LEAD")
    world.person("B", u, category="DIST_CIVIL")
    world.person("ENDS_ON_R", u, category="DIST_LEAD", end="2014-01-01")  # still staff on R
    world.person("OLD", u, category="DIST_LEAD", born="1973-01-01")  # 41 on R
    world.person("JUST_40", u, category="DIST_LEAD", born="1973-01-02")  # 40 on R: not above
    world.person("NEW", u, category="DIST_LEAD", start="2011-01-02")  # 2 whole years on R
    world.person("THREE", u, category="DIST_LEAD", start="2011-01-01")  # 3 whole years on R
    world.plan(u, 2014, lines=[(g, 4, [], "DIST_LEAD")])
    assert findings(2014, "2014-03-01", code="OVER_POOL") == []
    world.plan(u, 2014, 2, status="submitted", lines=[(g, 5, [], "DIST_LEAD")])
    assert findings(2014, "2014-03-01", code="OVER_POOL") == [
        ("OVER_POOL", "U", "MASTER", "DIST_LEAD", None, None, {"planned": 5, "pool": 4})
    ]


def test_retirement_exactly_at_the_end_of_the_programme_is_not_retiring(world):
    u = world.unit("U")
    g = world.programme("POL_INT", "pol", "intermediate", duration=8)
    world.training_class("P14", g, 2014, "2014-09-01", "2014-12-31", capacity=50)
    # R + 8 months = 2014-09-01. Men retire at 60, women at 55.
    on_time = world.person("ON_TIME", u, born="1954-09-01")  # retires 2014-09-01: not before it
    early = world.person("EARLY", u, born="1954-08-31")  # retires 2014-08-31: before it
    woman = world.person("WOMAN", u, born="1959-08-31", gender="F")  # 55 on 2014-08-31
    world.plan(u, 2014, lines=[(g, 3, [on_time, early, woman])])
    got = findings(2014, "2014-03-01", code="INELIGIBLE_NOMINEE")
    assert [(f[4], f[6]) for f in got] == [
        ("EARLY", {"reasons": ["retiring"]}),
        ("WOMAN", {"reasons": ["retiring"]}),
    ]


def test_nominee_reasons_in_spec_order_and_not_in_scope_for_another_units_person(world):
    u = world.unit("U")
    other = world.unit("OTHER")
    g = _master(world)
    world.training_class("M14", g, 2014, "2014-09-01", "2016-08-31", capacity=50)
    world.training_class("M13", g, 2013, "2013-09-01", "2015-08-31", capacity=50)
    outsider = world.person("OUT", other, born="1960-01-01", quals=(("pro", "master", "2010-01-01"),))
    enrolled = world.person("ENR", u)
    this_year = world.person("THIS_YEAR", u)
    wrong_category = world.person("CAT", u, category="DIST_LEAD")
    world.enrol(enrolled, world.classes["M13"], "accepted")
    world.enrol(this_year, world.classes["M14"], "accepted")  # carries out this very plan
    world.plan(u, 2014, lines=[(g, 4, [outsider, enrolled, this_year, wrong_category], "DIST_CIVIL")])
    got = {f[4]: f[6]["reasons"] for f in findings(2014, "2014-03-01", code="INELIGIBLE_NOMINEE")}
    assert got == {
        "OUT": ["not_in_scope", "already_qualified", "over_age"],
        "ENR": ["already_enrolled"],
        "CAT": ["not_in_scope"],
    }


def test_enrolments_are_checked_at_the_class_start_under_the_persons_unit(world):
    u = world.unit("U")
    v = world.unit("V")
    g = _master(world)
    c = world.training_class("M14", g, 2014, "2014-09-01", "2016-08-31", capacity=50)
    world.training_class("M15", g, 2015, "2015-09-01", "2017-08-31", capacity=50)
    moved = world.person("MOVED", u, end="2014-06-30", born="1973-09-02")  # 40 on 2014-09-01
    world.assign(moved, v, start="2014-07-01")
    left = world.person("LEFT", u, end="2014-08-31")  # no assignment on the class start
    turns_41 = world.person("T41", v, born="1973-09-01")  # 41 on the class start
    twice = world.person("TWICE", u)
    for p in (moved, left, turns_41):
        world.enrol(p, c, "nominated")
    world.enrol(twice, c, "waitlisted")
    world.enrol(twice, world.classes["M15"], "nominated")  # ends after M14 starts: another enrolment
    world.enrol(world.person("REJ", u, born="1950-01-01"), c, "rejected")  # closed: not checked
    got = findings(2014, "2014-03-01", code="INELIGIBLE_NOMINEE")
    assert got == [
        ("INELIGIBLE_NOMINEE", "U", "MASTER", None, "LEFT", "M14", {"reasons": ["not_in_scope"]}),
        ("INELIGIBLE_NOMINEE", "U", "MASTER", None, "TWICE", "M14", {"reasons": ["already_enrolled"]}),
        ("INELIGIBLE_NOMINEE", "V", "MASTER", None, "T41", "M14", {"reasons": ["over_age"]}),
    ]
    assert findings(2014, "2014-03-01", unit="V", code="INELIGIBLE_NOMINEE")[0][4] == "T41"


def test_over_capacity_counts_every_units_plan_and_fires_with_no_class(world):
    u = world.unit("U")
    v = world.unit("V")
    g = world.programme("SKILL")
    h = world.programme("NOCLASS")
    world.training_class("S1", g, 2014, "2014-10-01", "2014-10-02", capacity=3)
    world.training_class("S2", g, 2014, "2014-11-01", "2014-11-02", capacity=2)
    world.training_class("S3", g, 2015, "2015-11-01", "2015-11-02", capacity=100)
    for i in range(6):
        world.person(f"U{i}", u)
        world.person(f"V{i}", v)
    world.plan(u, 2014, lines=[(g, 3, []), (h, 1, [])])
    world.plan(v, 2014, lines=[(g, 2, [], "DIST_CIVIL"), (g, 0, [], "DIST_LEAD")])
    assert findings(2014, "2014-03-01", code="OVER_CAPACITY") == [
        ("OVER_CAPACITY", "U", "NOCLASS", None, None, None, {"demand": 1, "capacity": 0})
    ]
    world.plan(v, 2014, 2, status="submitted", lines=[(g, 3, [], "DIST_CIVIL")])
    assert findings(2014, "2014-03-01", code="OVER_CAPACITY") == [
        ("OVER_CAPACITY", "U", "NOCLASS", None, None, None, {"demand": 1, "capacity": 0}),
        ("OVER_CAPACITY", "U", "SKILL", None, None, None, {"demand": 6, "capacity": 5}),
        ("OVER_CAPACITY", "V", "SKILL", None, None, None, {"demand": 6, "capacity": 5}),
    ]


def test_uncovered_standard_gap_per_track_until_a_line_confers_that_track(world):
    u = world.unit("U")
    head = world.position("HEAD", pro="bachelor", pol="intermediate", sm="none")
    world.person(
        "LOW", u, position=head, quals=(("pro", "college", None), ("pol", "intermediate", "2014-01-02"))
    )
    world.person(
        "OK", u, position=head, quals=(("pro", "bachelor", None), ("pol", "intermediate", "2014-01-01"))
    )
    skill = world.programme("SKILL")
    world.training_class("S", skill, 2014, "2014-10-01", "2014-10-02", capacity=9)
    world.plan(u, 2014, lines=[(skill, 0, [])])
    assert findings(2014, "2014-03-01", code="UNCOVERED_STANDARD_GAP") == [
        ("UNCOVERED_STANDARD_GAP", "U", None, None, None, None, {"track": "pro", "below": 1}),
        ("UNCOVERED_STANDARD_GAP", "U", None, None, None, None, {"track": "pol", "below": 1}),
    ]
    pol = world.programme("POL_ADV", "pol", "advanced")
    world.training_class("P", pol, 2014, "2014-10-01", "2014-10-02", capacity=9)
    world.plan(u, 2014, 2, status="submitted", lines=[(skill, 0, []), (pol, 0, [])])
    assert [f[-1]["track"] for f in findings(2014, "2014-03-01", code="UNCOVERED_STANDARD_GAP")] == ["pro"]


def test_no_uncovered_standard_gap_without_a_plan_in_force(world):
    u = world.unit("U")
    head = world.position("HEAD", pro="master")
    world.person("LOW", u, position=head)
    world.plan(u, 2014, status="draft")
    assert findings(2014, "2014-03-01", code="UNCOVERED_STANDARD_GAP") == []


def test_an_enrolled_person_with_no_unit_before_the_class_keeps_the_finding_with_no_unit(world):
    """realism.md names "the last unit they had before it"; with none the finding is still shown."""
    u = world.unit("U")
    g = _master(world)
    c = world.training_class("M14", g, 2014, "2014-09-01", "2016-08-31", capacity=50)
    newcomer = world.person("LATE", u, start="2014-10-01")  # joins after the class starts
    world.enrol(newcomer, c, "accepted")
    assert findings(2014, "2014-03-01", code="INELIGIBLE_NOMINEE") == [
        (
            "INELIGIBLE_NOMINEE",
            None,
            "MASTER",
            None,
            "LATE",
            "M14",
            {"reasons": ["not_in_scope", "insufficient_service"]},
        ),
    ]
    assert findings(2014, "2014-03-01", unit="U", code="INELIGIBLE_NOMINEE") == []
