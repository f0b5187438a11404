"""The progress report (reports.md): for each indicator, the share of staff then and now.

Population and holders come from one grouped query per date (counts of the staff by category,
level rank and completed programme), whatever the number of indicators or people; shares and
deltas are exact fractions, rounded half away from zero only for output.

A breakdown (``by``: reports.md, "Breakdowns") adds the person's group to the same grouping,
never a pass per group: the groups split the people, so the indicator's figures are the
sums of its groups'. ``unit_ids`` restricts the population to the staff of those units (a unit's
own report); the province's report passes None.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from fractions import Fraction

from sqlalchemy import Integer, String, cast, func, literal_column, null, or_, select, union_all
from sqlalchemy.orm import aliased

from nq05.classes.models import Enrolment, Programme, TrainingClass
from nq05.domain.groups import groups, share
from nq05.domain.levels import rank, track_order
from nq05.domain.rounding import exact, number, round_half_away
from nq05.extensions import db
from nq05.progress.eligibility import covers, level_rank
from nq05.progress.gaps import completed, percent
from nq05.progress.sql_dates import SqlDate, without_jit
from nq05.staff.groups import group_column
from nq05.staff.models import Assignment, Person, Qualification
from nq05.targets.models import Indicator, Period, Target


def staff_at(at: SqlDate, by: str | None = None, unit_ids: Collection[int] | None = None):
    """CTE: (person_id, category) of every assignment covering the date, in any unit (or in one of
    ``unit_ids``), with the person's group as ``grp`` when ``by`` names a breakdown."""
    a = aliased(Assignment)
    if by is None:
        stmt = select(a.person_id, a.category)
    else:
        p = aliased(Person)
        stmt = select(a.person_id, a.category, group_column(by, p).label("grp")).join(p, p.id == a.person_id)
    stmt = stmt.where(covers(a, at))
    if unit_ids is not None:
        stmt = stmt.where(a.unit_id.in_(sorted(unit_ids)))
    return stmt.distinct().cte("staff_at")


def _people(kind: str, source, by: str | None, category=None, track=None, key=None, unique=False):
    """SELECT kind, grp, category, track, key, n: distinct people of ``source`` counted per the
    columns given (a None column is NULL in every row and not grouped on); ``grp`` is the
    person's group when ``by`` names a breakdown. ``unique``: ``source`` holds a person at most
    once per group of rows, so a plain count (which PostgreSQL can hash) is enough."""
    columns = {"grp": source.c.grp if by else None, "category": category, "track": track, "key": key}
    return select(
        literal_column(f"'{kind}'").label("kind"),
        *[
            # typed, so that PostgreSQL matches the columns of the UNION's branches
            (cast(null(), Integer if name == "key" else String) if column is None else column).label(name)
            for name, column in columns.items()
        ],
        (func.count() if unique else func.count(func.distinct(source.c.person_id))).label("n"),
    ).group_by(*[column for column in columns.values() if column is not None])


class Counts:
    """Compact aggregates of the staff at one date: by category, and for all staff at once.

    ``population[(g, c)]``, ``at_rank[(g, c, track, rank)]`` and ``completed[(g, c, programme_id)]``
    count distinct people of group ``g`` (None without a breakdown); ``c`` None means all staff.
    All of them come from one statement: its staff CTE is evaluated once for every count.
    """

    def __init__(
        self,
        at: date,
        tracks: set[str],
        programme_ids: set[int],
        by: str | None = None,
        unit_ids: Collection[int] | None = None,
    ):
        x = SqlDate.known(at)
        staff = staff_at(x, by, unit_ids)
        self.groups: tuple[str | None, ...] = groups(by) if by else (None,)
        grp = [staff.c.grp] if by else []
        # Rows of staff_at and per_person are unique per person and category; all staff at once
        # may hold a person twice (two categories), hence count(distinct) there.
        parts = [
            _people("population", staff, by, category=staff.c.category, unique=True),
            _people("population", staff, by),
        ]
        if tracks:
            # People with no qualification on a track hold its lowest level (rank 0): they are in
            # no row here, and an indicator asking for rank 0 counts the whole population.
            q = aliased(Qualification)
            per_person = (
                select(
                    staff.c.person_id,
                    staff.c.category,
                    *grp,
                    q.track,
                    func.max(level_rank(q.level)).label("lv_rank"),
                )
                .join(q, q.person_id == staff.c.person_id)
                .where(q.track.in_(sorted(tracks)), or_(q.awarded_on.is_(None), q.awarded_on <= x.value))
                .group_by(staff.c.person_id, staff.c.category, *grp, q.track)
                .cte("per_person")
            )
            level = {"track": per_person.c.track, "key": per_person.c.lv_rank}
            parts.append(
                _people("at_rank", per_person, by, category=per_person.c.category, unique=True, **level)
            )
            parts.append(_people("at_rank", per_person, by, **level))
        if programme_ids:
            # From each person to their enrolments by index; count(distinct) absorbs repeats.
            e = aliased(Enrolment)
            c = aliased(TrainingClass)
            done = (
                select(staff.c.person_id, staff.c.category, *grp, c.programme_id)
                .join(e, e.person_id == staff.c.person_id)
                .join(c, c.id == e.class_id)
                .where(
                    e.status == "completed",
                    e.completed_on <= x.value,
                    c.programme_id.in_(sorted(programme_ids)),
                )
                .cte("done")
            )
            parts.append(_people("completed", done, by, category=done.c.category, key=done.c.programme_id))
            parts.append(_people("completed", done, by, key=done.c.programme_id))
        self.population: dict[tuple, int] = {}
        self.at_rank: dict[tuple, int] = {}
        self.completed: dict[tuple, int] = {}
        for kind, g, category, track, key, n in db.session.execute(union_all(*parts)):
            if kind == "population":
                self.population[(g, category)] = n
            elif kind == "at_rank":
                self.at_rank[(g, category, track, key)] = n
            else:
                self.completed[(g, category, key)] = n

    def of(self, ind: Indicator, group: str | None = None) -> tuple[int, int]:
        """(population, holders) of an indicator among the people of ``group`` (None: everyone
        when there is no breakdown)."""
        population = self.population.get((group, ind.category), 0)
        if ind.track is not None:
            minimum = rank(ind.track, ind.min_level)
            if minimum == 0:
                return population, population
            holders = sum(
                n
                for (g, c, t, r), n in self.at_rank.items()
                if g == group and c == ind.category and t == ind.track and r >= minimum
            )
        else:
            holders = self.completed.get((group, ind.category, ind.programme_id), 0)
        return population, holders

    def by_group(self, ind: Indicator) -> dict[str | None, tuple[int, int]]:
        """group -> (population, holders), every group of the breakdown (None alone without one)."""
        return {g: self.of(ind, g) for g in self.groups}


