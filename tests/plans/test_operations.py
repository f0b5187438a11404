"""Starting, editing, submitting, reviewing and supplementing plans against a real database."""

from datetime import date

import pytest

from nq05.plans import operations as ops
from nq05.plans import queries
from nq05.plans.models import PlanEvent
from tests.plans.conftest import TODAY

YEAR = 2014


def refused(code, func, *args, **kw):
    with pytest.raises(ops.PlanRefused) as info:
        func(*args, **kw)
    assert info.value.code == code
    assert info.value.message  # a sentence to show, not a code
    return info.value


def draft_with_line(db, p, count=2, names=()):
    plan = ops.start_plan(p.unit, YEAR, p.head)
    line = ops.add_line(plan, ops.LineValues(p.master.id, None, count), p.head, plan.lock_version)
    if names:
        ops.set_named_people(plan, line.id, [n.id for n in names], p.head, plan.lock_version, today=TODAY)
    db.session.commit()
    return plan, line


def test_a_new_plan_starts_empty_as_version_1_draft(db, province):
    plan = ops.start_plan(province.unit, YEAR, province.head)
    db.session.commit()
    assert (plan.version, plan.status, plan.lines) == (1, "draft", [])
    assert [(e.action, e.from_status, e.to_status, e.actor_name) for e in plan.events] == [
        ("created", None, "draft", "Thủ trưởng Một")
    ]
    refused("plan_exists", ops.start_plan, province.unit, YEAR, province.head)


def test_a_plan_copied_from_last_years_plan_in_force(db, province):
    refused("no_plan_last_year", ops.start_plan, province.unit, YEAR, province.head, copy_last_year=True)
    last, _ = draft_with_line(db, province, count=2, names=province.staff[:2])
    last.year = YEAR - 1
    ops.submit(last, province.head, today=TODAY)
    db.session.commit()
    plan = ops.start_plan(province.unit, YEAR, province.head, copy_last_year=True)
    db.session.commit()
    assert [(ln.programme.code, ln.planned_count) for ln in plan.lines] == [("MASTER_ECON", 2)]
    assert [n.person.code for n in plan.lines[0].nominees] == ["P01", "P02"]
    assert plan.events[0].action == "copied"


def test_lines_one_per_programme_and_category_with_a_number_not_below_zero(db, province):
    plan, line = draft_with_line(db, province)
    refused(
        "duplicate_line", ops.add_line, plan, ops.LineValues(province.master.id, None, 1), province.head, None
    )
    other = ops.add_line(plan, ops.LineValues(province.master.id, "DIST_CIVIL", 1), province.head, None)
    refused(
        "duplicate_line",
        ops.change_line,
        plan,
        other.id,
        ops.LineValues(province.master.id, None, 1),
        province.head,
        None,
    )
    refused(
        "negative_count",
        ops.add_line,
        plan,
        ops.LineValues(province.refresher.id, None, -1),
        province.head,
        None,
    )
    refused(
        "unknown_category",
        ops.add_line,
        plan,
        ops.LineValues(province.refresher.id, "XX", 1),
        province.head,
        None,
    )
    ops.change_line(plan, line.id, ops.LineValues(province.master.id, None, 0), province.head, None)
    ops.remove_line(plan, other.id, province.head, None)
    db.session.commit()
    assert [(ln.category, ln.planned_count) for ln in plan.lines] == [(None, 0)]


def test_only_the_units_staff_are_named(db, province):
    plan, line = draft_with_line(db, province)
    refused(
        "not_unit_staff",
        ops.name_person,
        plan,
        line.id,
        province.outsider.id,
        province.head,
        None,
        today=TODAY,
    )
    ops.name_person(plan, line.id, province.staff[1].id, province.head, None, today=TODAY)
    ops.name_person(plan, line.id, province.staff[0].id, province.head, None, today=TODAY)
    ops.unname_person(plan, line.id, province.staff[1].id, province.head, None, today=TODAY)
    db.session.commit()
    assert [n.person.code for n in line.nominees] == ["P01"]


def test_submitting_an_empty_plan_is_refused(db, province):
    plan = ops.start_plan(province.unit, YEAR, province.head)
    refused("empty_plan", ops.submit, plan, province.head, today=TODAY)
    assert plan.status == "draft"


def test_a_submitted_plan_is_read_only(db, province):
    plan, line = draft_with_line(db, province)
    ops.submit(plan, province.head, plan.lock_version, today=TODAY)
    db.session.commit()
    assert (plan.status, plan.submitted_on) == ("submitted", TODAY)
    refused(
        "not_draft", ops.add_line, plan, ops.LineValues(province.refresher.id, None, 1), province.head, None
    )
    refused(
        "not_draft",
        ops.change_line,
        plan,
        line.id,
        ops.LineValues(province.master.id, None, 5),
        province.head,
        None,
    )
    refused("not_draft", ops.remove_line, plan, line.id, province.head, None)
    refused(
        "not_draft", ops.name_person, plan, line.id, province.staff[0].id, province.head, None, today=TODAY
    )
    refused("not_draft", ops.submit, plan, province.head, today=TODAY)


