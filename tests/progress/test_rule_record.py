"""BEHIND_PACE, LOW_EXECUTION, NO_NAMED_SOURCE: the unit's pace, record and sources."""

from __future__ import annotations

from tests.progress.helpers import findings


def _pol(world, years=(2011, 2012, 2013, 2014)):
    g = world.programme("POL_INT", "pol", "intermediate", duration=8)
    for y in years:
        world.training_class(f"P{y}", g, y, f"{y}-10-01", f"{y}-12-01", capacity=100)
    return g


def _staff(world, unit, n, prefix="P"):
    return [world.person(f"{prefix}{i}", unit) for i in range(n)]


def test_behind_pace_expected_is_value_times_k_over_big_k(world):
    u = world.unit("U")
    g = _pol(world)
    other = world.programme("OTHER", "pol", "advanced")
    people = _staff(world, u, 12)
    period = world.period()
    world.target(period, "pol", "intermediate", 12, unit=u)  # by 2014: 12 × 4/5 = 9.6
    world.target(period, "pol", "intermediate", 100)  # a province target: not a unit's pace
    world.plan(u, 2013, lines=[(g, 5, people[:5])])
    world.plan(u, 2014, lines=[(g, 4, people[5:9]), (other, 9, [])])
    assert findings(2014, "2014-03-01", code="BEHIND_PACE") == [
        ("BEHIND_PACE", "U", None, None, None, None, {"quota": 12, "expected": 9.6, "planned": 9})
    ]
    world.plan(u, 2012, lines=[(g, 1, [])])
    assert findings(2014, "2014-03-01", code="BEHIND_PACE") == []  # 10 ≥ 9.6


def test_behind_pace_exactly_on_pace_and_category_targets(world):
    u = world.unit("U")
    g = _pol(world)
    _staff(world, u, 6)
    period = world.period()
    world.target(period, "pol", "intermediate", 10, unit=u, category="DIST_LEAD")  # 10 × 3/5 = 6
    world.plan(u, 2012, lines=[(g, 3, [], "DIST_LEAD"), (g, 2, [], "DIST_CIVIL")])
    world.plan(u, 2013, lines=[(g, 3, [])])  # no category: serves every category
    assert findings(2013, "2013-03-01", code="BEHIND_PACE") == []
    assert findings(2014, "2014-03-01", code="BEHIND_PACE") == [
        ("BEHIND_PACE", "U", None, None, None, None, {"quota": 10, "expected": 8.0, "planned": 6})
    ]
    assert findings(2016, "2016-03-01", code="BEHIND_PACE") == []  # no period contains 2016


def _low_execution_world(world, completed: int, planned_2013=6, planned_2014=6, status_2013="approved"):
    u = world.unit("U")
    g = _pol(world)
    people = _staff(world, u, 10)
    world.period()
    world.plan(u, 2013, status=status_2013, lines=[(g, planned_2013, [])])
    world.plan(u, 2014, lines=[(g, planned_2014, [])])
    for p in people[:completed]:
        world.enrol(p, world.classes["P2013"], "completed", "2013-12-01")
    return u, g, people


def test_low_execution_uses_fewer_than_the_threshold(world):
    _low_execution_world(world, completed=3)  # 3 = 0.5 × 6: not fewer
    assert findings(2014, "2014-03-01", code="LOW_EXECUTION") == []


def test_low_execution_fires_below_the_threshold(world):
    _low_execution_world(world, completed=2)
    assert findings(2014, "2014-03-01", code="LOW_EXECUTION") == [
        (
            "LOW_EXECUTION",
            "U",
            None,
            None,
            None,
            None,
            {"rate": 0.33, "planned_prior": 6, "completed_prior": 2},
        )
    ]


def test_low_execution_needs_five_planned_and_no_smaller_plan(world):
    _low_execution_world(world, completed=0, planned_2013=4, planned_2014=4)
    assert findings(2014, "2014-03-01", code="LOW_EXECUTION") == []


def test_low_execution_quiet_when_this_years_plan_is_smaller(world):
    _low_execution_world(world, completed=0, planned_2013=6, planned_2014=5)
    assert findings(2014, "2014-03-01", code="LOW_EXECUTION") == []


def test_low_execution_counts_only_approved_prior_plans(world):
    _low_execution_world(world, completed=0, status_2013="submitted")
    assert findings(2014, "2014-03-01", code="LOW_EXECUTION") == []


def test_low_execution_counts_completions_by_the_units_staff_at_the_class_start(world):
    u, g, people = _low_execution_world(world, completed=0, planned_2013=6, planned_2014=6)
    threshold_people = people[:2]
    newcomer = world.person("NEW", u, start="2013-10-02")  # joined after the class started
    for p in [*threshold_people, newcomer]:
        world.enrol(
            p, world.classes["P2013"] if p is newcomer else world.classes["P2012"], "completed", "2013-12-01"
        )
    # P2012's programme is on a 2013 line and 2012 is a prior year of the period: 2 count, NEW does not
    assert findings(2014, "2014-03-01", code="LOW_EXECUTION")[0][-1] == {
        "rate": 0.33,
        "planned_prior": 6,
        "completed_prior": 2,
    }


def test_low_execution_rate_rounds_half_away_from_zero(world):
    world.setting("low_execution_threshold", "0.9")
    u = world.unit("U")
    g = _pol(world)
    people = _staff(world, u, 8)
    world.period()
    world.plan(u, 2013, lines=[(g, 8, [])])
    world.plan(u, 2014, lines=[(g, 8, [])])
    for p in people[:5]:
        world.enrol(p, world.classes["P2013"], "completed", "2013-12-01")
    assert findings(2014, "2014-03-01", code="LOW_EXECUTION")[0][-1]["rate"] == 0.63  # 0.625


def test_no_named_source_window_is_inclusive(world):
    u = world.unit("U")
    g = world.programme("SKILL")
    early = world.programme("EARLY")
    world.programme("NOCLASS")
    world.training_class("LATE", g, 2014, "2014-06-01", "2014-06-02")
    world.training_class("FIRST", g, 2014, "2014-04-30", "2014-05-02")  # D + 60 days
    world.training_class("E", early, 2014, "2014-05-01", "2014-05-02")  # D + 61 days
    people = _staff(world, u, 5)
    world.plan(
        u,
        2014,
        lines=[
            (g, 3, people[:2]),
            (early, 3, []),
            (world.programmes["NOCLASS"], 3, []),
        ],
    )
    got = findings(2014, "2014-03-01", code="NO_NAMED_SOURCE")
    assert got == [
        (
            "NO_NAMED_SOURCE",
            "U",
            "SKILL",
            None,
            None,
            None,
            {"named": 2, "planned": 3, "class_start": "2014-04-30"},
        )
    ]
    assert findings(2014, "2014-03-02", code="NO_NAMED_SOURCE")[0][2] == "EARLY"


def test_no_named_source_quiet_when_enough_are_named(world):
    u = world.unit("U")
    g = world.programme("SKILL")
    world.training_class("S", g, 2014, "2014-03-01", "2014-03-02")
    people = _staff(world, u, 3)
    world.plan(u, 2014, lines=[(g, 3, people)])
    assert findings(2014, "2014-03-01", code="NO_NAMED_SOURCE") == []