def indicator_counts(
    at: date,
    indicators: list[Indicator] | None = None,
    by: str | None = None,
    unit_ids: Collection[int] | None = None,
) -> dict[int, dict[str | None, tuple[int, int]]]:
    """indicator id -> group -> (population, holders) at ``at`` (the group None without a
    breakdown): one statement, whatever the staff."""
    if indicators is None:
        indicators = list(db.session.scalars(select(Indicator)))
    counts = Counts(
        at,
        {i.track for i in indicators if i.track},
        {i.programme_id for i in indicators if i.programme_id},
        by,
        unit_ids,
    )
    return {i.id: counts.by_group(i) for i in indicators}


def _side(population: int, holders: int) -> tuple[dict, Fraction]:
    s = share(holders, population)
    return {"population": population, "holders": holders, "share": round_half_away(s, 1)}, s


def _then_and_now(before: tuple[int, int], after: tuple[int, int]) -> dict:
    """``baseline``, ``as_of`` and ``delta_pp`` of one indicator (or of one of its groups)."""
    then, share_then = _side(*before)
    now, share_now = _side(*after)
    return {"baseline": then, "as_of": now, "delta_pp": round_half_away(share_now - share_then, 1)}


def _total(per_group: dict) -> tuple[int, int]:
    """The groups' (population, holders) added up: the indicator's own figures."""
    return sum(p for p, _h in per_group.values()), sum(h for _p, h in per_group.values())


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


def count_status(achieved: int, target) -> str:
    """``exceeded``, ``met`` or ``below`` (reports.md, ``counts``)."""
    value = exact(target)
    return "exceeded" if achieved > value else "met" if achieved == value else "below"


def count_rows(
    period: Period, as_of: date, by: str | None = None, unit_ids: Collection[int] | None = None
) -> list[dict]:
    """Province-wide count targets (no category, no unit), in the order of the gaps rows, with
    ``achieved`` counted as the gaps' ``completed`` (and split by group with ``by``)."""
    targets = db.session.scalars(
        select(Target).where(
            Target.period_id == period.id,
            Target.kind == "count",
            Target.unit_id.is_(None),
            Target.category.is_(None),
        )
    ).all()
    reached = completed(period, as_of, by, unit_ids)
    out = []
    for t in sorted(targets, key=lambda t: (track_order(t.track), rank(t.track, t.level), t.id)):
        per_group = {g: reached.get((t.id, g), 0) for g in (groups(by) if by else (None,))}
        achieved = sum(per_group.values())
        row = {
            "track": t.track,
            "level": t.level,
            "target": number(t.value),
            "achieved": achieved,
            "pct": percent(achieved, t.value),
            "status": count_status(achieved, t.value),
        }
        if by:
            row["groups"] = [{"group": g, "achieved": n} for g, n in per_group.items()]
        out.append(row)
    return out


def report_json(
    baseline: date,
    as_of: date,
    period: Period | None = None,
    by: str | None = None,
    unit_ids: Collection[int] | None = None,
) -> dict:
    """The ``nq05 report --json`` object; ``by`` ('gender' or 'minority') adds ``groups``;
    ``unit_ids`` restricts every figure to the people working in those units."""
    if by is not None:
        groups(by)  # ValueError for an unknown breakdown, before any query
    without_jit(db.session)
    indicators = db.session.execute(
        select(Indicator, Programme.code)
        .outerjoin(Programme, Programme.id == Indicator.programme_id)
        .order_by(Indicator.position, Indicator.id)
    ).all()
    inds = [ind for ind, _ in indicators]
    then = indicator_counts(baseline, inds, by, unit_ids)
    now = indicator_counts(as_of, inds, by, unit_ids)
    targets = _share_targets(period)
    lines = []
    for ind, programme_code in indicators:
        line = {
            "category": ind.category,
            "track": ind.track,
            "min_level": ind.min_level,
            "programme": programme_code,
            **_then_and_now(_total(then[ind.id]), _total(now[ind.id])),
            "target": targets.get((ind.category, ind.track, ind.min_level)) if ind.track else None,
        }
        if by:
            line["groups"] = [
                {"group": g, **_then_and_now(then[ind.id][g], now[ind.id][g])} for g in groups(by)
            ]
        lines.append(line)
    return {
        "baseline": baseline.isoformat(),
        "as_of": as_of.isoformat(),
        "indicators": lines,
        "counts": count_rows(period, as_of, by, unit_ids) if period is not None else [],
    }
