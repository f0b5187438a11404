"""The enrolment state machine (domain.md, "Enrolment"): which status may follow which.

nominated → accepted | waitlisted | rejected | withdrawn; waitlisted → accepted | rejected |
withdrawn; accepted → withdrawn | completed | failed. Rejected, withdrawn, completed and failed
are final.
"""

from __future__ import annotations

from nq05.domain.codes import ENROLMENT_STATUSES, SEAT_STATUSES

#: status -> the statuses it may move to
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "nominated": ("accepted", "waitlisted", "rejected", "withdrawn"),
    "waitlisted": ("accepted", "rejected", "withdrawn"),
    "accepted": ("withdrawn", "completed", "failed"),
    "rejected": (),
    "withdrawn": (),
    "completed": (),
    "failed": (),
}

FINAL_STATUSES = tuple(s for s, after in TRANSITIONS.items() if not after)


class TransitionRefused(ValueError):
    """A status change the state machine does not allow; ``reason`` is a stable code."""

    def __init__(self, current: str, target: str, reason: str):
        self.current, self.target, self.reason = current, target, reason
        super().__init__(f"{current} → {target}: {reason}")


def refusal(current: str, target: str) -> str | None:
    """Why ``current`` may not become ``target`` (a code), or None when it may."""
    if current not in ENROLMENT_STATUSES or target not in ENROLMENT_STATUSES:
        return "unknown_status"
    if current == target:
        return "same_status"
    if current in FINAL_STATUSES:
        return "final_status"
    if target not in TRANSITIONS[current]:
        return "not_allowed"
    return None


def transition(current: str, target: str) -> str:
    """``target`` when ``current`` may become it; raises TransitionRefused otherwise."""
    reason = refusal(current, target)
    if reason:
        raise TransitionRefused(current, target, reason)
    return target


def takes_seat(status: str) -> bool:
    """Accepted, completed and failed enrolments hold a seat in the class."""
    return status in SEAT_STATUSES


def frees_seat(current: str, target: str) -> bool:
    """Moving from ``current`` to ``target`` gives a seat back to the class."""
    return takes_seat(current) and not takes_seat(target)


def needs_seat(current: str, target: str) -> bool:
    """Moving from ``current`` to ``target`` needs a free seat in the class."""
    return takes_seat(target) and not takes_seat(current)
