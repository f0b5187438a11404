"""Staff pages as a unit head and an admin see them."""

from __future__ import annotations

from tests.web.helpers import login


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_staff_list_shows_own_unit_and_sub_units_only(client, staff, users):
    login(client, users.head_a)
    page = text(client.get("/staff/"))
    assert "Nguyễn Văn An" in page and "Đỗ Thị Bình" in page and "Lò Văn Châu" in page
    assert "Ngoại Thị Dung" not in page


def test_sub_unit_head_does_not_see_parent_unit(client, staff, users):
    login(client, users.head_a1)
    page = text(client.get("/staff/"))
    assert "Lò Văn Châu" in page and "Nguyễn Văn An" not in page
    assert client.get(f"/staff/{staff.an.id}").status_code == 404


def test_below_standard_filter(client, staff, users):
    login(client, users.head_a)
    page = text(client.get("/staff/?below=y"))
    assert "Đỗ Thị Bình" in page
    assert "Nguyễn Văn An" not in page and "Lò Văn Châu" not in page


def test_level_and_category_and_planned_filters(client, staff, users):
    login(client, users.admin)
    page = text(client.get("/staff/?pro=master"))
    assert "Đỗ Thị Bình" in page and "Nguyễn Văn An" not in page
    page = text(client.get("/staff/?category=COMM_CIVIL"))
    assert "Lò Văn Châu" in page and "Đỗ Thị Bình" not in page
    page = text(client.get("/staff/?planned=y"))
    assert "Lò Văn Châu" in page and "Nguyễn Văn An" not in page
    page = text(client.get(f"/staff/?unit={users.units['HA'].id}&only=y"))
    assert "Nguyễn Văn An" in page and "Lò Văn Châu" not in page


def test_search_ignores_case_and_diacritics(client, staff, users):
    """Typed without a Vietnamese keyboard, or with the marks in another order, names are found."""
    login(client, users.head_a)
    for query, found, not_found in (
        ("đỗ thị", "Đỗ Thị Bình", "Nguyễn Văn An"),
        ("DO THI", "Đỗ Thị Bình", "Nguyễn Văn An"),
        ("ha-001", "Nguyễn Văn An", "Đỗ Thị Bình"),
        ("nguyen van an", "Nguyễn Văn An", "Đỗ Thị Bình"),
        ("Nguye\u0302\u0303n", "Nguyễn Văn An", "Đỗ Thị Bình"),  # ễ typed as e + circumflex + tilde
    ):
        page = text(client.get("/staff/", query_string={"q": query}))
        assert found in page and not_found not in page, query
    assert "Nguyễn Văn An" not in text(client.get("/staff/?q=nguyen van anh"))


def test_person_page_shows_gaps_against_position_and_planned_position(client, staff, users):
    login(client, users.head_a)
    page = text(client.get(f"/staff/{staff.binh.id}"))
    assert "Cần bổ sung:" in page and "Lý luận chính trị (Trung cấp)" in page
    assert "17/05/1980" in page
    page = text(client.get(f"/staff/{staff.chau.id}"))
    assert "Chức danh quy hoạch" in page and "Trưởng phòng cấp huyện" in page
    assert "Trình độ chuyên môn (Đại học)" in page


def test_sub_unit_person_is_read_only_for_parent_head(client, staff, users):
    login(client, users.head_a)
    page = text(client.get(f"/staff/{staff.chau.id}"))
    assert "Thêm trình độ" not in page
    assert client.get(f"/staff/{staff.chau.id}/qualifications/new").status_code == 403
    response = client.post(
        f"/staff/{staff.chau.id}/qualifications/new", data={"qualification": "pol:elementary"}
    )
    assert response.status_code == 403


def test_add_missing_qualification_closes_gap_and_is_audited(client, db, staff, users):
    from nq05.audit.models import AuditEntry

    login(client, users.head_a)
    response = client.post(
        f"/staff/{staff.binh.id}/qualifications/new",
        data={"qualification": "pol:intermediate", "awarded_on": "2013-06-30"},
    )
    assert response.status_code == 302
    page = text(client.get(f"/staff/{staff.binh.id}"))
    assert "Đạt đủ tiêu chuẩn chức danh." in page and "30/06/2013" in page
    entry = db.session.query(AuditEntry).filter_by(action="qualification.add").one()
    assert entry.user_email == users.head_a.email and entry.unit_id == users.units["HA"].id
    assert "Đỗ Thị Bình" not in text(client.get("/staff/?below=y"))


def test_qualification_validation_messages(client, staff, users):
    login(client, users.head_a)
    url = f"/staff/{staff.binh.id}/qualifications/new"
    page = text(client.post(url, data={"qualification": "pol:doctor"}))
    assert "Trình độ không hợp lệ" in page or "Not a valid choice" not in page
    page = text(client.post(url, data={"qualification": "pro:master", "awarded_on": "2008-01-01"}))
    assert "Cán bộ này đã có trình độ này." in page
    page = text(client.post(url, data={"qualification": "sm:principal", "awarded_on": "1970-01-01"}))
    assert "Ngày cấp không thể trước ngày sinh." in page
    page = text(client.post(url, data={"qualification": "sm:principal", "awarded_on": "2999-01-01"}))
    assert "Ngày không được sau hôm nay." in page


