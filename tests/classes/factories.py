"""Small builders for roster tests: a unit with staff, a programme, a centre, a class."""

from __future__ import annotations

from datetime import date
from itertools import count

from nq05.classes.models import TrainingClass
from nq05.reference.models import Centre, Position, Programme
from nq05.staff.models import Assignment, Person, Qualification, Unit

_seq = count(1)


def unit(db, code=None, **kw) -> Unit:
    u = Unit(
        code=code or f"U{next(_seq)}",
        name=kw.pop("name", "Đơn vị thử"),
        level=kw.pop("level", "district"),
        **kw,
    )
    db.session.add(u)
    db.session.flush()
    return u


def position(db) -> Position:
    p = Position(code=f"POS{next(_seq)}", name="Chuyên viên")
    db.session.add(p)
    db.session.flush()
    return p


def person(
    db,
    in_unit: Unit,
    *,
    birth=date(1980, 5, 1),
    gender="M",
    since=date(2005, 1, 1),
    until=None,
    category="DIST_CIVIL",
    name=None,
    qualifications=(),
) -> Person:
    n = next(_seq)
    p = Person(code=f"P{n:04d}", full_name=name or f"Nguyễn Văn {n}", gender=gender, birth_date=birth)
    p.assignments.append(
        Assignment(unit=in_unit, category=category, position=position(db), start_date=since, end_date=until)
    )
    for track, level, awarded in qualifications:
        p.qualifications.append(Qualification(track=track, level=level, awarded_on=awarded))
    db.session.add(p)
    db.session.flush()
    return p


def programme(db, **kw) -> Programme:
    values = dict(
        code=f"PG{next(_seq)}",
        name="Trung cấp lý luận chính trị",
        kind="certificate",
        track="pol",
        level="intermediate",
        duration_months=12,
    )
    values.update(kw)
    g = Programme(**values)
    db.session.add(g)
    db.session.flush()
    return g


def centre(db) -> Centre:
    c = Centre(code=f"C{next(_seq)}", name="Trường Chính trị tỉnh")
    db.session.add(c)
    db.session.flush()
    return c


def training_class(
    db,
    of: Programme,
    at: Centre | None = None,
    *,
    start=date(2015, 3, 1),
    end=date(2015, 12, 31),
    capacity=5,
    deadline=None,
    published=True,
) -> TrainingClass:
    c = TrainingClass(
        code=f"CL{next(_seq)}",
        programme=of,
        centre=at or centre(db),
        year=start.year,
        start_date=start,
        end_date=end,
        capacity=capacity,
        enrol_deadline=deadline,
        is_published=published,
    )
    db.session.add(c)
    db.session.flush()
    return c
