"""Staff fixtures: positions with title standards and people in the ``users`` province."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from tests.web.fixtures import users  # noqa: F401  (the fixture)


@dataclass
class Staff:
    chief: object  # position: district division head, needs bachelor + intermediate pol + specialist
    clerk: object  # position: no requirement
    an: object  # HA, meets the standard
    binh: object  # HA, below: pol elementary < intermediate
    chau: object  # XA1 (sub-unit of HA)
    dung: object  # HB (another unit), below standard


def make_staff(db, province) -> Staff:
    from nq05.reference.models import Position
    from nq05.staff.models import Assignment, Person, Qualification

    chief = Position(
        code="TP_H",
        name="Trưởng phòng cấp huyện",
        min_pro="bachelor",
        min_pol="intermediate",
        min_sm="specialist",
    )
    clerk = Position(code="CV", name="Chuyên viên")
    db.session.add_all([chief, clerk])
    db.session.flush()

    def person(code, name, unit, position, category="DIST_LEAD", quals=(), gender="M", planned=None):
        p = Person(
            code=code, full_name=name, gender=gender, birth_date=date(1980, 5, 17), planned_position=planned
        )
        db.session.add(p)
        db.session.flush()
        db.session.add(
            Assignment(
                person_id=p.id,
                unit_id=unit.id,
                category=category,
                position_id=position.id,
                start_date=date(2010, 1, 1),
            )
        )
        for track, level, awarded in quals:
            db.session.add(Qualification(person_id=p.id, track=track, level=level, awarded_on=awarded))
        return p

    full = (
        ("pro", "bachelor", date(2002, 6, 1)),
        ("pol", "intermediate", None),
        ("sm", "specialist", date(2012, 3, 1)),
    )
    staff = Staff(
        chief=chief,
        clerk=clerk,
        an=person("HA-001", "Nguyễn Văn An", province.units["HA"], chief, quals=full),
        binh=person(
            "HA-002",
            "Đỗ Thị Bình",
            province.units["HA"],
            chief,
            gender="F",
            quals=(
                ("pro", "master", date(2008, 1, 1)),
                ("pol", "elementary", date(2009, 1, 1)),
                ("sm", "specialist", None),
            ),
        ),
        chau=person(
            "XA1-001", "Lò Văn Châu", province.units["XA1"], clerk, category="COMM_CIVIL", planned=chief
        ),
        dung=person("HB-001", "Ngoại Thị Dung", province.units["HB"], chief),
    )
    db.session.commit()
    return staff


@pytest.fixture()
def staff(db, users) -> Staff:  # noqa: F811  (the fixture imported above)
    return make_staff(db, users)
