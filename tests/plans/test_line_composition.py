"""The plan page shows, per line, the share of women and of minority people among those named
beside their share in the line's pool (OVER_POOL's pool: eligible staff on 1 January)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from nq05.extensions import db as _db
from nq05.plans.models import Plan, PlanLine, PlanNominee
from nq05.progress.realism import findings_for_plan
from nq05.staff.models import Qualification
from tests.plans.pages import AS_OF, YEAR, make_world, plain, text_of
from tests.web.fixtures import users  # noqa: F401  (the fixture)
from tests.web.helpers import login


@pytest.fixture()
def plan(db, users):  # noqa: F811
    world = make_world(db, users)
    # A01 M Kinh, A02 F Thái, A03 M Mông (holds a master's already), A04 M no ethnicity (no bachelor)
    for person, ethnicity in zip(world.staff, ("Kinh", "Thái", "Mông", None), strict=True):
        person.ethnicity = ethnicity
    plan = Plan(unit_id=world.ha.id, year=YEAR, version=1, status="draft")
    db.session.add(plan)
    db.session.flush()
    for i, (programme, planned, named) in enumerate(
        ((world.master, 3, world.staff[1:2]), (world.refresher, 2, world.staff[2:4]))
    ):
        line = PlanLine(plan_id=plan.id, programme_id=programme.id, planned_count=planned, position=i)
        db.session.add(line)
        db.session.flush()
        for j, person in enumerate(named):
            db.session.add(PlanNominee(line_id=line.id, person_id=person.id, position=j))
    db.session.commit()
    return plan


def line_compositions(page_html: str) -> list[tuple[str, str]]:
    found = re.findall(
        r'<span data-composition="named">(.*?)</span><br>\s*<span data-composition="pool">(.*?)</span>\s*</dd>',
        page_html,
        re.S,
    )
    return [(plain(named), plain(pool)) for named, pool in found]


def test_each_line_compares_those_named_with_its_pool(client, users, plan):  # noqa: F811
    login(client, users.head_a)
    page = text_of(client.get(f"/plans/{plan.id}?as_of={AS_OF.isoformat()}"))
    assert line_compositions(page) == [
        (  # the master's line: A02 named; A01 and A02 eligible (A03 has it, A04 lacks a bachelor)
            "Trong số người được cử: nữ 100% (1 người) · dân tộc thiểu số 100% (1 người)",
            "Trong 2 người đủ điều kiện của dòng: nữ 50% (1 người) · dân tộc thiểu số 50% (1 người)",
        ),
        (  # the refresher: A03 and A04 named; all four eligible
            "Trong số người được cử: nữ 0% (0 người) · dân tộc thiểu số 50% (1 người)"
            " · chưa rõ dân tộc: 1 người",
            "Trong 4 người đủ điều kiện của dòng: nữ 25% (1 người) · dân tộc thiểu số 50% (2 người)"
            " · chưa rõ dân tộc: 1 người",
        ),
    ]


def test_the_pool_is_the_one_over_pool_counts(client, users, plan):  # noqa: F811
    """A line larger than its pool: the pool on the page is the one the finding counts."""
    line = _db.session.get(Plan, plan.id).lines[0]
    line.planned_count = 5
    _db.session.commit()
    over_pool = [f for f in findings_for_plan(plan.id, AS_OF) if f.code == "OVER_POOL"]
    assert [f.figures for f in over_pool] == [{"planned": 5, "pool": 2}]
    login(client, users.head_a)
    page = text_of(client.get(f"/plans/{plan.id}?as_of={AS_OF.isoformat()}"))
    assert line_compositions(page)[0][1].startswith("Trong 2 người đủ điều kiện của dòng")


def test_the_pool_follows_the_staff_between_two_views(client, users, plan):  # noqa: F811
    """The page keeps the pools' query between views of a plan: the people are read again each
    time (A04 gains a bachelor's degree: the master's line has three eligible people)."""
    login(client, users.head_a)
    url = f"/plans/{plan.id}?as_of={AS_OF.isoformat()}"
    assert line_compositions(text_of(client.get(url)))[0][1].startswith("Trong 2 người đủ điều kiện")
    a04 = _db.session.get(Plan, plan.id).lines[1].nominees[1].person
    assert a04.code == "A04"
    _db.session.add(
        Qualification(person_id=a04.id, track="pro", level="bachelor", awarded_on=date(2000, 1, 1))
    )
    _db.session.commit()
    assert line_compositions(text_of(client.get(url)))[0][1].startswith("Trong 3 người đủ điều kiện")
