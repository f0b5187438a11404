"""The admin's pages that add and change units."""

from __future__ import annotations

from sqlalchemy import select

from nq05.audit.models import AuditEntry
from nq05.staff.models import Unit
from tests.web.helpers import login


def test_admin_adds_a_unit_under_a_district(client, db, users):
    login(client, users.admin)
    response = client.post(
        "/admin/units/new",
        data={"code": "XA2", "name": "  Xã  An Lạc ", "level": "commune", "parent_id": users.units["HA"].id},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/units/")
    unit = db.session.execute(select(Unit).where(Unit.code == "XA2")).scalar_one()
    assert (unit.name, unit.parent_id) == ("Xã An Lạc", users.units["HA"].id)
    assert "Xã An Lạc" in client.get("/units/").get_data(as_text=True)
    assert (
        db.session.scalar(select(AuditEntry.user_id).where(AuditEntry.action == "unit.create"))
        == users.admin.id
    )


def test_a_unit_cannot_move_under_its_own_commune_nor_take_a_code_in_use(client, db, users):
    login(client, users.admin)
    district = users.units["HA"]
    page = client.post(
        f"/admin/units/{district.id}",
        data={"code": "HA", "name": district.name, "level": "district", "parent_id": users.units["XA1"].id},
    ).get_data(as_text=True)
    assert "Đơn vị cấp trên không thể là chính đơn vị này hoặc đơn vị trực thuộc của nó." in page
    page = client.post(
        f"/admin/units/{district.id}", data={"code": "HB", "name": district.name, "level": "district"}
    ).get_data(as_text=True)
    assert "Mã HB đã được dùng." in page
    db.session.expire_all()
    assert (district.code, district.parent_id) == ("HA", users.units["P00"].id)


def test_unit_heads_may_not_edit_units(client, users):
    login(client, users.head_a)
    assert client.get("/admin/units/new").status_code == 403
    assert client.post(f"/admin/units/{users.units['HA'].id}", data={"code": "X"}).status_code == 403
