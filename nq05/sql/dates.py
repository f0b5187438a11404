"""Calendar arithmetic in SQL, the same on SQLite and PostgreSQL.

A date is compared as the integer ``yyyymmdd``. Comparing those integers is comparing
(year, month, day) tuples, which lets the rules of domain/people.py (whole years, calendar months,
29 February) be written as integer arithmetic that both databases evaluate identically.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, Integer, and_, case, literal, literal_column, or_, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement


class ymd(FunctionElement):
    """SQL: the date argument as the integer yyyymmdd (NULL stays NULL)."""

    type = Integer()
    inherit_cache = True
    name = "ymd"


@compiles(ymd, "sqlite")
def _ymd_sqlite(element, compiler, **kw):
    # SQLAlchemy stores SQLite dates as 'YYYY-MM-DD' text.
    return f"CAST(REPLACE({compiler.process(element.clauses, **kw)}, '-', '') AS INTEGER)"


@compiles(ymd)
def _ymd_default(element, compiler, **kw):
    return f"CAST(TO_CHAR({compiler.process(element.clauses, **kw)}, 'YYYYMMDD') AS INTEGER)"


def const(value: int) -> ColumnElement[int]:
    """An integer written into the SQL text (not a bind parameter, so PostgreSQL types it int4)."""
    return literal_column(str(int(value)), Integer)


def ymd_of(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


@dataclass(frozen=True)
class SqlDate:
    """A date the rules are evaluated at: a known date or a date column of each row."""

    #: expression comparable with date columns
    value: ColumnElement
    #: the same date as the integer yyyymmdd
    ymd: ColumnElement[int]
    year: ColumnElement[int]
    month: ColumnElement[int]
    day: ColumnElement[int]

    @classmethod
    def known(cls, day: date) -> SqlDate:
        return cls(
            literal(day, Date),
            const(ymd_of(day)),
            const(day.year),
            const(day.month),
            const(day.day),
        )

    @classmethod
    def column(cls, col) -> SqlDate:
        n = ymd(col)
        return cls(col, n, n // const(10000), (n // const(100)) % const(100), n % const(100))


def _is_leap(year):
    return or_(
        and_(year % const(4) == const(0), year % const(100) != const(0)), year % const(400) == const(0)
    )


def add_months_ymd(at: SqlDate, months) -> ColumnElement[int]:
    """yyyymmdd of ``at`` plus ``months`` calendar months, clamped to the month's last day
    (domain.people.add_months); ``months`` is a non-negative integer expression."""
    index = at.month - const(1) + months
    year = at.year + index // const(12)
    month = index % const(12) + const(1)
    days_in_month = case(
        (month == const(2), case((_is_leap(year), const(29)), else_=const(28))),
        (month.in_([4, 6, 9, 11]), const(30)),
        else_=const(31),
    )
    day = case((at.day > days_in_month, days_in_month), else_=at.day)
    return year * const(10000) + month * const(100) + day


def without_jit(session) -> None:
    """Switch PostgreSQL's JIT off for the current transaction.

    The rules' queries are large (many small subplans) and cheap to run, but their estimated cost
    passes ``jit_above_cost``: compiling them with LLVM took seconds where running them takes
    milliseconds. SQLite: nothing to do.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL jit = off"))
