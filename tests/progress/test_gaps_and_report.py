"""Plan versus quota and the progress report: status, clamping, rounding, programme indicators."""

from __future__ import annotations

from nq05.progress.gaps import find_period, gaps_json
from nq05.progress.report import report_json
from tests.factories import d


def gaps(as_of, code="2011-2015"):
    return gaps_json(find_period(code), d(as_of))["rows"]


def test_status_met_exceeded_and_pct_null_for_a_zero_target(world):
    u = world.unit("U")
    period = world.period()
    a = world.person("A", u)
    b = world.person("B", u)
    world.qualify(a, "pol", "intermediate", "2012-01-01")
    world.qualify(b, "pol", "intermediate", "2013-01-01")
    world.qualify(b, "sm", "specialist", "2013-01-01")
    world.target(period, "pol", "intermediate", 2)
    world.target(period, "sm", "specialist", 0)
    world.target(period, "pol", "intermediate", 1, category="DIST_CIVIL")
    rows = gaps("2014-03-01")
    assert [
        (r["category"], r["track"], r["target"], r["completed"], r["gap"], r["pct"], r["status"])
        for r in rows
    ] == [
        (None, "pol", 2, 2, 0, 100.0, "met"),
        (None, "sm", 0, 1, -1, None, "exceeded"),
        ("DIST_CIVIL", "pol", 1, 2, -1, 200.0, "exceeded"),
    ]


def test_on_track_versus_behind_uses_the_elapsed_share_of_the_period(world):
    u = world.unit("U")
    period = world.period("P", "2011-01-01", "2011-01-10")  # 10 days
    world.target(period, "pol", "intermediate", 10)
    for i in range(3):
        world.qualify(world.person(f"A{i}", u), "pol", "intermediate", "2011-01-01")
    # D = 2011-01-03: f = 3/10, 3 ≥ 10 × 0.3: on track; D = 2011-01-04: f = 0.4: behind
    assert gaps("2011-01-03", "P")[0]["status"] == "on_track"
    assert gaps("2011-01-04", "P")[0]["status"] == "behind"


def test_elapsed_share_is_clamped(world):
    u = world.unit("U")
    period = world.period("P", "2011-01-01", "2011-12-31")
    world.target(period, "pol", "intermediate", 10)
    world.qualify(world.person("A", u), "pol", "intermediate", "2011-06-01")
    before = gaps("2010-06-01", "P")[0]  # f clamped to 0, nothing reached yet
    assert (before["completed"], before["status"]) == (0, "on_track")
    after = gaps("2013-01-01", "P")[0]  # f clamped to 1
    assert (after["completed"], after["status"], after["pct"]) == (1, "behind", 10.0)


def test_completed_counts_exact_level_in_scope_within_the_period_up_to_d(world):
    u = world.unit("U")
    v = world.unit("V")
    period = world.period()
    world.target(period, "pro", "master", 10, unit=u)
    world.target(period, "pro", "master", 10)
    in_u = world.person("IN_U", u)
    world.qualify(in_u, "pro", "master", "2012-01-01")
    moved = world.person("MOVED", u, end="2011-12-31")
    world.assign(moved, v, start="2012-01-01")
    world.qualify(moved, "pro", "master", "2012-06-01")  # reached it in V
    world.qualify(world.person("DOCTOR", u), "pro", "doctor", "2012-01-01")  # not exactly master
    world.qualify(world.person("UNDATED", u), "pro", "master")  # never reached within a period
    world.qualify(world.person("BEFORE", u), "pro", "master", "2010-12-31")
    world.qualify(world.person("AFTER_D", u), "pro", "master", "2014-03-02")
    world.qualify(world.person("ON_D", u), "pro", "master", "2014-03-01")
    world.qualify(world.person("NOBODY"), "pro", "master", "2013-01-01")  # no assignment at all
    rows = gaps("2014-03-01")
    assert [(r["unit"], r["completed"]) for r in rows] == [(None, 4), ("U", 2)]


def test_planned_named_and_nominated_follow_the_serving_lines(world):
    u = world.unit("U")
    v = world.unit("V")
    period = world.period()
    g = world.programme("MASTER", "pro", "master", kind="degree")
    h = world.programme("DOCTOR", "pro", "doctor", kind="degree")
    a, b, c = (world.person(x, u, category="DIST_LEAD") for x in "ABC")
    e = world.person("E", v)
    world.target(period, "pro", "master", 5, unit=u, category="DIST_LEAD")
    world.plan(u, 2012, lines=[(g, 2, [a, b], "DIST_LEAD"), (g, 3, [c], "DIST_CIVIL"), (h, 9, [c])])
    world.plan(u, 2013, lines=[(g, 1, [a])])  # no category: serves it
    world.plan(u, 2016, lines=[(g, 7, [c])])  # outside the period
    world.plan(v, 2013, lines=[(g, 4, [e])])  # another unit
    world.plan(u, 2014, 1, status="draft", lines=[(g, 8, [c])])  # not in force
    c12 = world.training_class("M12", g, 2012, "2012-09-01", "2014-08-31")
    world.enrol(a, c12, "accepted")
    world.enrol(b, c12, "rejected")
    world.enrol(e, c12, "accepted")  # not in U
    world.enrol(c, c12, "withdrawn")
    row = gaps("2014-03-01")[0]
    assert (row["planned"], row["named"], row["nominated"]) == (3, 2, 1)


