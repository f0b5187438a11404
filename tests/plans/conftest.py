from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from tests.plans import factories as f

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
    from nq05.reference.models import Centre

    d01 = f.unit(db, "D01", "Huyện Một")
    d02 = f.unit(db, "D02", "Huyện Hai")
    cv = f.position(db)
    staff = [
        f.person(db, "P01", d01, cv, name="Nguyễn Văn An", levels=[("pro", "bachelor")]),
        f.person(db, "P02", d01, cv, name="Trần Thị Bình", gender="F", levels=[("pro", "bachelor")]),
        f.person(db, "P03", d01, cv, name="Lê Văn Cường", levels=[("pro", "master")]),
    ]
    outsider = f.person(db, "P09", d02, cv, name="Phạm Văn Dũng")
    master = f.programme(db, pre_pro="bachelor")
    refresher = f.programme(
        db, "REFRESH", "Bồi dưỡng kiến thức", kind="refresher", track=None, level=None, duration=1
    )
    centre = Centre(code="TRUONG_CT", name="Trường Chính trị tỉnh")
    db.session.add(centre)
    db.session.flush()
    p = Province(
        unit=d01,
        other_unit=d02,
        staff=staff,
        outsider=outsider,
        master=master,
        refresher=refresher,
        head=f.user(db, "head@d01.vn", "unit_head", unit=d01, name="Thủ trưởng Một"),
        other_head=f.user(db, "head@d02.vn", "unit_head", unit=d02, name="Thủ trưởng Hai"),
        admin=f.user(db, "admin@tinh.vn", "admin", name="Ban Tổ chức"),
        centre_staff=f.user(db, "gv@truong.vn", "centre_staff", centre=centre),
    )
    db.session.commit()
    return p


@pytest.fixture(autouse=True)
def _request(app):
    """Messages are translated for a user; a request context gives them the default language."""
    with app.test_request_context():
        yield
