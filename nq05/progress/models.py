"""Stored results: the findings and target rows as last computed, for pages to read quickly.

``nq05.progress.store.recompute`` replaces them; each row carries when it was computed, the date
it was evaluated as of, and the fingerprint of the data it was computed from.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nq05.extensions import db


class StoredFinding(db.Model):
    """A realism finding (realism.md) as last computed for its year."""

    __tablename__ = "progress_findings"
    __table_args__ = (
        Index("ix_progress_findings_year_unit", "year", "unit_code"),
        # the findings page and the dashboard read a year's findings of some units by their ids
        Index("ix_progress_findings_year_unit_id", "year", "unit_id"),
        # a unit's recompute reads and replaces the OVER_CAPACITY findings of some programmes
        Index("ix_progress_findings_code_year_programme", "code", "year", "programme"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the plan year the rules were evaluated for
    year: Mapped[int] = mapped_column(Integer)
    #: the rule's code (MISSING_PLAN, OVER_POOL, ...)
    code: Mapped[str] = mapped_column(String(32))
    #: the unit the finding is about (None: a person with no unit at the date)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    unit_code: Mapped[str | None] = mapped_column(String(64))
    programme: Mapped[str | None] = mapped_column(String(64))
    category: Mapped[str | None] = mapped_column(String(16))
    #: the person's code (bundle id)
    person: Mapped[str | None] = mapped_column(String(64))
    person_name: Mapped[str | None] = mapped_column(String(255))
    class_code: Mapped[str | None] = mapped_column(String(64))
    #: the figures of the JSON output (dates as YYYY-MM-DD)
    figures: Mapped[dict] = mapped_column(JSON)
    #: what the wording needs beyond the figures (names, the numbers behind a reason): Finding.details
    details: Mapped[dict | None] = mapped_column(JSON)
    # Links for the pages; plain ids (no foreign key): a deleted draft must not be blocked by a
    # finding about it, and the next recompute drops such rows anyway.
    #: the plan version the finding is about
    plan_id: Mapped[int | None] = mapped_column(Integer, index=True)
    #: the plan line the finding is about
    line_id: Mapped[int | None] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(Integer)
    class_id: Mapped[int | None] = mapped_column(Integer)
    #: order of the finding in the output (realism.md's sort)
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: the date the rules were evaluated as of
    as_of: Mapped[date] = mapped_column(Date)
    computed_at: Mapped[datetime] = mapped_column(DateTime)
    #: fingerprint of the data the finding was computed from (store.data_fingerprint)
    fingerprint: Mapped[str] = mapped_column(String(64))


class StoredGapRow(db.Model):
    """A row of plan versus quota (reports.md) for one count target, as last computed."""

    __tablename__ = "progress_gap_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id", ondelete="CASCADE"), index=True)
    #: the count target followed (plain id: a target's deletion drops the row on the next recompute)
    target_id: Mapped[int] = mapped_column(Integer)
    track: Mapped[str] = mapped_column(String(8))
    level: Mapped[str] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(Integer, index=True)
    unit_code: Mapped[str | None] = mapped_column(String(64))
    target: Mapped[float] = mapped_column(Float)
    planned: Mapped[int] = mapped_column(Integer)
    named: Mapped[int] = mapped_column(Integer)
    nominated: Mapped[int] = mapped_column(Integer)
    completed: Mapped[int] = mapped_column(Integer)
    gap: Mapped[float] = mapped_column(Float)
    #: completed / target × 100, 1 decimal; None when the target is 0
    pct: Mapped[float | None] = mapped_column(Float)
    #: exceeded | met | on_track | behind
    status: Mapped[str] = mapped_column(String(16))
    #: order of the row in the output (reports.md's sort)
    position: Mapped[int] = mapped_column(Integer, default=0)
    as_of: Mapped[date] = mapped_column(Date)
    computed_at: Mapped[datetime] = mapped_column(DateTime)
    fingerprint: Mapped[str] = mapped_column(String(64))


class StoredTargetPart(db.Model):
    """A unit's part of a target of no unit (a province-wide or category target), as last
    computed: the parts of a target add up to its stored row's planned, nominated and completed.
    A unit's recompute rewrites its own parts and adds them up instead of counting the province
    again (progress.gaps.province_parts)."""

    __tablename__ = "progress_target_parts"
    __table_args__ = (Index("ix_progress_target_parts_period_unit", "period_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(Integer)
    #: the plans' unit (planned) and the people's home unit (named, nominated, completed); None:
    #: people with no assignment
    unit_id: Mapped[int | None] = mapped_column(Integer)
    planned: Mapped[int] = mapped_column(Integer)
    named: Mapped[int] = mapped_column(Integer)
    nominated: Mapped[int] = mapped_column(Integer)
    completed: Mapped[int] = mapped_column(Integer)
    #: the date the parts count up to (a recompute as of another date counts them all again)
    as_of: Mapped[date] = mapped_column(Date)
    #: the full recompute these parts were first counted after (its ``computed_at``): a later full
    #: recompute makes every unit's recompute count them all again once
    base: Mapped[datetime | None] = mapped_column(DateTime)


class SeenFinding(db.Model):
    """A realism finding the reminder scan has seen, and since when: the weekly digest tells the new ones."""

    __tablename__ = "notify_seen_findings"

    #: year|code|unit|programme|category|person|class: stable across recomputes
    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    first_seen: Mapped[date] = mapped_column(Date, index=True)


class StoredView(db.Model):
    """A page's figures for one combination of its choices (the report for a baseline, an as-of
    date, a period and a breakdown), as the task queue last computed them (progress/served.py)."""

    __tablename__ = "progress_stored_views"
    __table_args__ = (UniqueConstraint("kind", "key", name="uq_progress_stored_views_kind_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: which figures: ``report``
    kind: Mapped[str] = mapped_column(String(16))
    #: the choices, e.g. ``2010-12-31|2014-03-01|2011-2015|gender``
    key: Mapped[str] = mapped_column(String(200))
    #: the figures (None: asked for, not computed yet)
    payload: Mapped[dict | None] = mapped_column(JSON)
    #: the province's revision (sum of the units' revisions) the figures were computed from
    revision: Mapped[int | None] = mapped_column(Integer)
    computed_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: when a computation was last queued (naive UTC); None: nothing queued since it was computed
    requested_at: Mapped[datetime | None] = mapped_column(DateTime)
