"""The progress report (reports.md): for each indicator, the share of staff then and now.

Population and holders come from a few grouped queries per date (counts of the staff by category,
level rank and completed programme), whatever the number of indicators or people; shares and
deltas are exact fractions, rounded half away from zero only for output.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from nq05.classes.eligibility import covers
from nq05.classes.models import Enrolment, TrainingClass
from nq05.domain.levels import rank
from nq05.domain.rounding import round_half_away
from nq05.extensions import db
from nq05.progress.gaps import gap_rows
from nq05.reference.models import Indicator, Period, Programme, Target
from nq05.sql.dates import SqlDate, without_jit
from nq05.sql.levels import level_rank
from nq05.staff.models import Assignment, Qualification


def share(holders: int, population: int) -> Fraction:
    return Fraction(holders * 100, population) if population else Fraction(0)


def staff_at(at: SqlDate):
    """CTE: (person_id, category) of every assignment covering the date, any unit."""
    a = aliased(Assignment)
    return select(a.person_id, a.category).where(covers(a, at)).distinct().cte("staff_at")


class Counts:
    """Compact aggregates of the staff at one date: by category, and for all staff at once.

    ``population[c]``, ``at_rank[(c, track, rank)]`` and ``completed[(c, programme_id)]`` count
    distinct people; ``c`` None means all staff.
    """

    def __init__(self, at: date, tracks: set[str], programme_ids: set[int]):
        x = SqlDate.known(at)
        staff = staff_at(x)
        self.population: dict[str | None, int] = {}
        self.at_rank: dict[tuple, int] = {}
        self.completed: dict[tuple, int] = {}
        people = func.count(func.distinct(staff.c.person_id))
        for category, n in db.session.execute(select(staff.c.category, people).group_by(staff.c.category)):
            self.population[category] = n
        self.population[None] = db.session.scalar(select(people)) or 0
        if tracks:
            # People with no qualification on a track hold its lowest level (rank 0): they are in
            # no group here, and an indicator asking for rank 0 counts the whole population.
            q = aliased(Qualification)
            per_person = (
                select(
                    staff.c.person_id,
                    staff.c.category,
                    q.track,
                    func.max(level_rank(q.level)).label("lv_rank"),
                )
                .join(q, q.person_id == staff.c.person_id)
                .where(q.track.in_(sorted(tracks)), or_(q.awarded_on.is_(None), q.awarded_on <= x.value))
                .group_by(staff.c.person_id, staff.c.category, q.track)
                .cte("per_person")
            )
            n = func.count(func.distinct(per_person.c.person_id))
            by = (per_person.c.category, per_person.c.track, per_person.c.lv_rank)
            for category, track, r, count in db.session.execute(select(*by, n).group_by(*by)):
                self.at_rank[(category, track, r)] = count
            by = (per_person.c.track, per_person.c.lv_rank)
            for track, r, count in db.session.execute(select(*by, n).group_by(*by)):
                self.at_rank[(None, track, r)] = count
        if programme_ids:
            # From each person to their enrolments by index; count(distinct) absorbs repeats.
            e = aliased(Enrolment)
            c = aliased(TrainingClass)
            joined = (
                select(staff.c.person_id, staff.c.category, c.programme_id)
                .join(e, e.person_id == staff.c.person_id)
                .join(c, c.id == e.class_id)
                .where(
                    e.status == "completed",
                    e.completed_on <= x.value,
                    c.programme_id.in_(sorted(programme_ids)),
                )
                .subquery()
            )
            n = func.count(func.distinct(joined.c.person_id))
            for category, programme_id, count in db.session.execute(
                select(joined.c.category, joined.c.programme_id, n).group_by(
                    joined.c.category, joined.c.programme_id
                )
            ):
                self.completed[(category, programme_id)] = count
            for programme_id, count in db.session.execute(
                select(joined.c.programme_id, n).group_by(joined.c.programme_id)
            ):
                self.completed[(None, programme_id)] = count

    def of(self, ind: Indicator) -> tuple[int, int]:
        """(population, holders) of an indicator."""
        population = self.population.get(ind.category, 0)
        if ind.track is not None:
            minimum = rank(ind.track, ind.min_level)
            if minimum == 0:
                return population, population
            holders = sum(
                n
                for (c, t, r), n in self.at_rank.items()
                if c == ind.category and t == ind.track and r >= minimum
            )
        else:
            holders = self.completed.get((ind.category, ind.programme_id), 0)
        return population, holders


def indicator_counts(at: date, indicators: list[Indicator] | None = None) -> dict[int, tuple[int, int]]:
    """indicator id -> (population, holders) at ``at``: a few grouped queries, whatever the staff."""
    if indicators is None:
        indicators = list(db.session.scalars(select(Indicator)))
    counts = Counts(
        at,
        {i.track for i in indicators if i.track},
        {i.programme_id for i in indicators if i.programme_id},
    )
    return {i.id: counts.of(i) for i in indicators}


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
    without_jit(db.session)
    indicators = db.session.execute(
        select(Indicator, Programme.code)
        .outerjoin(Programme, Programme.id == Indicator.programme_id)
        .order_by(Indicator.position, Indicator.id)
    ).all()
    inds = [ind for ind, _ in indicators]
    then, now = indicator_counts(baseline, inds), indicator_counts(as_of, inds)
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
