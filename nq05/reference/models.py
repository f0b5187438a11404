"""Reference data the Organisation Board keeps: positions and their title standards, programmes,
training centres, the province's settings, periods, targets and the report's indicators."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nq05.domain.codes import CATEGORIES, PROGRAMME_KINDS, TARGET_KINDS
from nq05.extensions import db
from nq05.labels import label, level_label
from nq05.sql.constraints import level_in_its_track, level_of_track, one_of
from nq05.sql.sorting import keeps_sort_key, sort_key_column


@keeps_sort_key("name")
class Position(db.Model):
    """A position (chức danh) and its title standard: a minimum level on each track."""

    __tablename__ = "positions"
    __table_args__ = (
        level_of_track("min_edu", "edu", "min_edu"),
        level_of_track("min_pro", "pro", "min_pro"),
        level_of_track("min_pol", "pol", "min_pol"),
        level_of_track("min_sm", "sm", "min_sm"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    #: the name's place in Vietnamese order (nq05/domain/sorting.py), for ORDER BY
    sort_key: Mapped[str] = sort_key_column("name")
    #: the day the admin stopped offering it in new choices (kept for the rows that name it)
    retired_on: Mapped[date | None] = mapped_column(Date)
    #: minimum general-education level (None = no requirement); likewise for the other tracks
    min_edu: Mapped[str | None] = mapped_column(String(32))
    min_pro: Mapped[str | None] = mapped_column(String(32))
    min_pol: Mapped[str | None] = mapped_column(String(32))
    min_sm: Mapped[str | None] = mapped_column(String(32))

    def minimum(self, track: str) -> str | None:
        return getattr(self, f"min_{track}")


@keeps_sort_key("name")
class Programme(db.Model):
    """What a class teaches, the level it confers and who may attend it."""

    __tablename__ = "programmes"
    __table_args__ = (
        one_of("kind", PROGRAMME_KINDS, "kind"),
        level_in_its_track("track", "level", "level_in_track"),
        level_of_track("pre_edu", "edu", "pre_edu"),
        level_of_track("pre_pro", "pro", "pre_pro"),
        level_of_track("pre_pol", "pol", "pre_pol"),
        level_of_track("pre_sm", "sm", "pre_sm"),
        CheckConstraint("duration_months >= 0", name="duration_not_negative"),
        CheckConstraint("max_age IS NULL OR max_age >= 0", name="max_age_not_negative"),
        CheckConstraint(
            "min_service_years IS NULL OR min_service_years >= 0", name="min_service_not_negative"
        ),
        CheckConstraint("score_scale IS NULL OR score_scale > 0", name="score_scale_positive"),
        CheckConstraint(
            "min_attendance IS NULL OR (min_attendance >= 0 AND min_attendance <= 100)",
            name="min_attendance_percent",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    #: the name's place in Vietnamese order (nq05/domain/sorting.py), for ORDER BY
    sort_key: Mapped[str] = sort_key_column("name")
    #: the day the admin stopped offering it in new choices (kept for the rows that name it)
    retired_on: Mapped[date | None] = mapped_column(Date)
    #: degree | certificate | refresher
    kind: Mapped[str] = mapped_column(String(16))
    #: the track and level it confers (both None for a refresher)
    track: Mapped[str | None] = mapped_column(String(8))
    level: Mapped[str | None] = mapped_column(String(32))
    duration_months: Mapped[int] = mapped_column(Integer, default=0)
    #: prerequisites: minimum level on each track (None = none)
    pre_edu: Mapped[str | None] = mapped_column(String(32))
    pre_pro: Mapped[str | None] = mapped_column(String(32))
    pre_pol: Mapped[str | None] = mapped_column(String(32))
    pre_sm: Mapped[str | None] = mapped_column(String(32))
    #: oldest age admitted, checked at the eligibility date
    max_age: Mapped[int | None] = mapped_column(Integer)
    #: fewest whole years of service admitted
    min_service_years: Mapped[int | None] = mapped_column(Integer)
    #: the top of the score scale of its results (None: 10)
    score_scale: Mapped[int | None] = mapped_column(Integer)
    #: the lowest attendance rate, in percent, for "completed" without a confirmation (None: 80)
    min_attendance: Mapped[int | None] = mapped_column(Integer)

    @property
    def scale(self) -> int:
        return self.score_scale or 10

    @property
    def attendance_minimum(self) -> int:
        return 80 if self.min_attendance is None else self.min_attendance

    def prerequisite(self, track: str) -> str | None:
        return getattr(self, f"pre_{track}")


@keeps_sort_key("name")
class Centre(db.Model):
    """A training centre (cơ sở đào tạo)."""

    __tablename__ = "centres"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    #: the name's place in Vietnamese order (nq05/domain/sorting.py), for ORDER BY
    sort_key: Mapped[str] = sort_key_column("name")
    #: the day the admin stopped offering it in new choices (kept for the rows that name it)
    retired_on: Mapped[date | None] = mapped_column(Date)


class Setting(db.Model):
    """A province-wide setting (domain.md, "Settings"); absent keys take their defaults."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))

    @property
    def name(self) -> str:
        """What the audit log names it by: the settings page's name for it."""
        return label("setting", self.key)


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

    @property
    def name(self) -> str:
        """What the audit log names it by: kind, level, category, unit, period."""
        parts = [
            label("target_kind", self.kind),
            f"{label('track_short', self.track)}: {level_label(self.track, self.level)}",
        ]
        if self.category:
            parts.append(label("category", self.category))
        if self.unit is not None:
            parts.append(self.unit.name)
        if self.period is not None:
            parts.append(self.period.code)
        return " · ".join(parts)


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
