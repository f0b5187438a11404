"""A unit's recompute of the target rows: the quotas of the units recomputed, and the targets of no
unit added up from each unit's stored part (``progress_target_parts``), the other units' rows kept
at the position the nightly run gives them (nq05.progress.store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, delete, func, or_, select

from nq05.extensions import db
from nq05.notify.models import ALL_UNITS, UnitRevision
from nq05.progress.gaps import GapRow, elapsed_share, gap_row, gap_rows, gap_sort_key, province_parts
from nq05.progress.models import StoredGapRow, StoredTargetPart
from nq05.progress.stored_rows import insert_rows, stored_gap
from nq05.reference.models import Period, Target


def kept_gap_rows(scope: dict[int, str]) -> dict[int, list]:
    """Per period with stored target rows, the rows a unit's recompute keeps (the quotas of other
    units): id, position and what orders them."""
    kept: dict[int, list] = {
        period_id: [] for period_id in db.session.scalars(select(StoredGapRow.period_id).distinct())
    }
    for row in db.session.execute(
        select(
            StoredGapRow.period_id,
            StoredGapRow.id,
            StoredGapRow.position,
            StoredGapRow.unit_code.label("unit"),
            StoredGapRow.category,
            StoredGapRow.track,
            StoredGapRow.level,
            StoredGapRow.target_id,
        ).where(StoredGapRow.unit_id.isnot(None), StoredGapRow.unit_id.notin_(sorted(scope)))
    ):
        kept[row.period_id].append(row)
    return kept


@dataclass
class PeriodTargets:
    """What a unit's recompute computed of a period's target rows, before writing them."""

    period_id: int
    #: the rows of the units' quotas (every unit's when the period had no stored rows)
    quotas: list[GapRow]
    #: the targets of no unit: id, track, level, category, unit_id, value
    province: list
    #: (target id, unit id) -> [planned, named, nominated, completed]: the parts recounted
    parts: dict
    #: the parts were all recounted (else: those of the units in scope)
    all_parts: bool
    #: the full recompute the parts count from (``full_run()``)
    base: datetime | None
    #: elapsed share of the period at D
    f: object


def full_run() -> datetime | None:
    """When the last full recompute ran (None: never)."""
    return db.session.scalar(select(UnitRevision.computed_at).where(UnitRevision.unit_code == ALL_UNITS))


def province_targets(period_id: int) -> list:
    """The targets of no unit of a period (what the units' parts add up to): id, track, level,
    category, unit_id, value."""
    return db.session.execute(
        select(Target.id, Target.track, Target.level, Target.category, Target.unit_id, Target.value)
        .where(Target.period_id == period_id, Target.kind == "count", Target.unit_id.is_(None))
        .order_by(Target.id)
    ).all()


def all_parts(period: Period, as_of: date) -> dict:
    """Every unit's parts of the period's targets of no unit (none when it has no such target):
    what the full recompute stores, so that the next unit's recompute recounts its own only."""
    return province_parts(period, as_of) if province_targets(period.id) else {}


def part_rows(period_id: int, parts: dict, as_of: date, base: datetime | None) -> list[dict]:
    """The rows of ``progress_target_parts`` for a period's parts, counted as of D from the full
    recompute ``base``."""
    return [
        dict(
            period_id=period_id,
            target_id=t,
            unit_id=unit_id,
            planned=planned,
            named=named,
            nominated=nominated,
            completed=completed,
            as_of=as_of,
            base=base,
        )
        for (t, unit_id), (planned, named, nominated, completed) in parts.items()
    ]


def scoped_targets(periods, scope: dict[int, str], kept_gaps: dict[int, list], as_of: date) -> list:
    """Per period: the quotas of the units in ``scope`` (all of them if the period has no stored
    rows yet), and the units' parts of the targets of no unit (all units' parts if the stored parts
    are not from the last full recompute and as of D, which stores them: the first unit's
    recompute on another day, or after parts of an older run, counts them all once)."""
    base = full_run()
    valid = set(
        db.session.scalars(
            select(StoredTargetPart.period_id)
            .group_by(StoredTargetPart.period_id)
            .having(
                func.count()
                == func.count().filter(
                    StoredTargetPart.base.is_not_distinct_from(base), StoredTargetPart.as_of == as_of
                )
            )
        )
    )
    out = []
    for period in periods:
        if period.id in kept_gaps:
            quotas = gap_rows(period, as_of, quota_units=scope)
        else:
            quotas = [row for row in gap_rows(period, as_of) if row.unit_id is not None]
        all_parts = period.id not in valid or period.id not in kept_gaps
        province = province_targets(period.id)
        out.append(
            PeriodTargets(
                period_id=period.id,
                quotas=quotas,
                province=province,
                parts=province_parts(period, as_of, None if all_parts else scope) if province else {},
                all_parts=all_parts,
                base=base,
                f=elapsed_share(period, as_of),
            )
        )
    return out


def write_scoped_targets(targets: list, scope: dict[int, str], kept_gaps, as_of, now) -> list[dict]:
    """Write each period's parts (in the write transaction, after the lock: the parts of other
    units read are then those of the last recompute to write), add them up into the rows of the
    targets of no unit, and replace the stored rows of those targets and of the units' quotas,
    the other units' rows kept at the position a full recompute would give them."""
    target_rows = []
    for done in targets:
        stale = delete(StoredTargetPart).where(StoredTargetPart.period_id == done.period_id)
        if not done.all_parts:
            stale = stale.where(StoredTargetPart.unit_id.in_(sorted(scope)))
        db.session.execute(stale)
        insert_rows(StoredTargetPart, part_rows(done.period_id, done.parts, as_of, done.base))
        figures = (
            StoredTargetPart.planned,
            StoredTargetPart.named,
            StoredTargetPart.nominated,
            StoredTargetPart.completed,
        )
        sums = {
            t: [int(n or 0) for n in added]
            for t, *added in db.session.execute(
                select(StoredTargetPart.target_id, *(func.sum(c) for c in figures))
                .where(StoredTargetPart.period_id == done.period_id)
                .group_by(StoredTargetPart.target_id)
            )
        }
        province = [gap_row(t, None, *sums.get(t.id, (0, 0, 0, 0)), done.f) for t in done.province]
        rows, moved = merged_gap_rows(done.period_id, [*done.quotas, *province], kept_gaps, as_of, now)
        target_rows += rows
        stale_rows = delete(StoredGapRow).where(StoredGapRow.period_id == done.period_id)
        if done.period_id in kept_gaps:
            stale_rows = stale_rows.where(
                or_(StoredGapRow.unit_id.is_(None), StoredGapRow.unit_id.in_(sorted(scope)))
            )
        db.session.execute(stale_rows)
        if moved:
            table = StoredGapRow.__table__
            db.session.connection().execute(
                table.update().where(table.c.id == bindparam("row_id")),
                [{"row_id": row_id, "position": position} for row_id, position in moved],
            )
    return target_rows


def merged_gap_rows(period_id: int, rows: list[GapRow], kept_gaps, as_of, now):
    """The new target rows of a period to insert, each at the position a full recompute would give
    it among the rows kept, and (id, position) of the kept rows whose position that changes (a
    quota added or removed)."""
    inserted, moved = [], []
    merged = sorted([*rows, *kept_gaps.get(period_id, ())], key=gap_sort_key)
    for position, row in enumerate(merged):
        if isinstance(row, GapRow):
            inserted.append(stored_gap(period_id, row, position, as_of, now, "unit"))
        elif row.position != position:
            moved.append((row.id, position))
    return inserted, moved
