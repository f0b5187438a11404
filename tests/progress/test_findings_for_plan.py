"""findings_for_plan: a draft or returned version checked as if it were in force; messages and fixes."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from nq05.progress.realism import findings_for_plan
from tests.factories import d


def test_a_draft_is_checked_as_if_it_were_in_force(world):
    u = world.unit("U")
    v = world.unit("V")
    g = world.programme("SKILL")
    world.training_class("S", g, 2014, "2014-03-10", "2014-03-11", capacity=4)
    a = world.person("A", u)
    world.person("B", u)
    world.person("C", v)
    approved = world.plan(u, 2014, 1, status="approved", lines=[(g, 1, [a])])
    draft = world.plan(u, 2014, 2, status="draft", lines=[(g, 3, [a])])
    world.plan(v, 2014, lines=[(g, 2, [])])
    got = {(f.code, f.unit): f for f in findings_for_plan(draft.id, d("2014-03-01"))}
    assert set(got) == {("OVER_POOL", "U"), ("NO_NAMED_SOURCE", "U"), ("OVER_CAPACITY", "U")}
    assert got[("OVER_POOL", "U")].figures == {"planned": 3, "pool": 2}
    assert got[("OVER_CAPACITY", "U")].figures == {"demand": 5, "capacity": 4}  # V's plan counts too
    named = got[("NO_NAMED_SOURCE", "U")]
    assert named.line_id is not None and named.plan_id == draft.id
    assert named.fix() == "Nêu tên thêm 2 người, hoặc giảm số người của dòng xuống 1"
    assert "3" in named.message() and "1" in named.message()
    with force_locale("en"):
        assert named.fix() == "Name 2 more people, or lower the line's number to 1"
    # the approved version in force has none of these
    assert findings_for_plan(approved.id, d("2014-03-01")) == []


def test_unknown_plan(world):
    with pytest.raises(LookupError):
        findings_for_plan(12345, d("2014-03-01"))


def test_one_units_check_reads_only_its_plans_and_finds_the_same(runner, db):
    """The plan page scopes the rules to the plan's unit (a unit's worth of rows instead of the
    province's); on a demo province that must change nothing: every version of every unit's plan,
    drafts and returned ones too, gets exactly the findings an evaluation of all units gives it."""
    from datetime import date

    from sqlalchemy import select

    from nq05.plans.findings import findings_by_plan
    from nq05.plans.models import Plan
    from nq05.progress.realism import run_rules
    from nq05.progress.realism.terms import Terms

    assert runner.invoke(args=["demo", "--seed", "5", "--scale", "0.1"]).exit_code == 0
    checked = with_findings = 0
    for year, as_of in ((2013, date(2013, 6, 30)), (2016, date(2016, 5, 15))):
        plans = db.session.scalars(select(Plan).where(Plan.year == year).order_by(Plan.id)).all()
        assert len({p.status for p in plans}) >= 3, "drafts, returned and approved versions"
        # the review queue's way: one evaluation of the year for the many plans in force
        in_queue = findings_by_plan(plans, as_of)
        for plan in plans:
            whole = run_rules(Terms(year, as_of, override=plan))
            expected = [f for f in whole if f.unit_id == plan.unit_id]
            assert findings_for_plan(plan.id, as_of) == expected, (plan.unit.code, plan.version)
            assert in_queue[plan.id] == expected, (plan.unit.code, plan.version)
            checked += 1
            with_findings += bool(expected)
    assert checked >= 20 and with_findings >= 10, (checked, with_findings)
