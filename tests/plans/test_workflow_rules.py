"""The pure workflow rules: every allowed step and every refused one."""

import pytest

from nq05.domain import plan_workflow as wf


def refused(code, rule, *args):
    with pytest.raises(wf.StepRefused) as info:
        rule(*args)
    assert info.value.code == code


def test_a_draft_with_lines_is_submitted_by_its_unit_head_or_the_admin():
    assert wf.submit("draft", "unit_head", 1) == "submitted"
    assert wf.submit("draft", "admin", 3) == "submitted"


def test_an_empty_plan_cannot_be_submitted():
    refused("empty_plan", wf.submit, "draft", "unit_head", 0)


@pytest.mark.parametrize("status", ["submitted", "approved", "returned"])
def test_only_a_draft_is_submitted_or_edited(status):
    refused("not_draft", wf.submit, status, "unit_head", 2)
    refused("not_draft", wf.check_editable, status, "unit_head")


def test_a_draft_is_editable_by_writers_only():
    wf.check_editable("draft", "unit_head")
    wf.check_editable("draft", "admin")
    refused("not_a_writer", wf.check_editable, "draft", "centre_staff")
    refused("not_a_writer", wf.submit, "draft", "centre_staff", 1)


def test_the_admin_approves_or_returns_a_submitted_plan():
    assert wf.approve("submitted", "admin") == "approved"
    assert wf.return_for_correction("submitted", "admin", "Thiếu người được cử") == "returned"


@pytest.mark.parametrize("status", ["draft", "approved", "returned"])
def test_only_a_submitted_plan_is_decided(status):
    refused("not_submitted", wf.approve, status, "admin")
    refused("not_submitted", wf.return_for_correction, status, "admin", "lý do")


@pytest.mark.parametrize("role", ["unit_head", "centre_staff"])
def test_nobody_but_the_admin_decides(role):
    refused("not_a_reviewer", wf.approve, "submitted", role)
    refused("not_a_reviewer", wf.return_for_correction, "submitted", role, "lý do")


@pytest.mark.parametrize("comment", [None, "", "   "])
def test_returning_needs_a_comment(comment):
    refused("comment_required", wf.return_for_correction, "submitted", "admin", comment)


@pytest.mark.parametrize("status", ["approved", "returned"])
def test_a_decided_latest_version_gets_a_next_version_as_draft(status):
    assert wf.start_next_version(status, "unit_head", True) == "draft"


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_an_undecided_version_gets_no_next_version(status):
    refused("not_decided", wf.start_next_version, status, "unit_head", True)


def test_only_the_latest_version_gets_a_next_version():
    refused("not_latest", wf.start_next_version, "approved", "unit_head", False)
    refused("not_a_writer", wf.start_next_version, "approved", "centre_staff", True)