def test_overlapping_assignment_is_refused_with_clear_message(client, staff, users):
    login(client, users.head_a)
    data = {
        "unit_id": users.units["HA"].id,
        "category": "DIST_LEAD",
        "position_id": staff.clerk.id,
        "start_date": "2015-01-01",
    }
    page = text(client.post(f"/staff/{staff.an.id}/assignments/new", data=data))
    assert "Trùng thời gian với quá trình công tác từ 01/01/2010 đến nay tại Huyện An Hòa" in page


def test_end_then_add_assignment(client, db, staff, users):
    login(client, users.head_a)
    first = staff.an.assignments[0]
    edit = {
        "unit_id": users.units["HA"].id,
        "category": "DIST_LEAD",
        "position_id": staff.chief.id,
        "start_date": "2010-01-01",
        "end_date": "2014-12-31",
    }
    assert client.post(f"/staff/{staff.an.id}/assignments/{first.id}", data=edit).status_code == 302
    new = dict(edit, start_date="2015-01-01", end_date="", position_id=staff.clerk.id)
    assert client.post(f"/staff/{staff.an.id}/assignments/new", data=new).status_code == 302
    page = text(client.get(f"/staff/{staff.an.id}"))
    assert "31/12/2014" in page and "Chuyên viên" in page


def test_unit_head_cannot_move_person_into_another_unit(client, staff, users):
    login(client, users.head_a)
    data = {
        "unit_id": users.units["HB"].id,
        "category": "DIST_LEAD",
        "position_id": staff.clerk.id,
        "start_date": "2030-01-01",
    }
    page = text(client.post(f"/staff/{staff.an.id}/assignments/new", data=data))
    assert "Not a valid choice" in page or "không hợp lệ" in page
    assert "Huyện Bình Minh" not in page


def test_add_and_edit_person(client, db, staff, users):
    from nq05.staff.models import Person

    login(client, users.head_a)
    data = {
        "code": "HA-009",
        "full_name": "Trịnh Văn Mới",
        "gender": "M",
        "birth_date": "1990-02-03",
        "unit_id": users.units["HA"].id,
        "category": "DIST_CIVIL",
        "position_id": staff.clerk.id,
        "start_date": "2020-01-01",
    }
    response = client.post("/staff/new", data=data)
    assert response.status_code == 302
    person = db.session.query(Person).filter_by(code="HA-009").one()
    assert "Trịnh Văn Mới" in text(client.get(f"/staff/{person.id}"))
    page = text(client.post("/staff/new", data=data))
    assert "Đã có cán bộ mang mã HA-009." in page
    edit = {k: data[k] for k in ("code", "full_name", "gender", "birth_date")} | {"full_name": "Trịnh Văn Cũ"}
    assert client.post(f"/staff/{person.id}/edit", data=edit).status_code == 302
    assert "Trịnh Văn Cũ" in text(client.get(f"/staff/{person.id}"))


def test_new_person_form_requires_fields(client, staff, users):
    login(client, users.head_a)
    page = text(client.post("/staff/new", data={}))
    for message in (
        "Vui lòng nhập mã cán bộ.",
        "Vui lòng nhập họ và tên.",
        "Vui lòng nhập ngày sinh hợp lệ.",
        "Vui lòng chọn đơn vị.",
    ):
        assert message in page


def test_unit_tree(client, staff, users):
    login(client, users.head_a)
    page = text(client.get("/units/"))
    assert "Huyện An Hòa" in page and "Xã An Bình" in page and "Huyện Bình Minh" not in page
    login(client, users.admin)
    page = text(client.get("/units/"))
    assert "Tỉnh Mẫu" in page and "Huyện Bình Minh" in page


def test_dashboard_counts_for_unit_head(client, staff, users):
    login(client, users.head_a)
    page = text(client.get("/"))
    assert "Chưa đạt chuẩn chức danh" in page


def test_english_person_page(client, staff, users):
    login(client, users.head_a)
    client.get("/lang/en")
    page = text(client.get(f"/staff/{staff.binh.id}"))
    assert "Political theory" in page and "Master&#39;s degree" in page and "May 17, 1980" in page


def test_the_staff_list_names_the_category(client, staff, users):
    from tests.progress.web.pages import visible_text

    login(client, users.head_a)
    page = visible_text(text(client.get("/staff/")))
    assert "Công chức cấp xã" in page and "Trưởng, phó phòng và tương đương cấp huyện" in page
    assert "COMM_CIVIL" not in page and "DIST_LEAD" not in page  # codes stay in URLs and form values
