from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from tests import factories as f

TODAY = date(2013, 11, 15)


@dataclass
class Province:
    unit: object
    other_unit: object
    staff: list
    outsider: object
    master: object
    refresher: object
    head: object
    other_head: object
    admin: object
    centre_staff: object


@pytest.fixture()
def province(db):
    d01 = f.unit("D01", "Huyện Một")
    d02 = f.unit("D02", "Huyện Hai")
    cv = f.position("CV")
    staff = [
        f.person(
            d01,
            code="P01",
            at_position=cv,
            name="Nguyễn Văn An",
            qualifications=[("pro", "bachelor", "2000-01-01")],
        ),
        f.person(
            d01,
            code="P02",
            at_position=cv,
            name="Trần Thị Bình",
            gender="F",
            qualifications=[("pro", "bachelor", "2000-01-01")],
        ),
        f.person(
            d01,
            code="P03",
            at_position=cv,
            name="Lê Văn Cường",
            qualifications=[("pro", "master", "2000-01-01")],
        ),
    ]
    outsider = f.person(d02, code="P09", at_position=cv, name="Phạm Văn Dũng")
    master = f.programme(
        "MASTER_ECON",
        "Thạc sĩ kinh tế",
        kind="degree",
        track="pro",
        level="master",
        duration=24,
        pre_pro="bachelor",
    )
    refresher = f.programme(
        "REFRESH", "Bồi dưỡng kiến thức", kind="refresher", track=None, level=None, duration=1
    )
    centre = f.centre("TRUONG_CT", "Trường Chính trị tỉnh")
    p = Province(
        unit=d01,
        other_unit=d02,
        staff=staff,
        outsider=outsider,
        master=master,
        refresher=refresher,
        head=f.user("head@d01.vn", "unit_head", unit=d01, name="Thủ trưởng Một"),
        other_head=f.user("head@d02.vn", "unit_head", unit=d02, name="Thủ trưởng Hai"),
        admin=f.user("admin@tinh.vn", "admin", name="Ban Tổ chức"),
        centre_staff=f.user("gv@truong.vn", "centre_staff", centre=centre),
    )
    db.session.commit()
    return p


@pytest.fixture(autouse=True)
def _request(app):
    """Messages are translated for a user; a request context gives them the default language."""
    with app.test_request_context():
        yield
