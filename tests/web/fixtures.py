"""Fixtures for page tests: a small province with users of every role, and signing in.

Other features use them from their own conftest.py:

    from tests.web.fixtures import users  # noqa: F401  (the fixture)
    from tests.web.helpers import login

    def test_something(client, users):
        login(client, users.head_a)
        assert client.get("/staff/").status_code == 200

``users`` builds (and commits) this tree; each unit head heads one unit, each centre has staff:

    P00 Tỉnh Mẫu (province)
    ├── HA Huyện An Hòa (district)      head_a   ── XA1 Xã An Bình (commune)   head_a1
    └── HB Huyện Bình Minh (district)   head_b   ── XB1 Xã Bình Yên (commune)  head_b1
    centres C1 Trường Chính trị tỉnh (centre_1), C2 Trung tâm Chính trị huyện Bình Minh (centre_2)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests import factories as f
from tests.factories import PASSWORD


@dataclass
class Users:
    admin: object
    head_a: object
    head_a1: object
    head_b: object
    head_b1: object
    centre_1: object
    centre_2: object
    units: dict = field(default_factory=dict)
    centres: dict = field(default_factory=dict)
    password: str = PASSWORD

    def all(self) -> list:
        return [
            self.admin,
            self.head_a,
            self.head_a1,
            self.head_b,
            self.head_b1,
            self.centre_1,
            self.centre_2,
        ]


def make_users(db) -> Users:
    root = f.unit("P00", "Tỉnh Mẫu", level="province")
    a = f.unit("HA", "Huyện An Hòa", parent=root)
    a1 = f.unit("XA1", "Xã An Bình", level="commune", parent=a)
    b = f.unit("HB", "Huyện Bình Minh", parent=root)
    b1 = f.unit("XB1", "Xã Bình Yên", level="commune", parent=b)
    c1 = f.centre("C1", "Trường Chính trị tỉnh")
    c2 = f.centre("C2", "Trung tâm Chính trị huyện Bình Minh")
    found = Users(
        admin=f.user("admin@nq05.test", "admin", name="Quản Trị Viên"),
        head_a=f.user("head.a@nq05.test", "unit_head", name="Trần Văn An", unit=a),
        head_a1=f.user("head.a1@nq05.test", "unit_head", name="Lê Thị Bình", unit=a1),
        head_b=f.user("head.b@nq05.test", "unit_head", name="Phạm Văn Cường", unit=b),
        head_b1=f.user("head.b1@nq05.test", "unit_head", name="Võ Thị Dung", unit=b1),
        centre_1=f.user("centre.1@nq05.test", "centre_staff", name="Đỗ Văn Giáo", centre=c1),
        centre_2=f.user("centre.2@nq05.test", "centre_staff", name="Hoàng Thị Hạnh", centre=c2),
        units={"P00": root, "HA": a, "XA1": a1, "HB": b, "XB1": b1},
        centres={"C1": c1, "C2": c2},
    )
    db.session.commit()
    return found


@pytest.fixture()
def users(db) -> Users:
    return make_users(db)
