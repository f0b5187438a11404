"""STALE_PLAN and SUCCESSION_UNLINKED."""

from __future__ import annotations

from tests.progress.helpers import findings

# The plan is decided on 2013-12-10; with D = 2014-03-01 and 30 grace days, events up to and
# including 2014-01-30 count.
D = "2014-03-01"


def _plan_with(world, *people, programme=None, **plan):
    u = world.units.get("U") or world.unit("U")
    g = (
        programme
        or world.programmes.get("MASTER")
        or world.programme("MASTER", "pro", "master", kind="degree", duration=24)
    )
    world.training_class(f"M14_{len(world.classes)}", g, 2014, "2014-09-01", "2016-08-31", capacity=100)
    return world.plan(u, 2014, lines=[(g, len(people), list(people))], **plan)


def stale(as_of=D):
    return [(f[4], f[6]) for f in findings(2014, as_of, code="STALE_PLAN")]


def test_left_unit_on_the_last_day_of_grace(world):
    u = world.unit("U")
    a = world.person("A", u, end="2014-01-30")
    b = world.person("B", u, end="2014-01-31")  # 29 days before D: still in grace
    _plan_with(world, a, b)
    assert stale() == [("A", {"event": "left_unit", "event_date": "2014-01-30"})]


def test_leaving_on_or_before_the_decision_does_not_count(world):
    u = world.unit("U")
    a = world.person("A", u, end="2013-12-10")
    _plan_with(world, a)
    assert stale() == []


def test_a_person_who_left_and_came_back_has_not_left(world):
    u = world.unit("U")
    v = world.unit("V")
    a = world.person("A", u, end="2014-01-05")
    world.assign(a, v, start="2014-01-06", end="2014-01-20")
    world.assign(a, u, start="2014-01-21")
    b = world.person("B", u, end="2014-01-05")
    world.assign(b, v, start="2014-01-06")
    _plan_with(world, a, b)
    assert stale() == [("B", {"event": "left_unit", "event_date": "2014-01-05"})]


def test_qualified_elsewhere_but_not_through_this_programmes_class(world):
    u = world.unit("U")
    a = world.person("A", u)
    b = world.person("B", u)
    c = world.person("C", u)
    plan = _plan_with(world, a, b, c)
    world.qualify(a, "pro", "doctor", "2014-01-10")  # higher than the line's level
    own_class = world.classes[next(iter(world.classes))]
    world.enrol(b, own_class, "completed", "2014-01-12")  # by a class of G in 2014: not elsewhere
    world.qualify(c, "pro", "master", "2013-12-10")  # on the decision date: not after it
    assert plan.status == "approved"
    assert stale() == [("A", {"event": "qualified_elsewhere", "event_date": "2014-01-10"})]


def test_retired_and_the_earliest_event_wins(world):
    u = world.unit("U")
    a = world.person("A", u, born="1954-01-20", end="2014-01-25")  # retires 2014-01-20, leaves 01-25
    b = world.person("B", u, born="1954-01-31")  # retires 2014-01-31: inside the grace period
    _plan_with(world, a, b)
    assert stale() == [("A", {"event": "retired", "event_date": "2014-01-20"})]
    assert stale("2014-03-02") == [
        ("A", {"event": "retired", "event_date": "2014-01-20"}),
        ("B", {"event": "retired", "event_date": "2014-01-31"}),
    ]


def test_a_later_version_submitted_on_or_after_the_event_clears_it(world):
    u = world.unit("U")
    a = world.person("A", u, end="2014-01-10")
    b = world.person("B", u, end="2014-01-20")
    _plan_with(world, a, b)
    # v2 submitted on 2014-01-10 (returned, so v1 stays in force): A's event is covered, B's is not
    world.plan(u, 2014, 2, status="returned", submitted="2014-01-10", decided="2014-01-15")
    assert stale() == [("B", {"event": "left_unit", "event_date": "2014-01-20"})]


def test_a_later_version_submitted_the_day_before_does_not_clear_it(world):
    u = world.unit("U")
    a = world.person("A", u, end="2014-01-10")
    _plan_with(world, a)
    world.plan(u, 2014, 2, status="draft")  # a draft is not submitted
    world.plan(u, 2014, 3, status="returned", submitted="2014-01-09", decided="2014-01-15")
    assert stale() == [("A", {"event": "left_unit", "event_date": "2014-01-10"})]


def test_only_an_approved_plan_in_force_goes_stale(world):
    u = world.unit("U")
    a = world.person("A", u, end="2014-01-10")
    _plan_with(world, a, status="submitted")
    assert stale() == []


def test_succession_unlinked(world):
    u = world.unit("U")
    head = world.position("TP", pro="master")
    dean = world.position("GD", pro="doctor")
    pol_head = world.position("PH", pol="intermediate")
    g = world.programme("MASTER", "pro", "master", kind="degree", duration=24, max_age=45)
    named = world.person("NAMED", u)
    world.person("HEIR", u, planned_position=head)  # bachelor, heads for master: fires
    world.person("TOO_HIGH", u, planned_position=dean)  # doctor is above the line's level
    world.person("OTHER_TRACK", u, planned_position=pol_head)
    world.person("OLD_HEIR", u, planned_position=head, born="1960-01-01")  # not eligible
    world.person("HAS_IT", u, planned_position=head, quals=(("pro", "master", None),))
    world.person("ELSEWHERE", world.unit("V"), planned_position=head)
    _plan_with(world, named, programme=g)
    assert findings(2014, D, code="SUCCESSION_UNLINKED") == [
        ("SUCCESSION_UNLINKED", "U", "MASTER", None, "HEIR", None, {"planned_position": "TP"})
    ]


def test_succession_unlinked_needs_a_named_line_and_checks_every_line(world):
    u = world.unit("U")
    head = world.position("TP", pro="master")
    g = world.programme("MASTER", "pro", "master", kind="degree", duration=24)
    skill = world.programme("SKILL")
    heir = world.person("HEIR", u, planned_position=head)
    world.training_class("M", g, 2014, "2014-09-01", "2016-08-31")
    world.training_class("S", skill, 2014, "2014-09-01", "2014-09-02")
    world.plan(u, 2014, lines=[(g, 1, []), (skill, 1, [heir])])
    assert findings(2014, D, code="SUCCESSION_UNLINKED") == []  # MASTER line names nobody
    world.plan(u, 2014, 2, status="submitted", lines=[(g, 1, [world.person("X", u)]), (skill, 1, [heir])])
    assert findings(2014, D, code="SUCCESSION_UNLINKED") == []  # HEIR is named on another line
