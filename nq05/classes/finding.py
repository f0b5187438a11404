"""Finding one's way among a centre's classes: the filtered, paged class list, the month calendar,
the classes that fit a unit's plan, and a centre's view of a person on its roster.

Every query is scoped by ``class_clause`` (who may see which class) and costs a handful of
statements whatever the number of classes.
"""

from __future__ import annotations

import calendar as _calendar
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, false, func, not_, or_, select
from sqlalchemy.orm import selectinload

from nq05.classes.access import class_clause
from nq05.classes.models import Enrolment, SessionDay, TrainingClass
from nq05.domain.codes import SEAT_STATUSES
from nq05.extensions import db

#: a class's state as the list shows it, in the order of its life
STATES = ("draft", "open", "closed", "running", "ended")


def state_clause(state: str, today: date):
    """SQL condition on TrainingClass for one of ``STATES`` on ``today``."""
    published = TrainingClass.is_published.is_(True)
    taking = or_(
        and_(TrainingClass.enrol_deadline.is_not(None), TrainingClass.enrol_deadline >= today),
        and_(TrainingClass.enrol_deadline.is_(None), TrainingClass.start_date > today),
    )
    return {
        "draft": not_(published),
        "open": and_(published, taking),
        "closed": and_(published, not_(taking), TrainingClass.start_date > today),
        "running": and_(
            published, not_(taking), TrainingClass.start_date <= today, TrainingClass.end_date >= today
        ),
        "ended": and_(published, TrainingClass.end_date < today),
    }[state]


def state_of(training_class: TrainingClass, today: date) -> str:
    """The state of one class on ``today`` (the same rule as ``state_clause``)."""
    c = training_class
    if not c.is_published:
        return "draft"
    if c.end_date < today:
        return "ended"
    taking = c.enrol_deadline >= today if c.enrol_deadline is not None else c.start_date > today
    if taking:
        return "open"
    return "closed" if c.start_date > today else "running"


def seats_taken_sql():
    """SQL scalar: the seats taken in the class of the current TrainingClass row."""
    return (
        select(func.count(Enrolment.id))
        .where(Enrolment.class_id == TrainingClass.id, Enrolment.status.in_(SEAT_STATUSES))
        .correlate(TrainingClass)
        .scalar_subquery()
    )


# --- the classes that fit a unit's plan -----------------------------------------------------------
# The plans feature (which imports this one, not the reverse) registers what "fits the plan" means.

_PLAN_FIT: list[Callable] = []


def plan_fit_rule(rule: Callable) -> Callable:
    """Register ``rule(unit_id)`` -> SQL condition on TrainingClass: the class fits the unit's plan."""
    _PLAN_FIT.append(rule)
    return rule


def plan_fit_clause(unit_id: int | None):
    """SQL condition on TrainingClass: a class of a programme the unit plans for the class's year."""
    if unit_id is None or not _PLAN_FIT:
        return false()
    return or_(*(rule(unit_id) for rule in _PLAN_FIT))


@dataclass
class ClassFilters:
    year: int | None = None
    programme_id: int | None = None
    state: str | None = None
    open_seats: bool = False
    #: part of a class's code
    q: str = ""
    #: unit heads: only the classes open to nomination that fit the unit's plan
    fits_plan_of: int | None = None

    def args(self) -> dict:
        """The query string that gives these filters back (for the pager)."""
        values = {
            "year": self.year,
            "programme": self.programme_id,
            "state": self.state,
            "seats": 1 if self.open_seats else None,
            "q": self.q or None,
        }
        return {k: v for k, v in values.items() if v is not None}


def filtered_classes(user, filters: ClassFilters, today: date):
    """The select of the classes the user may see that pass ``filters``, soonest first."""
    query = (
        select(TrainingClass)
        .where(class_clause(user))
        .options(selectinload(TrainingClass.programme), selectinload(TrainingClass.centre))
        .order_by(TrainingClass.start_date.desc(), TrainingClass.code)
    )
    if filters.year:
        query = query.where(TrainingClass.year == filters.year)
    if filters.programme_id:
        query = query.where(TrainingClass.programme_id == filters.programme_id)
    if filters.state in STATES:
        query = query.where(state_clause(filters.state, today))
    if filters.open_seats:
        query = query.where(seats_taken_sql() < TrainingClass.capacity)
    if filters.q:
        query = query.where(TrainingClass.code.ilike(f"%{filters.q.strip()}%"))
    if filters.fits_plan_of is not None:
        query = query.where(state_clause("open", today), plan_fit_clause(filters.fits_plan_of))
    return query


# --- the month calendar ---------------------------------------------------------------------------


@dataclass
class CalendarDay:
    day: date
    in_month: bool
    #: (class, what: "session" | "start" | "end")
    events: list[tuple[TrainingClass, str]] = field(default_factory=list)