def test_approving_a_draft_is_refused(db, province):
    plan, _ = draft_with_line(db, province)
    refused("not_submitted", ops.approve, plan, province.admin, today=TODAY)
    refused("not_submitted", ops.return_for_correction, plan, province.admin, "Sai", today=TODAY)


def test_a_unit_head_cannot_approve_or_return(db, province):
    plan, _ = draft_with_line(db, province)
    ops.submit(plan, province.head, today=TODAY)
    refused("not_a_reviewer", ops.approve, plan, province.head, today=TODAY)
    refused("not_a_reviewer", ops.return_for_correction, plan, province.head, "x", today=TODAY)
    refused("not_a_writer", ops.start_plan, province.other_unit, YEAR, province.centre_staff)
    assert plan.status == "submitted"


def test_return_with_a_comment_then_correct_in_a_new_version_then_approve(db, province):
    plan, _ = draft_with_line(db, province, names=province.staff[:1])
    ops.submit(plan, province.head, today=TODAY)
    refused("comment_required", ops.return_for_correction, plan, province.admin, "  ", today=TODAY)
    ops.return_for_correction(plan, province.admin, "Cần cử đủ 2 người", today=date(2013, 11, 20))
    db.session.commit()
    assert (plan.status, plan.review_comment, plan.decided_on) == (
        "returned",
        "Cần cử đủ 2 người",
        date(2013, 11, 20),
    )
    refused(
        "not_draft", ops.add_line, plan, ops.LineValues(province.refresher.id, None, 1), province.head, None
    )

    v2 = ops.start_next_version(plan, province.head)
    db.session.commit()
    assert (v2.version, v2.status, v2.submitted_on, v2.review_comment) == (2, "draft", None, None)
    assert [n.person.code for n in v2.lines[0].nominees] == ["P01"]
    ops.name_person(v2, v2.lines[0].id, province.staff[1].id, province.head, v2.lock_version, today=TODAY)
    ops.submit(v2, province.head, today=TODAY)
    ops.approve(v2, province.admin, today=TODAY)
    db.session.commit()
    assert queries.plan_in_force(province.unit.id, YEAR).id == v2.id
    assert [e.action for e in db.session.query(PlanEvent).order_by(PlanEvent.id)] == [
        "created",
        "submitted",
        "returned",
        "supplemented",
        "submitted",
        "approved",
    ]
    returned = plan.events[-1]
    assert (returned.from_status, returned.to_status, returned.comment, returned.actor_name) == (
        "submitted",
        "returned",
        "Cần cử đủ 2 người",
        "Ban Tổ chức",
    )


def test_a_supplement_only_from_the_latest_decided_version(db, province):
    plan, _ = draft_with_line(db, province)
    refused("not_decided", ops.start_next_version, plan, province.head)
    ops.submit(plan, province.head, today=TODAY)
    refused("not_decided", ops.start_next_version, plan, province.head)
    ops.approve(plan, province.admin, today=TODAY)
    v2 = ops.start_next_version(plan, province.head)
    refused("not_latest", ops.start_next_version, plan, province.head)
    assert v2.version == 2
    # the approved version stays in force while its supplement is a draft
    assert queries.plan_in_force(province.unit.id, YEAR).id == plan.id


def test_the_diff_of_a_supplement_against_the_version_in_force(db, province):
    plan, line = draft_with_line(db, province, count=2, names=province.staff[:2])
    ops.submit(plan, province.head, today=TODAY)
    ops.approve(plan, province.admin, today=TODAY)
    v2 = ops.start_next_version(plan, province.head)
    first = v2.lines[0]
    ops.change_line(v2, first.id, ops.LineValues(province.master.id, None, 3), province.head, None)
    ops.unname_person(v2, first.id, province.staff[0].id, province.head, None, today=TODAY)
    ops.add_line(v2, ops.LineValues(province.refresher.id, "DIST_CIVIL", 4), province.head, None)
    db.session.commit()
    base, diff = queries.diff_against_in_force(v2)
    assert base.id == plan.id
    summary = [(c.kind, c.key, c.names_added, c.names_removed) for c in diff.changes]
    assert summary == [
        ("changed", ("MASTER_ECON", None), [], ["P01"]),
        ("added", ("REFRESH", "DIST_CIVIL"), [], []),
    ]
    assert diff.changes[0].before.planned == 2 and diff.changes[0].after.planned == 3
    # the first version, with nothing in force before it, adds everything
    base1, diff1 = queries.diff_against_in_force(plan)
    assert base1 is None and [c.kind for c in diff1.changes] == ["added"]
