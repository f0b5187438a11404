"""The life of an annual plan version: draft → submitted → approved | returned (domain.md).

Pure rules over plain values. A refused step raises ``StepRefused`` with a code; the plans
package turns the code into a message in the user's language.
"""

from __future__ import annotations

#: Roles that may write a unit's plan (scoping decides which unit).
PLAN_WRITERS = ("unit_head", "admin")
#: Roles that may approve or return a plan.
REVIEWERS = ("admin",)
#: Statuses from which a later version (bổ sung, điều chỉnh) may be started.
SUPPLEMENTABLE = ("approved", "returned")

#: Why a step was refused; each code has a message in nq05.plans.messages.
REFUSALS = (
    "not_a_writer",
    "not_a_reviewer",
    "not_draft",
    "empty_plan",
    "not_submitted",
    "comment_required",
    "not_latest",
    "not_decided",
    "plan_exists",
)


class StepRefused(Exception):
    """A workflow step that the rules do not allow; ``code`` is one of REFUSALS."""

    def __init__(self, code: str):
        assert code in REFUSALS, code
        super().__init__(code)
        self.code = code


def check_may_write(role: str) -> None:
    if role not in PLAN_WRITERS:
        raise StepRefused("not_a_writer")


def check_editable(status: str, role: str) -> None:
    """Lines and names change only on a draft."""
    check_may_write(role)
    if status != "draft":
        raise StepRefused("not_draft")


def submit(status: str, role: str, line_count: int) -> str:
    """The status after submitting: a draft with at least one line becomes ``submitted``."""
    check_may_write(role)
    if status != "draft":
        raise StepRefused("not_draft")
    if line_count < 1:
        raise StepRefused("empty_plan")
    return "submitted"


def approve(status: str, role: str) -> str:
    """The status after approval: only an admin approves, and only a submitted plan."""
    if role not in REVIEWERS:
        raise StepRefused("not_a_reviewer")
    if status != "submitted":
        raise StepRefused("not_submitted")
    return "approved"


def return_for_correction(status: str, role: str, comment: str | None) -> str:
    """The status after returning: an admin returns a submitted plan, always saying why."""
    if role not in REVIEWERS:
        raise StepRefused("not_a_reviewer")
    if status != "submitted":
        raise StepRefused("not_submitted")
    if not (comment or "").strip():
        raise StepRefused("comment_required")
    return "returned"


def start_next_version(status: str, role: str, is_latest: bool) -> str:
    """The status of a new version copied from this one: a draft.

    Only the latest version is supplemented or corrected, and only once it has been decided: a
    draft is still edited in place, a submitted plan waits for its review.
    """
    check_may_write(role)
    if not is_latest:
        raise StepRefused("not_latest")
    if status not in SUPPLEMENTABLE:
        raise StepRefused("not_decided")
    return "draft"
