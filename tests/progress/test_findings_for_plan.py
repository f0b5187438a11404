"""findings_for_plan: a draft or returned version checked as if it were in force; messages and fixes."""

from __future__ import annotations

import pytest

from nq05.progress.realism import findings_for_plan
from tests.progress.factories import d


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
    assert named.fix("vi") == "Cần nêu tên thêm 2 người hoặc giảm số lượng xuống 1"
    assert named.fix("en") == "Name 2 more people or lower the number to 1"
    assert "3" in named.message("vi") and "1" in named.message("vi")
    # the approved version in force has none of these
    assert findings_for_plan(approved.id, d("2014-03-01")) == []


def test_unknown_plan(world):
    with pytest.raises(LookupError):
        findings_for_plan(12345, d("2014-03-01"))
