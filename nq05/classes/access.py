"""Who may see and run training centres, classes and their rosters.

A centre's staff run their own centre's classes: schedule, roster decisions, attendance, results;
they see the people nominated to those classes. Unit heads see published classes and nominate
their own people; the enrolments they see are their people's. Who may open a class's roster is
``class_or_404`` (read) and ``class_or_404(..., write=True)`` (run it).
"""

from __future__ import annotations

from sqlalchemy import Select, exists, false, select

from nq05.auth.access import (
    ADMIN,
    CENTRE_STAFF,
    UNIT_HEAD,
    acting_user,
    belonging_or_404,
    check,
    clause,
    guards,
    load_or_404,
    matches,
    record_rule,
)
from nq05.classes.models import Enrolment, SessionDay, TrainingClass
from nq05.reference.models import Centre
from nq05.staff.access import person_clause


@record_rule("person", CENTRE_STAFF)
def _people_nominated_to_the_centre(user, write: bool, person_id_column):
    """A centre's staff read the people nominated to its classes; they change no staff record."""
    if write or user.centre_id is None:
        return false()
    return exists(
        select(Enrolment.id)
        .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
        .where(Enrolment.person_id == person_id_column, TrainingClass.centre_id == user.centre_id)
    )


@guards("centre_id")
def centre_or_404(centre_id: int, write: bool = False, user=None) -> Centre:
    """Admin: any centre; centre staff: their own (read-only); unit heads: any centre, read-only."""
    user = acting_user(user)
    centre = load_or_404(Centre, centre_id)
    readable = user.role in (ADMIN, UNIT_HEAD) or (user.role == CENTRE_STAFF and user.centre_id == centre.id)
    check(readable, user.role == ADMIN, write)
    return centre


@record_rule("class", CENTRE_STAFF)
def _the_centres_classes(user, write: bool):
    return TrainingClass.centre_id == user.centre_id if user.centre_id is not None else false()


@record_rule("class", UNIT_HEAD)
def _published_classes(user, write: bool):
    return TrainingClass.is_published.is_(True) if not write else false()


def class_clause(user=None, write: bool = False):
    """SQL condition on TrainingClass: admin all; centre staff their centre's; unit heads published."""
    return clause("class", user, write)


def classes_query_for(user=None, write: bool = False) -> Select:
    return select(TrainingClass).where(class_clause(user, write))


@guards("class_id")
def class_or_404(class_id: int, write: bool = False, user=None) -> TrainingClass:
    """A class the user may read; with write=True one they may run (the centre's staff, admin)."""
    user = acting_user(user)
    training_class = load_or_404(TrainingClass, class_id)
    readable = matches(TrainingClass, training_class.id, class_clause(user))
    check(readable, readable and write and matches(TrainingClass, class_id, class_clause(user, True)), write)
    return training_class


@guards("day_id")
def session_day_or_404(training_class: TrainingClass, day_id: int) -> SessionDay:
    """A session day of ``training_class`` (already loaded through ``class_or_404``)."""
    return belonging_or_404(SessionDay, day_id, class_id=training_class.id)


@record_rule("enrolment", CENTRE_STAFF)
def _enrolments_in_the_centres_classes(user, write: bool):
    if user.centre_id is None:
        return false()
    return exists(
        select(TrainingClass.id).where(
            TrainingClass.id == Enrolment.class_id, TrainingClass.centre_id == user.centre_id
        )
    )


@record_rule("enrolment", UNIT_HEAD)
def _enrolments_of_the_units_people(user, write: bool):
    return person_clause(user, write, Enrolment.person_id)


def enrolment_clause(user=None, write: bool = False):
    """SQL condition on Enrolment: the centre's staff for their classes; unit heads for their people."""
    return clause("enrolment", user, write)


def enrolments_query_for(user=None, write: bool = False) -> Select:
    return select(Enrolment).where(enrolment_clause(user, write))


@guards("enrolment_id")
def enrolment_or_404(enrolment_id: int, write: bool = False, user=None) -> Enrolment:
    user = acting_user(user)
    enrolment = load_or_404(Enrolment, enrolment_id)
    readable = matches(Enrolment, enrolment.id, enrolment_clause(user))
    writable = readable and write and matches(Enrolment, enrolment.id, enrolment_clause(user, True))
    check(readable, writable, write)
    return enrolment
