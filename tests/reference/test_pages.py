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


def test_the_title_standard_is_a_matrix_of_tracks_and_levels(client, db, users):
    from tests import factories as f

    position = f.position("TP", "Trưởng phòng", min_pro="bachelor")
    db.session.commit()
    login(client, users.admin)
    page = client.get(f"/admin/positions/{position.id}").get_data(as_text=True)
    # a row per track, a choice per level (and "no requirement"), the standard checked
    assert page.count('type="radio"') == 1 + 3 + 1 + 7 + 1 + 4 + 1 + 4
    assert 'name="min_pro" value="bachelor" checked' in page
    assert 'name="min_pol" value="" checked' in page
    data = {
        "code": "TP",
        "name": "Trưởng phòng",
        "min_pro": "master",
        "min_pol": "intermediate",
        "min_edu": "",
    }
    assert client.post(f"/admin/positions/{position.id}", data=data).status_code == 302
    db.session.refresh(position)
    assert (position.min_pro, position.min_pol, position.min_edu) == ("master", "intermediate", None)
    # a level of another track is refused, and nothing changes
    page = client.post(f"/admin/positions/{position.id}", data={**data, "min_sm": "master"}).get_data(
        as_text=True
    )
    assert "Trình độ không hợp lệ." in page
    db.session.refresh(position)
    assert position.min_sm is None


def test_a_changed_title_standard_recomputes_the_units_where_the_position_is_held(client, db, users):
    from nq05.notify.models import RecomputeRequest
    from tests import factories as f

    position = f.position("TP", "Trưởng phòng")
    other = f.position("CV", "Chuyên viên")
    f.person(users.units["HB"], at_position=position)
    f.person(users.units["HA"], at_position=other)
    db.session.commit()
    db.session.execute(RecomputeRequest.__table__.delete())
    db.session.commit()
    login(client, users.admin)
    data = {"code": "TP", "name": "Trưởng phòng", "min_pro": "bachelor"}
    assert client.post(f"/admin/positions/{position.id}", data=data).status_code == 302
    assert set(db.session.scalars(select(RecomputeRequest.unit_code))) == {"HB"}


def test_a_record_in_use_is_kept_one_unused_is_deleted(client, db, users):
    from nq05.audit.models import AuditEntry
    from nq05.reference.models import Centre
    from tests import factories as f

    used_position = f.position("TP", "Trưởng phòng")
    f.person(users.units["HA"], at_position=used_position)
    spare_position = f.position("PP", "Phó phòng")
    used_programme = f.programme(code="TC_LLCT", name="Trung cấp lý luận chính trị")
    f.training_class(used_programme, users.centres["C1"])
    spare_programme = f.programme(code="CC_LLCT", name="Cao cấp lý luận chính trị", level="advanced")
    spare_centre = f.centre("C9", "Trường Mới")
    db.session.commit()
    ids = {
        "used_position": used_position.id,
        "spare_position": spare_position.id,
        "used_programme": used_programme.id,
        "spare_programme": spare_programme.id,
        "spare_centre": spare_centre.id,
        "used_centre": users.centres["C1"].id,
    }
    login(client, users.admin)
    page = client.post(f"/admin/positions/{ids['used_position']}/delete", follow_redirects=True)
    assert "Không xóa được “Trưởng phòng”: đang được dùng ở 1 bản ghi khác." in page.get_data(as_text=True)
    page = client.post(f"/admin/programmes/{ids['used_programme']}/delete", follow_redirects=True)
    assert "Không xóa được “Trung cấp lý luận chính trị”" in page.get_data(as_text=True)
    page = client.post(f"/admin/centres/{ids['used_centre']}/delete", follow_redirects=True)
    assert "Không xóa được “Trường Chính trị tỉnh”" in page.get_data(as_text=True)
    for path in (
        f"/admin/positions/{ids['spare_position']}/delete",
        f"/admin/programmes/{ids['spare_programme']}/delete",
        f"/admin/centres/{ids['spare_centre']}/delete",
    ):
        assert client.post(path).status_code == 302
    assert [p.code for p in db.session.scalars(select(Position))] == ["TP"]
    assert [p.code for p in db.session.scalars(select(Programme))] == ["TC_LLCT"]
    assert sorted(c.code for c in db.session.scalars(select(Centre))) == ["C1", "C2"]
    actions = sorted(db.session.scalars(select(AuditEntry.action)))
    assert actions == ["centre.delete", "position.delete", "programme.delete"]
