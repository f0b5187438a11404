"""Who may be nominated to a class: eligibility at the class start date (realism.md, "Terms")."""

from __future__ import annotations

from nq05.classes.models import TrainingClass
from nq05.progress.eligibility import eligibility_for


def eligibility_at_start(
    training_class: TrainingClass,
    *,
    unit_id: int | None,
    person_ids: list[int] | None = None,
    ignore_enrolment_id: int | None = None,
) -> dict[int, list[str]]:
    """person id -> reason codes (empty: eligible) for ``training_class`` at its start date.

    ``unit_id`` is the nominating unit: its staff at the start date are answered for, and anyone
    else gets ``not_in_scope``; None skips the unit check (only ``person_ids`` are answered for).
    """
    return eligibility_for(
        training_class.programme_id,
        training_class.start_date,
        unit_id=unit_id,
        person_ids=person_ids,
        ignore_enrolment_id=ignore_enrolment_id,
    )
