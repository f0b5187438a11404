"""The progress report (reports.md): for each indicator, the share of staff then and now.

One query per date counts population and holders of every indicator at once; shares and deltas
are exact fractions, rounded half away from zero only for output.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import aliased

from nq05.classes.models import Enrolment, Programme, TrainingClass
from nq05.domain.rounding import round_half_away
from nq05.extensions import db
from nq05.progress.eligibility import covers, level_rank
from nq05.progress.gaps import gap_rows
from nq05.progress.sql_dates import SqlDate, const
from nq05.staff.models import Assignment, Qualification
from nq05.targets.models import Indicator, Period, Target


def share(holders: int, population: int) -> Fraction:
    return Fraction(holders * 100, population) if population else Fraction(0)


def levels_at(at: SqlDate):
    """Subquery: (person_id, track, rank) of each person's level on each track at the date."""
    return (
        select(
            Qualification.person_id,
            Qualification.track,
            func.max(level_rank(Qualification.level)).label("rank"),
        )
        .where(or_(Qualification.awarded_on.is_(None), Qualification.awarded_on <= at.value))
        .group_by(Qualification.person_id, Qualification.track)
        .subquery("levels_at")
    )


def completions_by(at: SqlDate):
    """Subquery: (person_id, programme_id) of every programme completed on or before the date."""
    return (
        select(Enrolment.person_id, TrainingClass.programme_id)
        .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
        .where(Enrolment.status == "completed", Enrolment.completed_on <= at.value)
        .distinct()
        .subquery("completions")
    )


def indicator_counts(at: date) -> dict[int, tuple[int, int]]:
    """indicator id -> (population, holders) at ``at``, for every indicator in one query."""
    x = SqlDate.known(at)
    a = aliased(Assignment)
    levels = levels_at(x)
    done = completions_by(x)
    min_rank = level_rank(Indicator.min_level)
    # Everyone holds the track's lowest level, with or without a qualification row.
    holds = or_(min_rank <= const(0), levels.c.rank >= min_rank, done.c.person_id.isnot(None))
    stmt = (
        select(
            Indicator.id,
            func.count(func.distinct(a.person_id)),
            func.count(func.distinct(case((holds, a.person_id), else_=None))),
        )
        .select_from(Indicator)
        .join(a, and_(covers(a, x), or_(Indicator.category.is_(None), a.category == Indicator.category)))
        .outerjoin(
            levels,
            and_(
                Indicator.track.isnot(None),
                levels.c.person_id == a.person_id,
                levels.c.track == Indicator.track,
            ),
        )
        .outerjoin(
            done,
            and_(
                Indicator.programme_id.isnot(None),
                done.c.person_id == a.person_id,
                done.c.programme_id == Indicator.programme_id,
            ),
        )
        .group_by(Indicator.id)
    )
    return {i: (int(p), int(h)) for i, p, h in db.session.execute(stmt)}


def _side(counts: tuple[int, int]) -> tuple[dict, Fraction]:
    population, holders = counts
    s = share(holders, population)
    return {"population": population, "holders": holders, "share": round_half_away(s, 1)}, s


def _share_targets(period: Period | None) -> dict[tuple, float]:
    if period is None:
        return {}
    rows = db.session.scalars(
        select(Target)
        .where(Target.period_id == period.id, Target.kind == "share")
        .order_by(Target.unit_id.isnot(None), Target.id)
    ).all()
    out: dict[tuple, float] = {}
    for t in rows:
        out.setdefault((t.category, t.track, t.level), float(t.value))
    return out


def count_rows(period: Period, as_of: date) -> list[dict]:
    """Province-wide count targets (no category, no unit), in the order of the gaps rows."""
    out = []
    for row in gap_rows(period, as_of):
        if row.unit is not None or row.category is not None:
            continue
        status = "exceeded" if row.status == "exceeded" else "met" if row.status == "met" else "below"
        out.append(
            {
                "track": row.track,
                "level": row.level,
                "target": row.target,
                "achieved": row.completed,
                "pct": row.pct,
                "status": status,
            }
        )
    return out


def report_json(baseline: date, as_of: date, period: Period | None = None) -> dict:
    indicators = db.session.execute(
        select(Indicator, Programme.code)
        .outerjoin(Programme, Programme.id == Indicator.programme_id)
        .order_by(Indicator.position, Indicator.id)
    ).all()
    then, now = indicator_counts(baseline), indicator_counts(as_of)
    targets = _share_targets(period)
    lines = []
    for ind, programme_code in indicators:
        before, share_before = _side(then.get(ind.id, (0, 0)))
        after, share_after = _side(now.get(ind.id, (0, 0)))
        target = targets.get((ind.category, ind.track, ind.min_level)) if ind.track else None
        lines.append(
            {
                "category": ind.category,
                "track": ind.track,
                "min_level": ind.min_level,
                "programme": programme_code,
                "baseline": before,
                "as_of": after,
                "delta_pp": round_half_away(share_after - share_before, 1),
                "target": target,
            }
        )
    return {
        "baseline": baseline.isoformat(),
        "as_of": as_of.isoformat(),
        "indicators": lines,
        "counts": count_rows(period, as_of) if period is not None else [],
    }