@dataclass
class Month:
    first: date
    weeks: list[list[CalendarDay]]
    #: the classes whose dates overlap the month, by start date
    classes: list[TrainingClass]

    @property
    def previous(self) -> date:
        return (self.first - timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> date:
        return (self.first + timedelta(days=32)).replace(day=1)


def month_calendar(user, first: date) -> Month:
    """The weeks (Monday to Sunday) of ``first``'s month with the session days, starts and ends of
    the classes the user may see; two queries."""
    last = first.replace(day=_calendar.monthrange(first.year, first.month)[1])
    classes = list(
        db.session.scalars(
            select(TrainingClass)
            .where(class_clause(user), TrainingClass.start_date <= last, TrainingClass.end_date >= first)
            .options(selectinload(TrainingClass.programme), selectinload(TrainingClass.centre))
            .order_by(TrainingClass.start_date, TrainingClass.code)
        )
    )
    by_id = {c.id: c for c in classes}
    # one entry per class and day: its opening (▶) or closing (■) says it meets that day
    marked = {(c.start_date, c.id): "start" for c in classes if first <= c.start_date <= last}
    marked |= {
        (c.end_date, c.id): "end"
        for c in classes
        if first <= c.end_date <= last and c.end_date != c.start_date
    }
    events = defaultdict(list)
    for c in classes:
        if (c.start_date, c.id) in marked:
            events[c.start_date].append((c, "start"))
    if by_id:
        for class_id, day in db.session.execute(
            select(SessionDay.class_id, SessionDay.day)
            .where(SessionDay.class_id.in_(list(by_id)), SessionDay.day >= first, SessionDay.day <= last)
            .order_by(SessionDay.day)
        ):
            if (day, class_id) not in marked:
                events[day].append((by_id[class_id], "session"))
    for c in classes:
        if marked.get((c.end_date, c.id)) == "end":
            events[c.end_date].append((c, "end"))
    start = first - timedelta(days=first.weekday())
    end = last + timedelta(days=6 - last.weekday())
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    weeks = [
        [CalendarDay(d, d.month == first.month, events.get(d, [])) for d in days[i : i + 7]]
        for i in range(0, len(days), 7)
    ]
    return Month(first, weeks, classes)


# --- a centre's view of a person on its roster ----------------------------------------------------


@dataclass
class RosterPerson:
    """What a centre needs of a person on its roster: name, unit, birth date, levels on the
    programme's tracks at the class start (not the person's full record)."""

    person: object
    unit: object | None
    enrolment: Enrolment
    levels: list[tuple[str, str]]


# --- values already typed, offered again (datalists) ----------------------------------------------

#: at most this many suggestions per field
MAX_SUGGESTIONS = 200


def used_values(column, user=None) -> list[str]:
    """The distinct values of ``column`` (of TrainingClass or SessionDay) already typed in the
    classes the user may see, most used first: the datalist a free-text field offers."""
    query = select(column).where(column.is_not(None), class_clause(user))
    if column.class_ is SessionDay:
        query = query.join(TrainingClass, TrainingClass.id == SessionDay.class_id)
    return list(
        db.session.scalars(
            query.group_by(column).order_by(func.count().desc(), column).limit(MAX_SUGGESTIONS)
        )
    )


def can_run(training_class: TrainingClass, user=None) -> bool:
    """The user runs this class (its centre's staff, or an admin)."""
    query = select(TrainingClass.id).where(
        TrainingClass.id == training_class.id, class_clause(user, write=True)
    )
    return db.session.execute(query).first() is not None


# --- a centre's fees per year ---------------------------------------------------------------------


@dataclass
class FundingLine:
    #: None: classes without a funding source
    source: str | None
    classes: int = 0
    learners: int = 0
    #: Σ fee per head × seats taken, over the classes with a fee
    total: int = 0
    #: classes without a fee per head
    without_fee: int = 0


@dataclass
class FeeYear:
    year: int
    lines: list[FundingLine]

    @property
    def classes(self) -> int:
        return sum(x.classes for x in self.lines)

    @property
    def learners(self) -> int:
        return sum(x.learners for x in self.lines)

    @property
    def total(self) -> int:
        return sum(x.total for x in self.lines)

    @property
    def without_fee(self) -> int:
        return sum(x.without_fee for x in self.lines)


def fees_per_year(centre_id: int, user=None) -> list[FeeYear]:
    """Per year (latest first) and funding source: classes, learners (seats taken) and the fees
    (fee per head × seats taken), of the centre's classes the user may see; one grouped query."""
    per_class = (
        select(
            TrainingClass.year,
            TrainingClass.funding_source,
            TrainingClass.fee_per_head,
            func.count(Enrolment.id).label("seats"),
        )
        .outerjoin(
            Enrolment, and_(Enrolment.class_id == TrainingClass.id, Enrolment.status.in_(SEAT_STATUSES))
        )
        .where(TrainingClass.centre_id == centre_id, class_clause(user))
        .group_by(TrainingClass.id)
        .subquery()
    )
    rows = db.session.execute(
        select(
            per_class.c.year,
            per_class.c.funding_source,
            func.count(),
            func.coalesce(func.sum(per_class.c.seats), 0),
            func.coalesce(func.sum(per_class.c.fee_per_head * per_class.c.seats), 0),
            func.count() - func.count(per_class.c.fee_per_head),
        )
        .group_by(per_class.c.year, per_class.c.funding_source)
        .order_by(per_class.c.year.desc(), per_class.c.funding_source)
    ).all()
    years: dict[int, FeeYear] = {}
    for year, source, classes, learners, total, without_fee in rows:
        line = FundingLine(source, int(classes), int(learners), int(total), int(without_fee))
        years.setdefault(year, FeeYear(year, [])).lines.append(line)
    return list(years.values())
