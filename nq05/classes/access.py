"""Who may see and run training centres, classes and their enrolments."""

from __future__ import annotations

from sqlalchemy import Select, exists, false, select, true

from nq05.auth.access import ADMIN, CENTRE_STAFF, UNIT_HEAD, _check, _load_or_404, _matches, _user
from nq05.staff.access import person_clause

# --- centres, classes, enrolments ----------------------------------------------------------------


def centre_or_404(centre_id: int, write: bool = False, user=None):
    """Admin: any centre; centre staff: their own (read-only); unit heads: any centre, read-only."""
    from nq05.reference.models import Centre

    user = _user(user)
    centre = _load_or_404(Centre, centre_id)
    readable = user.role in (ADMIN, UNIT_HEAD) or (user.role == CENTRE_STAFF and user.centre_id == centre.id)
    _check(readable, user.role == ADMIN, write)
    return centre


def class_clause(user=None, write: bool = False):
    """SQL condition on TrainingClass: admin all; centre staff their centre's; unit heads published."""
    from nq05.classes.models import TrainingClass

    user = _user(user)
    if not user.is_authenticated:
        return false()
    if user.role == ADMIN:
        return true()
    if user.role == CENTRE_STAFF and user.centre_id is not None:
        return TrainingClass.centre_id == user.centre_id
    if user.role == UNIT_HEAD and not write:
        return TrainingClass.is_published.is_(True)
    return false()


def classes_query_for(user=None, write: bool = False) -> Select:
    from nq05.classes.models import TrainingClass

    return select(TrainingClass).where(class_clause(user, write))


def class_or_404(class_id: int, write: bool = False, user=None):
    """A class the user may read; with write=True one they may run (the centre's staff, admin)."""
    from nq05.classes.models import TrainingClass

    user = _user(user)
    training_class = _load_or_404(TrainingClass, class_id)
    readable = _matches(TrainingClass, training_class.id, class_clause(user))
    _check(
        readable, readable and write and _matches(TrainingClass, class_id, class_clause(user, True)), write
    )
    return training_class


def enrolment_clause(user=None, write: bool = False):
    """SQL condition on Enrolment: the centre's staff for their classes; unit heads for their people."""
    from nq05.classes.models import Enrolment, TrainingClass

    user = _user(user)
    if not user.is_authenticated:
        return false()
    if user.role == ADMIN:
        return true()
    if user.role == CENTRE_STAFF and user.centre_id is not None:
        return exists(
            select(TrainingClass.id).where(
                TrainingClass.id == Enrolment.class_id, TrainingClass.centre_id == user.centre_id
            )
        )
    if user.role == UNIT_HEAD:
        return person_clause(user, write, Enrolment.person_id)
    return false()


def enrolments_query_for(user=None, write: bool = False) -> Select:
    from nq05.classes.models import Enrolment

    return select(Enrolment).where(enrolment_clause(user, write))


def enrolment_or_404(enrolment_id: int, write: bool = False, user=None):
    from nq05.classes.models import Enrolment

    user = _user(user)
    enrolment = _load_or_404(Enrolment, enrolment_id)
    readable = _matches(Enrolment, enrolment.id, enrolment_clause(user))
    writable = readable and write and _matches(Enrolment, enrolment.id, enrolment_clause(user, True))
    _check(readable, writable, write)
    return enrolment
