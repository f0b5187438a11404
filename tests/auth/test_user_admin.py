"""Admin manages users: create, set role and unit or centre, set password, deactivate."""

from __future__ import annotations

from sqlalchemy import select

from tests.web.helpers import login


def _form(users, **changes):
    data = {
        "email": "moi@nq05.test",
        "full_name": "Người Dùng Mới",
        "role": "unit_head",
        "unit_id": str(users.units["XB1"].id),
        "centre_id": "",
        "active": "y",
        "password": "mat-khau-ban-dau-1",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_admin_creates_a_unit_head_who_can_sign_in(client, db, users):
    from nq05.audit.models import AuditEntry
    from nq05.auth.models import User

    login(client, users.admin)
    response = client.post("/admin/users/new", data=_form(users))
    assert response.status_code == 302
    user = db.session.execute(select(User).where(User.email == "moi@nq05.test")).scalar_one()
    assert user.role == "unit_head" and user.unit_id == users.units["XB1"].id and user.centre_id is None
    entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "user.create")).scalar_one()
    assert entry.details["password"] == ["", "***"] and "mat-khau" not in str(entry.details)
    client.post("/logout")
    login(client, user, password="mat-khau-ban-dau-1")
    assert "Xã Bình Yên" in client.get("/").get_data(as_text=True)


def test_role_needs_its_unit_or_centre(client, users):
    login(client, users.admin)
    page = client.post("/admin/users/new", data=_form(users, unit_id="")).get_data(as_text=True)
    assert "Thủ trưởng đơn vị phải thuộc một đơn vị." in page
    page = client.post("/admin/users/new", data=_form(users, role="centre_staff", unit_id="")).get_data(
        as_text=True
    )
    assert "Cán bộ cơ sở đào tạo phải thuộc một cơ sở đào tạo." in page
    page = client.post("/admin/users/new", data=_form(users, email=users.head_a.email)).get_data(as_text=True)
    assert "Đã có người dùng với thư điện tử này." in page


def test_admin_moves_and_deactivates_a_user(client, db, users):
    login(client, users.admin)
    data = _form(
        users,
        email=users.head_b.email,
        full_name=users.head_b.full_name,
        role="centre_staff",
        unit_id="",
        centre_id=str(users.centres["C2"].id),
        active=None,
        password="",
    )
    assert client.post(f"/admin/users/{users.head_b.id}", data=data).status_code == 302
    db.session.refresh(users.head_b)
    assert users.head_b.role == "centre_staff" and users.head_b.unit_id is None and not users.head_b.active
    client.post("/logout")
    response = client.post("/login", data={"email": users.head_b.email, "password": users.password})
    assert response.status_code == 200  # refused: deactivated


def test_admin_cannot_lock_themself_out(client, db, users):
    login(client, users.admin)
    data = _form(
        users,
        email=users.admin.email,
        full_name="Quản Trị Viên",
        role="admin",
        unit_id="",
        active=None,
        password="",
    )
    page = client.post(f"/admin/users/{users.admin.id}", data=data, follow_redirects=True).get_data(
        as_text=True
    )
    assert "Bạn không thể tự bỏ quyền quản trị hoặc tự khóa tài khoản của mình." in page
    db.session.refresh(users.admin)
    assert users.admin.active


def test_only_admin_manages_users_and_reads_the_audit_log(client, users):
    for user in (users.head_a, users.centre_1):
        login(client, user)
        for url in ("/admin/users", "/admin/users/new", f"/admin/users/{users.admin.id}", "/admin/audit"):
            assert client.get(url).status_code == 403, url


def test_audit_log_lists_changes_with_who_and_when(client, db, users):
    from tests.staff.conftest import make_staff

    staff = make_staff(db, users)
    login(client, users.head_a)
    client.post(f"/staff/{staff.binh.id}/qualifications/new", data={"qualification": "pol:intermediate"})
    login(client, users.admin)
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Thêm trình độ" in page and users.head_a.email in page and "Đỗ Thị Bình" in page
    page = client.get("/admin/audit?action=qualification.add").get_data(as_text=True)
    assert users.head_a.email in page and "Trung cấp" in page
