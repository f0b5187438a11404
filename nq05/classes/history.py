"""Audit entries for classes and rosters: who did what, to which class or enrolment, when.

Forwards to ``nq05.audit.operations.record``. Actions are named
``class.<verb>`` and ``enrolment.<new status>``; the details name the class, the person and the
status change so the audit page can show them without joining.
"""

from __future__ import annotations

from nq05.audit.operations import record


def _record(actor, action: str, obj, details: dict) -> None:
    record(action, obj, details, user=actor)


def class_changed(actor, action: str, training_class, **details) -> None:
    _record(
        actor,
        f"class.{action}",
        training_class,
        {"class": training_class.code, "capacity": training_class.capacity, **details},
    )


def enrolment_changed(
    actor, action: str, enrolment, previous: str | None, *, reason: str | None = None
) -> None:
    person = enrolment.person
    details = {
        "class": enrolment.training_class.code,
        "person": person.code,
        "person_name": person.full_name,
        "from": previous,
        "to": enrolment.status,
    }
    if reason:
        details["reason"] = reason
    _record(actor, f"enrolment.{action}", enrolment, details)


def qualification_conferred(actor, qualification, enrolment) -> None:
    _record(
        actor,
        "qualification.confer",
        qualification,
        {
            "person": enrolment.person.code,
            "track": qualification.track,
            "level": qualification.level,
            "awarded_on": qualification.awarded_on,
            "class": enrolment.training_class.code,
            "enrolment": enrolment.id,
        },
    )


def attendance_recorded(actor, attendance, enrolment, session_day) -> None:
    _record(
        actor,
        "enrolment.attendance",
        enrolment,
        {
            "class": enrolment.training_class.code,
            "person": enrolment.person.code,
            "day": session_day.day,
            "present": attendance.present,
            "note": attendance.note,
        },
    )


def result_corrected(actor, enrolment, previous: str, changes: dict, reason: str | None) -> None:
    """A recorded result changed: the fields before and after, and why."""
    person = enrolment.person
    details = {
        "class": enrolment.training_class.code,
        "person": person.code,
        "person_name": person.full_name,
        "from": previous,
        "to": enrolment.status,
        **changes,  # field -> [before, after], one line each on the audit page
    }
    if reason:
        details["reason"] = reason
    _record(actor, "enrolment.corrected", enrolment, details)


def _qualification_details(qualification, enrolment, **extra) -> dict:
    return {
        "person": enrolment.person.code,
        "track": qualification.track,
        "level": qualification.level,
        "awarded_on": qualification.awarded_on,
        "class": enrolment.training_class.code,
        "enrolment": enrolment.id,
        **extra,
    }


def qualification_moved(actor, qualification, enrolment, previous_date) -> None:
    _record(
        actor,
        "qualification.move",
        qualification,
        _qualification_details(qualification, enrolment, previous_awarded_on=previous_date),
    )


def qualification_withdrawn(actor, qualification, enrolment) -> None:
    _record(actor, "qualification.withdraw", qualification, _qualification_details(qualification, enrolment))
