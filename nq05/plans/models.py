from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nq05.domain.codes import CATEGORIES, PLAN_STATUSES
from nq05.extensions import db
from nq05.sql.constraints import one_of


class Plan(db.Model):
    """One version of a unit's annual training plan (kế hoạch đào tạo, bồi dưỡng hằng năm)."""

    __tablename__ = "plans"
    __table_args__ = (
        one_of("status", PLAN_STATUSES, "status"),
        UniqueConstraint("unit_id", "year", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("status = 'draft' OR submitted_on IS NOT NULL", name="submitted_has_date"),
        CheckConstraint(
            "status NOT IN ('approved', 'returned') OR decided_on IS NOT NULL", name="decided_has_date"
        ),
        Index("ix_plans_year_status", "year", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    #: 1 for the first plan of the year; a supplement or correction is the next number
    version: Mapped[int] = mapped_column(Integer)
    #: draft → submitted → approved | returned
    status: Mapped[str] = mapped_column(String(16), default="draft")
    submitted_on: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    #: the reviewer's comment when the plan was returned (or approved with a remark)
    review_comment: Mapped[str | None] = mapped_column(Text)
    #: bumped on every save, so two people editing one draft never overwrite each other silently
    lock_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    #: when the plan's content or status last changed (every save bumps lock_version too)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: two-level review: while a submitted commune plan awaits its district, the district's unit
    #: (its head returns or forwards it); None when the province reviews it (nq05/plans/district.py)
    reviewer_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    #: when the district forwarded the plan to the province
    forwarded_on: Mapped[date | None] = mapped_column(Date)

    unit = relationship("Unit", foreign_keys=[unit_id])
    reviewer_unit = relationship("Unit", foreign_keys=[reviewer_unit_id])
    lines: Mapped[list[PlanLine]] = relationship(
        back_populates="plan", order_by="PlanLine.position", cascade="all, delete-orphan"
    )
    events: Mapped[list[PlanEvent]] = relationship(
        back_populates="plan", order_by="PlanEvent.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": lock_version}


class PlanLine(db.Model):
    """A line of a plan: a programme, an optional staff category, a planned number of people."""

    __tablename__ = "plan_lines"
    __table_args__ = (
        one_of("category", CATEGORIES, "category"),
        CheckConstraint("planned_count >= 0", name="planned_not_negative"),
        # One line per (programme, category), an empty category counting as one value: that unique
        # index is an expression index, made by migration 0002 (autogenerate cannot see it).
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    #: the staff category the line is for (None: any)
    category: Mapped[str | None] = mapped_column(String(16))
    planned_count: Mapped[int] = mapped_column(Integer)
    #: order of the line within its plan
    position: Mapped[int] = mapped_column(Integer, default=0)

    plan: Mapped[Plan] = relationship(back_populates="lines")
    programme = relationship("Programme")
    nominees: Mapped[list[PlanNominee]] = relationship(
        back_populates="line", order_by="PlanNominee.position", cascade="all, delete-orphan"
    )


class PlanNominee(db.Model):
    """A person named on a plan line: the candidate source (nguồn)."""

    __tablename__ = "plan_nominees"
    __table_args__ = (UniqueConstraint("line_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("plan_lines.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    #: order in which the person was named
    position: Mapped[int] = mapped_column(Integer, default=0)

    line: Mapped[PlanLine] = relationship(back_populates="nominees")
    person = relationship("Person")


class PlanEvent(db.Model):
    """A step in a plan version's history: created, copied, submitted, approved, returned..."""

    __tablename__ = "plan_events"
    __table_args__ = (
        one_of("from_status", PLAN_STATUSES, "from_status"),
        one_of("to_status", PLAN_STATUSES, "to_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    #: created | copied | supplemented | uploaded | submitted | approved | returned
    action: Mapped[str] = mapped_column(String(16))
    #: the status before the event (None when the version was created by it)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    #: who did it (None for the command line or an import)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    #: the actor's name when it happened, so the history reads the same after a user is renamed
    actor_name: Mapped[str | None] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(DateTime)
    #: the reviewer's comment, or what the version was made from
    comment: Mapped[str | None] = mapped_column(Text)
    #: on a decision: how many error findings the plan had then (approved despite them: with a comment)
    errors: Mapped[int | None] = mapped_column(Integer)

    plan: Mapped[Plan] = relationship(back_populates="events")
    actor = relationship("User")


class PlanSetting(db.Model):
    """A setting of the plan review (not a bundle setting of domain.md): ``district_review`` is
    ``on`` or ``off``; absent, two-level review is on when some district has a unit head."""

    __tablename__ = "plan_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))
