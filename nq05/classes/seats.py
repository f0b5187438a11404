"""Seats in a class: counted only while the class row is locked, so capacity always holds.

Every roster change first locks its class row (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite
a write to the row, which takes the database's single write lock). Concurrent changes to one class
therefore run one after the other, and a seat count read after the lock stays true until commit.
"""

from __future__ import annotations

from sqlalchemy import func, select, text

from nq05.classes.models import Enrolment, TrainingClass
from nq05.domain.codes import SEAT_STATUSES
from nq05.extensions import db


def lock_class(class_id: int) -> TrainingClass:
    """Lock the class row for the rest of the transaction and return the class, freshly read."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(select(TrainingClass.id).where(TrainingClass.id == class_id).with_for_update())
    else:
        db.session.execute(text("UPDATE classes SET capacity = capacity WHERE id = :id"), {"id": class_id})
    return db.session.execute(
        select(TrainingClass).where(TrainingClass.id == class_id).execution_options(populate_existing=True)
    ).scalar_one()


def seats_taken(class_id: int) -> int:
    """Accepted + completed + failed enrolments of the class."""
    return db.session.scalar(
        select(func.count())
        .select_from(Enrolment)
        .where(Enrolment.class_id == class_id, Enrolment.status.in_(SEAT_STATUSES))
    )


def first_waitlisted(class_id: int) -> Enrolment | None:
    """The enrolment that waited longest (by ``waitlisted_at``, then id)."""
    return db.session.scalars(
        select(Enrolment)
        .where(Enrolment.class_id == class_id, Enrolment.status == "waitlisted")
        .order_by(Enrolment.waitlisted_at.is_(None), Enrolment.waitlisted_at, Enrolment.id)
        .limit(1)
    ).first()


def reload(enrolment_id: int) -> Enrolment:
    """The enrolment as committed by others, read after the class lock."""
    return db.session.execute(
        select(Enrolment).where(Enrolment.id == enrolment_id).execution_options(populate_existing=True)
    ).scalar_one()
