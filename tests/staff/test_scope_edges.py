"""A unit head's change to a person's assignments never hands the person to another unit."""

from __future__ import annotations

from datetime import date

from nq05.auth.scoping import person_unit_id
from tests.web.helpers import login


def _earlier_post_in_another_unit(db, staff, users):
    """An (now ended) to 2009 at HB, then at HA: HA's head sees An as HA's."""
    from nq05.staff.models import Assignment

    db.session.add(
        Assignment(
            person_id=staff.an.id,
            unit_id=users.units["HB"].id,
            category="DIST_LEAD",
            position_id=staff.clerk.id,
            start_date=date(2005, 1, 1),
            end_date=date(2009, 12, 31),
        )
    )
    db.session.commit()
    return next(a for a in staff.an.assignments if a.unit_id == users.units["HA"].id)


def test_a_head_cannot_delete_the_post_that_keeps_a_person_in_the_unit(client, db, staff, users):
    current = _earlier_post_in_another_unit(db, staff, users)
    login(client, users.head_a)

    page = client.post(
        f"/staff/{staff.an.id}/assignments/{current.id}/delete", follow_redirects=True
    ).get_data(as_text=True)

    assert "cán bộ sẽ chuyển sang danh sách của đơn vị khác" in page
    db.session.expire_all()
    assert person_unit_id(staff.an.id) == users.units["HA"].id
    assert "Nguyễn Văn An" in client.get("/staff/").get_data(as_text=True)


def test_a_head_cannot_date_the_post_back_before_the_other_units(client, db, staff, users):
    current = _earlier_post_in_another_unit(db, staff, users)
    login(client, users.head_a)
    edit = {
        "unit_id": users.units["HA"].id,
        "category": "DIST_LEAD",
        "position_id": staff.chief.id,
        "start_date": "2001-01-01",
        "end_date": "2004-12-31",
    }

    page = client.post(f"/staff/{staff.an.id}/assignments/{current.id}", data=edit).get_data(as_text=True)

    assert "cán bộ sẽ chuyển sang danh sách của đơn vị khác" in page
    db.session.expire_all()
    assert person_unit_id(staff.an.id) == users.units["HA"].id


def test_the_admin_records_a_move_by_deleting_a_post(client, db, staff, users):
    current = _earlier_post_in_another_unit(db, staff, users)
    login(client, users.admin)
    client.post(f"/staff/{staff.an.id}/assignments/{current.id}/delete")
    db.session.expire_all()
    assert person_unit_id(staff.an.id) == users.units["HB"].id
