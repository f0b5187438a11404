from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nq05.db_types import level_in_its_track, one_of
from nq05.domain.codes import CATEGORIES, TARGET_KINDS
from nq05.extensions import db


class Setting(db.Model):
    """A province-wide setting (domain.md, "Settings"); absent keys take their defaults."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))


class Period(db.Model):
    """A planning period (giai đoạn), e.g. 2011-2015; periods do not overlap."""

    __tablename__ = "periods"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="dates_in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)

    targets: Mapped[list[Target]] = relationship(back_populates="period", order_by="Target.id")


class Target(db.Model):
    """A target (chỉ tiêu): N people reach a level (count), or a share of staff hold it (share)."""

    __tablename__ = "targets"
    __table_args__ = (
        one_of("kind", TARGET_KINDS, "kind"),
        one_of("category", CATEGORIES, "category"),
        level_in_its_track("track", "level", "level_in_track"),
        CheckConstraint("track IS NOT NULL", name="track_required"),
        CheckConstraint("value >= 0", name="value_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id", ondelete="CASCADE"), index=True)
    #: count | share
    kind: Mapped[str] = mapped_column(String(8))
    track: Mapped[str] = mapped_column(String(8))
    level: Mapped[str] = mapped_column(String(32))
    #: only this staff category (None: all)
    category: Mapped[str | None] = mapped_column(String(16))
    #: a unit quota when set
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    #: number of people (count) or a percentage (share)
    value: Mapped[float] = mapped_column(Float)

    period: Mapped[Period] = relationship(back_populates="targets")
    unit = relationship("Unit")


class Indicator(db.Model):
    """A line of the progress report: share of staff holding a level, or who completed a programme."""

    __tablename__ = "indicators"
    __table_args__ = (
        one_of("category", CATEGORIES, "category"),
        level_in_its_track("track", "min_level", "level_in_track"),
        CheckConstraint(
            "(track IS NOT NULL AND programme_id IS NULL) OR (track IS NULL AND programme_id IS NOT NULL)",
            name="level_or_programme",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: order of the line in the report
    position: Mapped[int] = mapped_column(Integer)
    category: Mapped[str | None] = mapped_column(String(16))
    track: Mapped[str | None] = mapped_column(String(8))
    min_level: Mapped[str | None] = mapped_column(String(32))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programmes.id"))

    programme = relationship("Programme")
