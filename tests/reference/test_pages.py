"""The admin's reference data pages: programmes, centres, positions and their title standards."""

from __future__ import annotations

from sqlalchemy import select

from nq05.reference.models import Position, Programme
from tests.web.helpers import login


def test_admin_adds_a_programme_and_a_second_one_with_its_code_is_refused(client, db, users):
    login(client, users.admin)
    data = {
        "code": "TC_LLCT",
        "name": "Trung cấp lý luận chính trị",
        "kind": "degree",
        "confers": "pol:intermediate",
        "duration_months": "8",
        "pre_edu": "upper_secondary",
    }
    assert client.post("/admin/programmes/new", data=data).status_code == 302
    programme = db.session.execute(select(Programme)).scalar_one()
    assert (programme.track, programme.level, programme.pre_edu) == ("pol", "intermediate", "upper_secondary")
    assert "Trung cấp lý luận chính trị" in client.get("/admin/programmes").get_data(as_text=True)
    page = client.post("/admin/programmes/new", data={**data, "name": "Khác"}).get_data(as_text=True)
    assert "Mã TC_LLCT đã được dùng." in page
    assert db.session.scalar(select(Programme.name).where(Programme.code == "TC_LLCT")) == data["name"]


def test_admin_sets_a_positions_title_standard(client, db, users):
    login(client, users.admin)
    response = client.post(
        "/admin/positions/new",
        data={"code": "TP", "name": "Trưởng phòng", "min_pro": "bachelor", "min_pol": "intermediate"},
    )
    assert response.status_code == 302
    position = db.session.execute(select(Position)).scalar_one()
    assert (position.min_pro, position.min_pol, position.min_sm) == ("bachelor", "intermediate", None)


def test_reference_pages_are_the_admins(client, users):
    login(client, users.head_a)
    for path in ("/admin/programmes", "/admin/centres", "/admin/positions/new"):
        assert client.get(path).status_code == 403
