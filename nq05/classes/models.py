from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nq05.domain.codes import ENROLMENT_STATUSES, GRADES, RESULT_KINDS
from nq05.extensions import db
from nq05.reference.models import Centre, Programme
from nq05.sql.constraints import one_of


class TrainingClass(db.Model):
    """A class (lớp): one programme at one centre, in a year, with a capacity."""

    __tablename__ = "classes"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
        CheckConstraint("capacity >= 0", name="capacity_not_negative"),
        CheckConstraint("fee_per_head >= 0", name="fee_not_negative"),
        Index("ix_classes_programme_year", "programme_id", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    #: seats: accepted + completed + failed never exceed it
    capacity: Mapped[int] = mapped_column(Integer)
    #: last day a unit may nominate (None: until the class starts)
    enrol_deadline: Mapped[date | None] = mapped_column(Date)
    #: where the class meets
    place: Mapped[str | None] = mapped_column(String(255))
    #: a published class is open to nominations; imported classes count as published
    is_published: Mapped[bool] = mapped_column(default=True)
    #: what one learner's place costs, in đồng (None: not set)
    fee_per_head: Mapped[int | None] = mapped_column(BigInteger)
    #: who pays (free text: "Ngân sách tỉnh", "Đơn vị cử đi học"…)
    funding_source: Mapped[str | None] = mapped_column(String(255))

    programme: Mapped[Programme] = relationship()
    centre: Mapped[Centre] = relationship()
    enrolments: Mapped[list[Enrolment]] = relationship(back_populates="training_class")
    session_days: Mapped[list[SessionDay]] = relationship(
        back_populates="training_class", order_by="SessionDay.day", cascade="all, delete-orphan"
    )


class Enrolment(db.Model):
    """A person nominated to a class, and what became of it."""

    __tablename__ = "enrolments"
    __table_args__ = (
        one_of("status", ENROLMENT_STATUSES, "status"),
        CheckConstraint("status <> 'completed' OR completed_on IS NOT NULL", name="completed_has_date"),
        one_of("result", RESULT_KINDS, "result"),
        CheckConstraint(
            "result IS NULL OR (status = 'completed' AND result = 'completed')"
            " OR (status = 'failed' AND result IN ('failed', 'unfinished'))",
            name="result_matches_status",
        ),
        one_of("grade", GRADES, "grade"),
        CheckConstraint("score IS NULL OR score >= 0", name="score_not_negative"),
        UniqueConstraint("person_id", "class_id"),
        Index("ix_enrolments_class_status", "class_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    #: nominated → accepted | waitlisted | rejected, then withdrawn | completed | failed
    status: Mapped[str] = mapped_column(String(16), default="nominated")
    nominated_on: Mapped[date | None] = mapped_column(Date)
    #: the centre's decision (accept, waitlist, reject)
    decided_on: Mapped[date | None] = mapped_column(Date)
    #: the result date for completed (and failed) enrolments
    completed_on: Mapped[date | None] = mapped_column(Date)
    #: why the centre rejected it
    reason: Mapped[str | None] = mapped_column(Text)
    #: the day the nomination was withdrawn
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    #: who nominated the person (None for imported enrolments)
    nominated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: when it joined the waiting list: the first waitlisted is promoted first
    waitlisted_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    #: completed | failed | unfinished (did not finish; its status is failed); None: not recorded
    #: here (an imported completed or failed enrolment: its status says the result)
    result: Mapped[str | None] = mapped_column(String(16))
    #: xếp loại: excellent | good | fair | average
    grade: Mapped[str | None] = mapped_column(String(16))
    #: a score on the programme's scale (Programme.score_scale, 10 when unset)
    score: Mapped[Decimal | None] = mapped_column(Numeric(7, 2))
    #: number and date of the certificate or diploma the centre issued
    certificate_no: Mapped[str | None] = mapped_column(String(64))
    certificate_on: Mapped[date | None] = mapped_column(Date)

    person = relationship("Person")
    training_class: Mapped[TrainingClass] = relationship(back_populates="enrolments")

    @property
    def result_kind(self) -> str | None:
        """completed | failed | unfinished, or None before a result."""
        if self.status not in ("completed", "failed"):
            return None
        return self.result or self.status

    @property
    def name(self) -> str:
        """How the audit log names it: the person and the class."""
        return f"{self.person.full_name} · {self.training_class.code}"


class SessionDay(db.Model):
    """A day on which a class meets; attendance is taken per session day."""

    __tablename__ = "class_session_days"
    __table_args__ = (UniqueConstraint("class_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    #: what the day covers (optional)
    topic: Mapped[str | None] = mapped_column(String(255))
    #: who teaches that day (free text)
    lecturer: Mapped[str | None] = mapped_column(String(255))
    #: where (free text; the class's place when empty)
    room: Mapped[str | None] = mapped_column(String(255))

    training_class: Mapped[TrainingClass] = relationship(back_populates="session_days")


class Attendance(db.Model):
    """Whether one enrolled person was present on one session day (no row: not taken yet)."""

    __tablename__ = "attendances"
    __table_args__ = (UniqueConstraint("session_day_id", "enrolment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_day_id: Mapped[int] = mapped_column(
        ForeignKey("class_session_days.id", ondelete="CASCADE"), index=True
    )
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolments.id", ondelete="CASCADE"), index=True)
    present: Mapped[bool] = mapped_column(default=True)
    #: e.g. "nghỉ có phép"
    note: Mapped[str | None] = mapped_column(String(255))
