"""Foreign keys hold on the embedded SQLite as on PostgreSQL: a row cannot point at nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from nq05.reference.models import Position
from nq05.staff.models import Assignment, Person, Unit


def test_an_assignment_to_a_unit_that_does_not_exist_is_refused(db):
    person = Person(code="P1", full_name="Nguyễn Văn Một", gender="M", birth_date=date(1980, 1, 1))
    position = Position(code="CV", name="Chuyên viên")
    db.session.add_all([person, position])
    db.session.commit()
    missing_unit = (db.session.scalar(select(func.max(Unit.id))) or 0) + 1000
    db.session.add(
        Assignment(
            person_id=person.id,
            unit_id=missing_unit,
            position_id=position.id,
            category="DIST_CIVIL",
            start_date=date(2010, 1, 1),
        )
    )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Assignment)) == 0
