"""Two people editing one draft never silently overwrite each other."""

import pytest

from nq05.plans import operations as ops
from nq05.plans.models import Plan, PlanLine
from nq05.sqlite import writing
from tests.plans.test_operations import draft_with_line


def test_the_second_of_two_editors_who_loaded_the_same_version_is_refused(app, db, province):
    plan, line = draft_with_line(db, province, count=2)
    loaded = plan.lock_version  # both editors opened the page at this version
    plan_id, line_id, head_id, master_id = plan.id, line.id, province.head.id, province.master.id
    db.session.rollback()

    def save(count: int) -> None:
        """One editor's save: a request of its own (app context, session, write transaction)."""
        with app.app_context(), writing():
            actor = db.session.get(type(province.head), head_id)
            edited = db.session.get(Plan, plan_id)
            ops.change_line(edited, line_id, ops.LineValues(master_id, None, count), actor, loaded)
            db.session.commit()

    save(3)
    with pytest.raises(ops.PlanRefused) as info:
        save(5)
    assert info.value.code == "stale"
    assert "người khác" in info.value.message and "tải lại trang" in info.value.message

    db.session.expire_all()
    assert db.session.get(PlanLine, line_id).planned_count == 3


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