def test_report_subtracts_unrounded_shares_and_counts_programme_completions(world):
    u = world.unit("U")
    period = world.period()
    nq = world.programme("NQ05")
    cls = world.training_class("NQ", nq, 2012, "2012-05-10", "2012-05-11")
    people = [world.person(f"P{i}", u, category="DIST_CIVIL", quals=()) for i in range(3)]
    world.qualify(people[0], "pol", "intermediate", "2010-06-01")  # 1/3 then
    world.qualify(people[1], "pol", "advanced", "2012-06-01")  # higher level counts: 2/3 now
    world.enrol(people[0], cls, "completed", "2012-05-11")
    world.enrol(people[1], cls, "completed", "2014-03-02")  # after D
    world.target(period, "pol", "intermediate", 90, kind="share", category="DIST_CIVIL")
    world.target(period, "pol", "intermediate", 80, kind="share", category="DIST_LEAD")
    world.indicator(1, "DIST_CIVIL", "pol", "intermediate")
    world.indicator(2, None, None, None, nq)
    world.indicator(0, "TU", "pro", "bachelor")
    data = report_json(d("2010-12-31"), d("2014-03-01"), find_period("2011-2015"))
    tu, pol, nq05 = data["indicators"]
    assert tu["baseline"] == {"population": 0, "holders": 0, "share": 0.0} and tu["delta_pp"] == 0.0
    assert tu["target"] is None
    assert pol["baseline"]["share"] == 33.3 and pol["as_of"]["share"] == 66.7
    assert pol["delta_pp"] == 33.3  # 66.67 − 33.33, not 66.7 − 33.3
    assert pol["target"] == 90.0
    assert nq05["programme"] == "NQ05" and nq05["as_of"] == {"population": 3, "holders": 1, "share": 33.3}
    assert data["counts"] == []
    assert report_json(d("2010-12-31"), d("2014-03-01"))["indicators"][1]["target"] is None


def test_report_counts_list_province_wide_count_targets(world):
    u = world.unit("U")
    period = world.period()
    world.target(period, "pro", "master", 3)
    world.target(period, "pro", "doctor", 1)
    world.target(period, "pro", "master", 1, unit=u)
    world.target(period, "pol", "advanced", 2)
    for i in range(3):
        world.qualify(world.person(f"M{i}", u), "pro", "master", "2012-01-01")
    world.qualify(world.person("D", u), "pro", "doctor", "2012-01-01")
    world.qualify(world.person("D2", u), "pro", "doctor", "2012-01-01")
    counts = report_json(d("2010-12-31"), d("2014-03-01"), find_period("2011-2015"))["counts"]
    assert counts == [
        {"track": "pro", "level": "master", "target": 3, "achieved": 3, "pct": 100.0, "status": "met"},
        {"track": "pro", "level": "doctor", "target": 1, "achieved": 2, "pct": 200.0, "status": "exceeded"},
        {"track": "pol", "level": "advanced", "target": 2, "achieved": 0, "pct": 0.0, "status": "below"},
    ]


def test_everyone_holds_the_lowest_level(world):
    u = world.unit("U")
    world.person("A", u, quals=())
    world.person("B", u, quals=(("sm", "specialist", "2012-01-01"),))
    world.indicator(1, None, "sm", "none")
    world.indicator(2, None, "sm", "specialist")
    lowest, specialist = report_json(d("2010-12-31"), d("2014-03-01"))["indicators"]
    assert lowest["as_of"] == {"population": 2, "holders": 2, "share": 100.0}
    assert specialist["baseline"]["holders"] == 0 and specialist["as_of"]["holders"] == 1


def test_population_counts_an_assignment_ending_on_the_date(world):
    u = world.unit("U")
    world.person("ENDS_ON_D", u, end="2014-03-01", category="DIST_CIVIL")
    world.person("ENDED_BEFORE", u, end="2014-02-28", category="DIST_CIVIL")
    world.person("STARTS_ON_B", u, start="2010-12-31", category="DIST_CIVIL")
    world.person("STARTS_AFTER_B", u, start="2011-01-01", category="DIST_LEAD")
    world.indicator(1, "DIST_CIVIL", "pro", "bachelor")
    world.indicator(2, None, "pro", "bachelor")
    civil, everyone = report_json(d("2010-12-31"), d("2014-03-01"))["indicators"]
    assert (civil["baseline"]["population"], civil["as_of"]["population"]) == (3, 2)
    assert (everyone["baseline"]["population"], everyone["as_of"]["population"]) == (3, 3)


def test_rows_of_one_unit_sort_categories_by_code_after_the_null_category(world):
    """reports.md names no order for categories beyond "nulls first": codes sort as text."""
    u = world.unit("U")
    period = world.period()
    for category in ("TU", "DIST_CIVIL", "COMM_CIVIL", None):
        world.target(period, "pol", "intermediate", 1, category=category, unit=u)
    world.target(period, "edu", "upper_secondary", 1, category="COMM_CIVIL", unit=u)
    assert [(r["category"], r["track"]) for r in gaps("2014-03-01")] == [
        (None, "pol"),
        ("COMM_CIVIL", "edu"),
        ("COMM_CIVIL", "pol"),
        ("DIST_CIVIL", "pol"),
        ("TU", "pol"),
    ]
