"""The enrolment state machine: every allowed and every refused status change."""

from __future__ import annotations

import itertools

import pytest

from nq05.domain.codes import ENROLMENT_STATUSES
from nq05.domain.enrolment import TransitionRefused, frees_seat, needs_seat, refusal, transition

ALLOWED = {
    ("nominated", "accepted"),
    ("nominated", "waitlisted"),
    ("nominated", "rejected"),
    ("nominated", "withdrawn"),
    ("waitlisted", "accepted"),
    ("waitlisted", "rejected"),
    ("waitlisted", "withdrawn"),
    ("accepted", "withdrawn"),
    ("accepted", "completed"),
    ("accepted", "failed"),
}
PAIRS = list(itertools.product(ENROLMENT_STATUSES, repeat=2))


@pytest.mark.parametrize("current,target", sorted(ALLOWED))
def test_allowed(current, target):
    assert transition(current, target) == target
    assert refusal(current, target) is None


@pytest.mark.parametrize("current,target", [p for p in PAIRS if p not in ALLOWED])
def test_refused(current, target):
    with pytest.raises(TransitionRefused) as refused:
        transition(current, target)
    assert refused.value.reason in ("same_status", "final_status", "not_allowed")


def test_final_statuses_go_nowhere():
    for final in ("rejected", "withdrawn", "completed", "failed"):
        assert all(refusal(final, t) for t in ENROLMENT_STATUSES)
        assert refusal(final, "accepted") in ("final_status",)


def test_unknown_status_is_refused():
    assert refusal("nominated", "graduated") == "unknown_status"


def test_seats():
    assert needs_seat("nominated", "accepted") and needs_seat("waitlisted", "accepted")
    assert not needs_seat("accepted", "completed")
    assert frees_seat("accepted", "withdrawn")
    assert not frees_seat("nominated", "withdrawn")
