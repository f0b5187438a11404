"""Two people editing one draft never silently overwrite each other."""

import pytest
from sqlalchemy.orm import Session

from nq05.plans import operations as ops
from nq05.plans.models import Plan, PlanLine
from tests.plans.test_operations import draft_with_line


def test_the_second_of_two_editors_who_loaded_the_same_version_is_refused(db, province):
    plan, line = draft_with_line(db, province, count=2)
    with Session(db.engine) as first, Session(db.engine) as second:
        mine, theirs = first.get(Plan, plan.id), second.get(Plan, plan.id)
        loaded = mine.lock_version
        assert theirs.lock_version == loaded  # both editors opened the same page

        ops.change_line(mine, line.id, ops.LineValues(province.master.id, None, 3), province.head, loaded)
        first.commit()

        with pytest.raises(ops.PlanRefused) as info:
            ops.change_line(
                theirs, line.id, ops.LineValues(province.master.id, None, 5), province.head, loaded
            )
        assert info.value.code == "stale"
        assert "người khác" in info.value.message and "tải lại trang" in info.value.message

    db.session.expire_all()
    assert db.session.get(PlanLine, line.id).planned_count == 3


def test_a_save_from_a_page_older_than_the_plan_is_refused_and_changes_nothing(db, province):
    plan, line = draft_with_line(db, province, count=2)
    page_version = plan.lock_version
    ops.change_line(plan, line.id, ops.LineValues(province.master.id, None, 4), province.head, page_version)
    db.session.commit()
    assert plan.lock_version == page_version + 1

    for attempt in (
        lambda: ops.add_line(
            plan, ops.LineValues(province.refresher.id, None, 1), province.head, page_version
        ),
        lambda: ops.remove_line(plan, line.id, province.head, page_version),
        lambda: ops.set_named_people(plan, line.id, [province.staff[0].id], province.head, page_version),
        lambda: ops.submit(plan, province.head, page_version),
    ):
        with pytest.raises(ops.PlanRefused) as info:
            attempt()
        assert info.value.code == "stale"
    db.session.rollback()
    assert (plan.status, [ln.planned_count for ln in plan.lines], plan.lines[0].nominees) == (
        "draft",
        [4],
        [],
    )
    # with the current version the same save goes through
    ops.add_line(plan, ops.LineValues(province.refresher.id, None, 1), province.head, plan.lock_version)
    db.session.commit()
    assert len(plan.lines) == 2
