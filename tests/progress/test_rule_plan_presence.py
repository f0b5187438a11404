"""MISSING_PLAN and the plan in force: due date, staff at R, drafts, returned and superseded versions."""

from __future__ import annotations

from tests.progress.helpers import findings


def test_missing_plan_fires_only_after_the_due_date(world):
    world.person("A", world.unit("U"))
    assert findings(2014, "2013-11-30", code="MISSING_PLAN") == []
    assert findings(2014, "2013-12-01", code="MISSING_PLAN") == [
        ("MISSING_PLAN", "U", None, None, None, None, {"due": "2013-11-30"})
    ]


def test_due_date_follows_the_setting(world):
    world.setting("plan_due_month_day", "10-15")
    world.person("A", world.unit("U"))
    assert findings(2014, "2013-10-15", code="MISSING_PLAN") == []
    assert findings(2014, "2013-10-16", code="MISSING_PLAN")[0][-1] == {"due": "2013-10-15"}


def test_missing_plan_needs_staff_at_the_start_of_the_year(world):
    world.unit("EMPTY")
    world.person("GONE", world.unit("LEFT"), end="2013-12-31")
    world.person("STAYS", world.unit("ENDS_ON_R"), end="2014-01-01")
    world.person("LATER", world.unit("JOINS"), start="2014-01-02")
    assert [f[1] for f in findings(2014, "2014-03-01", code="MISSING_PLAN")] == ["ENDS_ON_R"]


def test_only_submitted_or_approved_versions_are_in_force(world):
    draft_only = world.unit("DRAFT")
    returned_only = world.unit("RETURNED")
    draft_on_top = world.unit("DRAFT_ON_TOP")
    for u in (draft_only, returned_only, draft_on_top):
        world.person(f"P_{u.code}", u)
    world.plan(draft_only, 2014, status="draft")
    world.plan(returned_only, 2014, status="returned")
    world.plan(draft_on_top, 2014, 1, status="submitted")
    world.plan(draft_on_top, 2014, 2, status="draft")
    assert [f[1] for f in findings(2014, "2014-03-01", code="MISSING_PLAN")] == ["DRAFT", "RETURNED"]


def test_a_submitted_version_supersedes_an_approved_one(world):
    """v2 submitted is in force over v1 approved: its lines count, and STALE_PLAN (approved only) is quiet."""
    u = world.unit("U")
    g = world.programme("SKILL")
    world.training_class("S14", g, 2014, "2014-10-01", "2014-10-05", capacity=10)
    a = world.person("A", u, end="2014-01-15")
    world.person("B", u)
    world.plan(u, 2014, 1, status="approved", lines=[(g, 1, [a])])
    assert [f[0] for f in findings(2014, "2014-03-01")] == ["STALE_PLAN"]
    world.plan(u, 2014, 2, status="submitted", submitted="2013-12-20", lines=[(g, 5, [a])])
    assert findings(2014, "2014-03-01") == [
        ("OVER_POOL", "U", "SKILL", None, None, None, {"planned": 5, "pool": 2})
    ]
