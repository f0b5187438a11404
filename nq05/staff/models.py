from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nq05.domain.codes import CATEGORIES, GENDERS, UNIT_LEVELS
from nq05.domain.sorting import vn_name_key
from nq05.extensions import db
from nq05.reference.models import Position
from nq05.sql.constraints import level_in_its_track, one_of
from nq05.sql.sorting import keeps_sort_key, sort_key_column


@keeps_sort_key("name")
class Unit(db.Model):
    """A unit (đơn vị): a provincial department, a district, a commune; units form a tree."""

    __tablename__ = "units"
    __table_args__ = (one_of("level", UNIT_LEVELS, "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: stable code used in bundles and the CLI
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    #: the name's place in Vietnamese order (nq05/domain/sorting.py), for ORDER BY
    sort_key: Mapped[str] = sort_key_column("name")
    #: province | district | commune
    level: Mapped[str] = mapped_column(String(16))
    #: the unit above this one, if any
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)

    parent: Mapped[Unit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Unit]] = relationship(
        back_populates="parent", order_by=lambda: [Unit.sort_key, Unit.code]
    )

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"


@keeps_sort_key("full_name", vn_name_key)
class Person(db.Model):
    """A cadre or civil servant (cán bộ, công chức)."""

    __tablename__ = "people"
    __table_args__ = (one_of("gender", GENDERS, "gender"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the person's id in bundles (e.g. a staff number)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(255), index=True)
    #: given name, middle, family in Vietnamese order (nq05/domain/sorting.py), for ORDER BY
    sort_key: Mapped[str] = sort_key_column("full_name", vn_name_key)
    #: M | F
    gender: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date] = mapped_column(Date)
    ethnicity: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(255))
    #: succession planning (quy hoạch): the position this person is being prepared for
    planned_position_id: Mapped[int | None] = mapped_column(ForeignKey("positions.id"), index=True)

    planned_position: Mapped[Position | None] = relationship()
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="person", order_by="Assignment.start_date", cascade="all, delete-orphan"
    )
    qualifications: Mapped[list[Qualification]] = relationship(
        back_populates="person", order_by="Qualification.awarded_on", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Person {self.code}>"


class Assignment(db.Model):
    """A person works in a unit, in a staff category and a position, from start to end (both included)."""

    __tablename__ = "assignments"
    __table_args__ = (
        one_of("category", CATEGORIES, "category"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_in_order"),
        Index("ix_assignments_unit_dates", "unit_id", "start_date", "end_date"),
        UniqueConstraint("person_id", "start_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    #: one of the review's seven staff categories
    category: Mapped[str] = mapped_column(String(16))
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    #: last day in the post; None while it lasts
    end_date: Mapped[date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship(back_populates="assignments")
    unit: Mapped[Unit] = relationship()
    position: Mapped[Position] = relationship()

    def covers(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class Qualification(db.Model):
    """A person reached a level on a track on an award date (None: held at every date)."""

    __tablename__ = "qualifications"
    __table_args__ = (
        level_in_its_track("track", "level", "level_in_track"),
        CheckConstraint("track IS NOT NULL", name="track_required"),
        # A qualification recorded by hand is unique per (person, track, level); one conferred by a
        # completed enrolment is unique per enrolment, so completing twice records it once.
        Index(
            "uq_qualifications_manual",
            "person_id",
            "track",
            "level",
            unique=True,
            sqlite_where=text("source_enrolment_id IS NULL"),
            postgresql_where=text("source_enrolment_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    #: edu | pro | pol | sm
    track: Mapped[str] = mapped_column(String(8))
    level: Mapped[str] = mapped_column(String(32))
    awarded_on: Mapped[date | None] = mapped_column(Date)
    #: the completed enrolment that conferred this qualification, if it came from a class
    source_enrolment_id: Mapped[int | None] = mapped_column(
        ForeignKey("enrolments.id", ondelete="CASCADE"), unique=True
    )

    person: Mapped[Person] = relationship(back_populates="qualifications")
