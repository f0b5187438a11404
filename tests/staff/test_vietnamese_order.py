"""Vietnamese order: people by given name, then middle and family name; programmes, units,
centres, positions and categories by their names; the same order on SQLite and PostgreSQL
(NQ05_TEST_DB=postgres runs the page tests on PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select

from nq05 import clock
from nq05.classes import operations as ops
from nq05.domain.sorting import vn_name_key, vn_sort_key
from nq05.labels import choices
from nq05.staff.models import Person, Unit
from tests import factories as f
from tests.web.helpers import login


def in_order(page: str, *names: str) -> bool:
    """The names appear in ``page`` in this order (each found)."""
    places = [page.find(n) for n in names]
    assert all(p >= 0 for p in places), dict(zip(names, places, strict=True))
    return places == sorted(places)


# --- the key -------------------------------------------------------------------------------------


def test_d_stroke_comes_after_d_and_before_e():
    names = ["Em", "Đào tạo", "Dân vận", "Trung cấp", "Bồi dưỡng", "Đại học"]
    assert sorted(names, key=vn_sort_key) == ["Bồi dưỡng", "Dân vận", "Đại học", "Đào tạo", "Em", "Trung cấp"]


def test_letters_with_marks_have_their_own_places_and_tones_come_second():
    # a < ă < â are letters; within a letter the tone decides: none, huyền, hỏi, ngã, sắc, nặng
    names = ["Ấn", "Ân", "Ăn", "An", "Ẩn", "Án", "Ạn", "Àn", "Ản", "Ãn", "Bàn"]
    assert sorted(names, key=vn_sort_key) == [
        "An",
        "Àn",
        "Ản",
        "Ãn",
        "Án",
        "Ạn",
        "Ăn",
        "Ân",
        "Ẩn",
        "Ấn",
        "Bàn",
    ]
    # the letters decide before the tone: "Ánh" after "Anh" but "Ánh" before "Bình"
    assert sorted(["Bình", "Ánh", "Anh", "Anh Đào"], key=vn_sort_key) == ["Anh", "Anh Đào", "Ánh", "Bình"]


def test_case_punctuation_and_composition_do_not_matter():
    assert vn_sort_key("ĐÀO TẠO") == vn_sort_key("đào tạo") == vn_sort_key("Đa\u0300o ta\u0323o")
    assert vn_sort_key("Bồi dưỡng (chứng chỉ)") == vn_sort_key("Bồi dưỡng chứng chỉ")
    assert set(vn_sort_key("Trường Chính trị tỉnh Lai Châu 2")) <= set("0123456789")


def test_people_by_given_name_then_middle_then_family():
    people = ["Nguyễn Văn Bình", "Trần Thị An", "Lò Văn An", "Đỗ Thị Ánh", "Nguyễn Thị Anh", "Vũ An"]
    assert sorted(people, key=vn_name_key) == [
        "Vũ An",  # An, no middle name
        "Trần Thị An",  # An, Thị before Văn
        "Lò Văn An",
        "Nguyễn Thị Anh",
        "Đỗ Thị Ánh",
        "Nguyễn Văn Bình",
    ]
    assert vn_name_key("Lý Ánh") > vn_name_key("Trần Văn Anh")  # the given name first, family last


# --- lists on both databases ---------------------------------------------------------------------


def test_staff_list_in_vietnamese_order(client, users):
    unit = users.units["HA"]
    for name in ("Nguyễn Văn Đức", "Trần Thị Dung", "Lê Văn Em", "Hoàng Văn Anh", "Phạm Thị Ánh"):
        f.person(unit, name=name)
    login(client, users.head_a)
    page = client.get("/staff/").get_data(as_text=True)
    assert in_order(page, "Hoàng Văn Anh", "Phạm Thị Ánh", "Trần Thị Dung", "Nguyễn Văn Đức", "Lê Văn Em")


def test_the_nominate_picker_and_the_roster_in_vietnamese_order(client, db, users):
    klass = f.training_class(
        f.programme(name="Bồi dưỡng kỹ năng"),
        users.centres["C1"],
        start=clock.today() + timedelta(days=30),
        end=clock.today() + timedelta(days=60),
        capacity=10,
    )
    names = ("Nguyễn Văn Đức", "Trần Thị Dung", "Lê Văn Em", "Hoàng Văn Anh")
    people = [f.person(users.units["HA"], name=name) for name in names]
    db.session.commit()
    expected = ("Hoàng Văn Anh", "Trần Thị Dung", "Nguyễn Văn Đức", "Lê Văn Em")
    login(client, users.head_a)
    assert in_order(client.get(f"/classes/{klass.id}/nominate").get_data(as_text=True), *expected)
    for person in people:
        ops.nominate(klass, person.id, unit_id=users.units["HA"].id)
    db.session.commit()
    login(client, users.centre_1)
    assert in_order(client.get(f"/classes/{klass.id}").get_data(as_text=True), *expected)


def test_programmes_centres_and_positions_in_vietnamese_order(client, users):
    for code, name in (("Z1", "Trung cấp lý luận chính trị"), ("Z2", "Đào tạo đại học"), ("Z3", "Bồi dưỡng")):
        f.programme(code, name=name)
    for code, name in (("CX1", "Trường Chính trị tỉnh"), ("CX2", "Đại học Tây Bắc"), ("CX3", "Học viện")):
        f.centre(code, name)
    for code, name in (("A1", "Trưởng phòng"), ("A2", "Đội trưởng"), ("A3", "Chuyên viên")):
        f.position(code, name)
    login(client, users.admin)
    programmes = client.get("/admin/programmes").get_data(as_text=True)
    assert in_order(programmes, "Bồi dưỡng", "Đào tạo đại học", "Trung cấp lý luận chính trị")
    centres = client.get("/admin/centres").get_data(as_text=True)
    assert in_order(centres, "Đại học Tây Bắc", "Học viện", "Trường Chính trị tỉnh")
    positions = client.get("/admin/positions").get_data(as_text=True)
    assert in_order(positions, "Chuyên viên", "Đội trưởng", "Trưởng phòng")


def test_units_in_vietnamese_order(client, users):
    # codes in the opposite order of the names: the list follows the names
    root = users.units["P00"]
    f.unit("A-9", "Huyện Đà Bắc", parent=root)
    f.unit("A-1", "Huyện Than Uyên", parent=root)
    f.unit("A-5", "Huyện Dân Tiến", parent=root)
    login(client, users.admin)
    page = client.get("/units/").get_data(as_text=True)
    assert in_order(page, "Huyện Dân Tiến", "Huyện Đà Bắc", "Huyện Than Uyên")
    page = client.get("/staff/").get_data(as_text=True)  # the filter's select of units
    assert in_order(page, "Huyện Dân Tiến", "Huyện Đà Bắc", "Huyện Than Uyên")


def test_categories_offered_by_name(app):
    with app.test_request_context():
        labels = [text for _code, text in choices("category")]
    assert labels == sorted(labels, key=vn_sort_key)
    assert labels[0] == "Cán bộ cấp xã"


def test_bulk_inserts_get_their_keys(db, users):
    """The bundle import and the demo insert rows by statement: the key is computed from the row."""
    db.session.execute(
        insert(Person),
        [
            {"code": "B1", "full_name": "Trần Văn Bình", "gender": "M", "birth_date": f.d("1980-01-01")},
            {"code": "B2", "full_name": "Lê Thị Anh", "gender": "F", "birth_date": f.d("1981-01-01")},
        ],
    )
    db.session.execute(insert(Unit), [{"code": "U-B", "name": "Xã Đông", "level": "commune"}])
    rows = db.session.execute(select(Person.full_name, Person.sort_key).where(Person.code.in_(["B1", "B2"])))
    keys = {name: key for name, key in rows}
    assert keys == {"Trần Văn Bình": vn_name_key("Trần Văn Bình"), "Lê Thị Anh": vn_name_key("Lê Thị Anh")}
    assert db.session.scalar(select(Unit.sort_key).where(Unit.code == "U-B")) == vn_sort_key("Xã Đông")


def test_renaming_moves_the_key(db, users):
    person = f.person(users.units["HA"], name="Trần Văn Bình")
    person.full_name = "Trần Văn An"
    db.session.flush()
    assert db.session.scalar(select(Person.sort_key).where(Person.id == person.id)) == vn_name_key(
        "Trần Văn An"
    )
