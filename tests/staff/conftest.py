"""Staff fixtures: positions with title standards and people in the ``users`` province."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from tests import factories as f
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
    chief = f.position(
        "TP_H", "Trưởng phòng cấp huyện", min_pro="bachelor", min_pol="intermediate", min_sm="specialist"
    )
    clerk = f.position("CV", "Chuyên viên")

    def person(code, name, unit, position, category="DIST_LEAD", quals=(), gender="M", planned=None):
        return f.person(
            unit, code=code, name=name, gender=gender, born="1980-05-17", category=category, start="2010-01-01",
            at_position=position, planned_position=planned, qualifications=quals,
        )  # fmt: skip

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
