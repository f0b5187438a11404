"""Retiring a position, programme or centre in use (issue 12): kept on its page and in the rows
that name it, left out of new choices; an unused one is deleted instead."""

from __future__ import annotations

from sqlalchemy import select

from nq05 import clock
from nq05.audit.models import AuditEntry
from nq05.reference.models import Centre, Position, Programme
from tests import factories as f
from tests.web.helpers import login


def _used_records(db, users):
    position = f.position("PP_CU", "Phó phòng (cũ)")
    person = f.person(users.units["HA"], at_position=position)
    programme = f.programme(code="UD_CNTT", name="Ứng dụng công nghệ thông tin", track=None, level=None)
    centre = f.centre("C_CU", "Trung tâm đã giải thể")
    f.training_class(programme, centre)
    db.session.commit()
    return position, programme, centre, person


def test_a_used_record_is_retired_and_reinstated_with_an_audit_entry(client, db, users):
    position, programme, centre, _person = _used_records(db, users)
    today = clock.today().strftime("%d/%m/%Y")
    login(client, users.admin)
    for kind, obj in (("positions", position), ("programmes", programme), ("centres", centre)):
        page = client.get(f"/admin/{kind}").get_data(as_text=True)
        assert "Ngừng sử dụng</button>" in page
        page = client.post(f"/admin/{kind}/{obj.id}/retire", follow_redirects=True).get_data(as_text=True)
        assert "Đã ngừng sử dụng." in page
        assert f"Ngừng sử dụng từ {today}" in page
        assert "Dùng lại</button>" in page
    assert db.session.scalar(select(Position.retired_on).where(Position.id == position.id)) == clock.today()
    assert db.session.scalar(select(Centre.retired_on).where(Centre.id == centre.id)) == clock.today()
    actions = sorted(db.session.scalars(select(AuditEntry.action)))
    assert actions == ["centre.retire", "position.retire", "programme.retire"]
    page = client.post(f"/admin/programmes/{programme.id}/reinstate", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Đã cho dùng lại." in page
    assert "Ngừng sử dụng từ" not in page
    assert db.session.scalar(select(Programme.retired_on).where(Programme.id == programme.id)) is None
    assert "programme.reinstate" in set(db.session.scalars(select(AuditEntry.action)))
    # still there: the retired records stay in the rows that name them
    assert db.session.get(Position, position.id) is not None


def test_an_unused_record_is_deleted_not_retired(client, db, users):
    spare = f.position("PP", "Phó phòng")
    db.session.commit()
    login(client, users.admin)
    page = client.get("/admin/positions").get_data(as_text=True)
    assert "Ngừng sử dụng</button>" not in page
    page = client.post(f"/admin/positions/{spare.id}/retire", follow_redirects=True).get_data(as_text=True)
    assert "“Phó phòng” chưa được dùng ở bản ghi nào: hãy xóa thay vì ngừng sử dụng." in page
    assert db.session.scalar(select(Position.retired_on).where(Position.id == spare.id)) is None
    assert db.session.scalar(select(AuditEntry.action)) is None


def _retire_all(client, users, position, programme, centre):
    login(client, users.admin)
    for kind, obj in (("positions", position), ("programmes", programme), ("centres", centre)):
        assert client.post(f"/admin/{kind}/{obj.id}/retire").status_code == 302


def test_a_retired_programme_and_centre_are_not_offered_when_scheduling_a_class(client, db, users):
    position, programme, centre, _person = _used_records(db, users)
    f.programme(code="TC_LLCT", name="Trung cấp lý luận chính trị")
    db.session.commit()
    _retire_all(client, users, position, programme, centre)
    page = client.get("/classes/new").get_data(as_text=True)
    assert "Trung cấp lý luận chính trị" in page
    assert "Ứng dụng công nghệ thông tin" not in page
    assert "Trường Chính trị tỉnh" in page
    assert "Trung tâm đã giải thể" not in page


def test_a_retired_position_is_not_offered_for_a_new_assignment(client, db, users):
    position, programme, centre, person = _used_records(db, users)
    f.position("CV", "Chuyên viên")
    db.session.commit()
    _retire_all(client, users, position, programme, centre)
    page = client.get(f"/staff/{person.id}/assignments/new").get_data(as_text=True)
    assert "Chuyên viên" in page
    assert "Phó phòng (cũ)" not in page


def test_a_retired_centre_is_not_offered_for_a_new_user(client, db, users):
    position, programme, centre, _person = _used_records(db, users)
    _retire_all(client, users, position, programme, centre)
    page = client.get("/admin/users/new").get_data(as_text=True)
    assert "Trường Chính trị tỉnh" in page
    assert "Trung tâm đã giải thể" not in page


def test_a_retired_programme_is_not_offered_for_a_new_plan_line(client, db, users):
    position, programme, centre, _person = _used_records(db, users)
    f.programme(code="TC_LLCT", name="Trung cấp lý luận chính trị")
    plan = f.plan(users.units["HA"], clock.today().year + 1, status="draft")
    db.session.commit()
    _retire_all(client, users, position, programme, centre)
    page = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert "Trung cấp lý luận chính trị" in page
    assert "Ứng dụng công nghệ thông tin" not in page


def test_an_assignment_that_names_a_retired_position_still_shows_it(client, db, users):
    position, programme, centre, person = _used_records(db, users)
    f.position("CV", "Chuyên viên")
    db.session.commit()
    assignment = person.assignments[0]
    _retire_all(client, users, position, programme, centre)
    page = client.get(f"/staff/{person.id}/assignments/{assignment.id}").get_data(as_text=True)
    assert "Phó phòng (cũ)" in page
    page = client.get(f"/staff/{person.id}/assignments/new").get_data(as_text=True)
    assert "Phó phòng (cũ)" not in page
