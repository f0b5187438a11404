"""Small builders of a province for the plan tests: units, staff, programmes, users."""

from __future__ import annotations

from datetime import date

from nq05.auth.models import User
from nq05.reference.models import Position, Programme
from nq05.staff.models import Assignment, Person, Qualification, Unit


def unit(db, code="D01", name="Huyện Một", level="district", parent=None) -> Unit:
    u = Unit(code=code, name=name, level=level, parent=parent)
    db.session.add(u)
    db.session.flush()
    return u


def position(db, code="CV", name="Chuyên viên", **minimums) -> Position:
    p = Position(code=code, name=name, **minimums)
    db.session.add(p)
    db.session.flush()
    return p


def person(
    db,
    code,
    in_unit,
    at_position,
    *,
    name=None,
    gender="M",
    birth=date(1980, 5, 1),
    category="DIST_CIVIL",
    start=date(2005, 1, 1),
    end=None,
    levels=(),
) -> Person:
    p = Person(code=code, full_name=name or f"Nguyễn Văn {code}", gender=gender, birth_date=birth)
    p.assignments.append(
        Assignment(unit=in_unit, category=category, position=at_position, start_date=start, end_date=end)
    )
    for track, level in levels:
        p.qualifications.append(Qualification(track=track, level=level, awarded_on=date(2000, 1, 1)))
    db.session.add(p)
    db.session.flush()
    return p


def programme(
    db, code="MASTER_ECON", name="Thạc sĩ kinh tế", kind="degree", track="pro", level="master", **kw
):
    p = Programme(
        code=code,
        name=name,
        kind=kind,
        track=track,
        level=level,
        duration_months=kw.pop("duration", 24),
        **kw,
    )
    db.session.add(p)
    db.session.flush()
    return p


def user(db, email, role, *, unit=None, centre=None, name=None) -> User:
    u = User(email=email, full_name=name or email.split("@")[0], role=role, unit=unit, centre=centre)
    u.set_password("matkhau-123")
    db.session.add(u)
    db.session.flush()
    return u
