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
from werkzeug.security import generate_password_hash

from tests.web.helpers import PASSWORD

# Hashing is deliberately slow; hash the shared test password once per run.
_PASSWORD_HASH = generate_password_hash(PASSWORD)


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
    from nq05.auth.models import User
    from nq05.reference.models import Centre
    from nq05.staff.models import Unit

    root = Unit(code="P00", name="Tỉnh Mẫu", level="province")
    a = Unit(code="HA", name="Huyện An Hòa", level="district", parent=root)
    a1 = Unit(code="XA1", name="Xã An Bình", level="commune", parent=a)
    b = Unit(code="HB", name="Huyện Bình Minh", level="district", parent=root)
    b1 = Unit(code="XB1", name="Xã Bình Yên", level="commune", parent=b)
    c1 = Centre(code="C1", name="Trường Chính trị tỉnh")
    c2 = Centre(code="C2", name="Trung tâm Chính trị huyện Bình Minh")
    db.session.add_all([root, a, a1, b, b1, c1, c2])
    db.session.flush()

    def user(email, name, role, unit=None, centre=None):
        u = User(
            email=email,
            full_name=name,
            role=role,
            unit_id=unit.id if unit else None,
            centre_id=centre.id if centre else None,
            password_hash=_PASSWORD_HASH,
            active=True,
        )
        db.session.add(u)
        return u

    found = Users(
        admin=user("admin@nq05.test", "Quản Trị Viên", "admin"),
        head_a=user("head.a@nq05.test", "Trần Văn An", "unit_head", unit=a),
        head_a1=user("head.a1@nq05.test", "Lê Thị Bình", "unit_head", unit=a1),
        head_b=user("head.b@nq05.test", "Phạm Văn Cường", "unit_head", unit=b),
        head_b1=user("head.b1@nq05.test", "Võ Thị Dung", "unit_head", unit=b1),
        centre_1=user("centre.1@nq05.test", "Đỗ Văn Giáo", "centre_staff", centre=c1),
        centre_2=user("centre.2@nq05.test", "Hoàng Thị Hạnh", "centre_staff", centre=c2),
        units={"P00": root, "HA": a, "XA1": a1, "HB": b, "XB1": b1},
        centres={"C1": c1, "C2": c2},
    )
    db.session.commit()
    return found


@pytest.fixture()
def users(db) -> Users:
    return make_users(db)
