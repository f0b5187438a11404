"""Finding one's way: the class list paged and filtered, the month calendar, the unit head's
classes that fit the plan, and a centre's view of a person on its roster."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from nq05 import clock
from tests import factories as f
from tests.staff.test_scale import count_queries
from tests.web.helpers import login

TODAY = clock.today()


def _codes(html: str) -> list[str]:
    """The class codes listed in the class table, in order."""
    table = html.split('<table class="classes">', 1)[-1].split("</table>", 1)[0] if "classes" in html else ""
    return re.findall(r'<td><a href="/classes/\d+">([^<]+)</a></td>', table)


def test_the_class_list_is_paged_in_a_few_queries(client, db, users):
    programme = f.programme()
    for i in range(30):
        f.training_class(
            programme, users.centres["C1"], code=f"LOP-{i:02d}", start="2027-03-01", end="2027-04-01"
        )
    db.session.commit()
    login(client, users.centre_1)
    with count_queries(db.engine) as statements:
        first = client.get("/classes/")
    assert len(_codes(first.text)) == 25 and "30 lớp" in first.text and "Trang 1 / 2" in first.text
    assert len(statements) <= 12, statements
    second = client.get("/classes/?page=2")
    assert len(_codes(second.text)) == 5
    assert set(_codes(first.text)) | set(_codes(second.text)) == {f"LOP-{i:02d}" for i in range(30)}


def test_the_seat_figures_have_a_legend(client, db, users):
    login(client, users.centre_1)
    page = client.get("/classes/")
    assert "12 chỗ đã nhận (được nhận, hoàn thành, không đạt) trên 30 chỗ của lớp" in page.text
    assert "3 người trong danh sách chờ" in page.text and "5 người được cử, chưa xét" in page.text


@pytest.fixture()
def term(db, users):
    """Classes of centre C1 in every state; one full, one with free seats."""
    c1 = users.centres["C1"]
    p1, p2 = f.programme(name="Bồi dưỡng kiến thức quốc phòng"), f.programme(name="Trung cấp lý luận")
    classes = {
        "draft": f.training_class(
            p1,
            c1,
            code="NHAP",
            start=TODAY + timedelta(days=40),
            end=TODAY + timedelta(days=60),
            published=False,
        ),
        "open": f.training_class(
            p1, c1, code="MO", start=TODAY + timedelta(days=40), end=TODAY + timedelta(days=60), capacity=1
        ),
        "closed": f.training_class(
            p2,
            c1,
            code="HETHAN",
            start=TODAY + timedelta(days=10),
            end=TODAY + timedelta(days=60),
            deadline=TODAY - timedelta(days=1),
        ),
        "running": f.training_class(
            p2, c1, code="DANGHOC", start=TODAY - timedelta(days=10), end=TODAY + timedelta(days=10)
        ),
        "ended": f.training_class(
            p1, c1, code="XONG", start=TODAY - timedelta(days=100), end=TODAY - timedelta(days=50)
        ),
    }
    f.enrol(f.person(users.units["HA"]), classes["open"], "accepted")
    db.session.commit()
    return classes, p1, p2


def test_the_class_list_filters_by_state_programme_seats_and_code(client, db, users, term):
    classes, p1, p2 = term
    login(client, users.centre_1)
    for state, klass in classes.items():
        assert _codes(client.get(f"/classes/?state={state}").text) == [klass.code], state
    assert sorted(_codes(client.get(f"/classes/?programme={p2.id}").text)) == ["DANGHOC", "HETHAN"]
    assert "MO" not in _codes(client.get("/classes/?seats=1").text)  # its one seat is taken
    assert len(_codes(client.get("/classes/?seats=1").text)) == 4
    assert _codes(client.get("/classes/?q=hethan").text) == ["HETHAN"]
    year = classes["ended"].year
    assert "XONG" in _codes(client.get(f"/classes/?year={year}").text)
    page = client.get("/classes/?state=running")
    assert "Đang học" in page.text


def test_the_unit_heads_list_shows_open_classes_that_fit_the_plan(client, db, users, term):
    classes, p1, p2 = term
    c1 = users.centres["C1"]
    year = classes["open"].year
    other_open = f.training_class(
        p2, c1, code="MO-KHAC", start=TODAY + timedelta(days=40), end=TODAY + timedelta(days=60)
    )
    f.plan(users.units["HA"], year, lines=[(p1, 2, [])])
    f.plan(users.units["HB"], year, lines=[(p2, 2, [])])
    db.session.commit()
    login(client, users.head_a)
    page = client.get("/classes/")
    assert _codes(page.text) == ["MO"]
    assert "Xem tất cả các lớp" in page.text
    everything = _codes(client.get("/classes/?all=1").text)
    assert sorted(everything) == sorted(["MO", "MO-KHAC", "HETHAN", "DANGHOC", "XONG"])  # not the draft
    assert _codes(client.get("/classes/?state=ended").text) == ["XONG"]  # another state: beyond the plan
    login(client, users.head_b)
    assert _codes(client.get("/classes/").text) == [other_open.code]


def test_a_unit_without_a_plan_is_offered_all_classes(client, db, users, term):
    login(client, users.head_a)
    page = client.get("/classes/")
    assert _codes(page.text) == [] and "Không có lớp nào đang nhận cử người" in page.text
    assert "/classes/?all=1" in page.text


def test_the_month_calendar_shows_session_days_starts_and_ends(client, db, users):
    c1 = users.centres["C1"]
    klass = f.training_class(f.programme(), c1, code="LICH-01", start="2027-03-02", end="2027-03-20")
    f.session_day(klass, "2027-03-02")
    f.session_day(klass, "2027-03-03")
    f.session_day(klass, "2027-03-10")
    f.training_class(
        f.programme(), c1, code="LICH-KIN", start="2027-03-05", end="2027-03-25", published=False
    )
    f.training_class(f.programme(), c1, code="LICH-KHAC", start="2027-05-01", end="2027-05-25")
    db.session.commit()
    login(client, users.centre_1)
    page = client.get("/classes/calendar?month=2027-03")
    assert page.status_code == 200 and "tháng 03/2027" in page.text.lower()

    def cell(day):
        return page.text.split(f'data-day="{day}"', 1)[1].split("</td>", 1)[0]

    assert 'class="start"' in cell("2027-03-02") and cell("2027-03-02").count("LICH-01") == 1
    assert 'class="session"' in cell("2027-03-03") and "LICH-01" in cell("2027-03-10")
    assert "LICH-01" not in cell("2027-03-04")
    assert 'class="end"' in cell("2027-03-20")
    assert "LICH-KIN" in page.text and "LICH-KHAC" not in page.text
    assert page.text.count("<tr>") - 1 == 5  # five weeks, Monday 01/03 to Sunday 04/04
    assert "cdn" not in page.text.lower()
    login(client, users.head_a)
    seen = client.get("/classes/calendar?month=2027-03").text
    assert "LICH-01" in seen and "LICH-KIN" not in seen  # an unpublished class is the centre's own
    assert client.get("/classes/calendar?month=rubbish").status_code == 200
    login(client, users.centre_2)
    assert "LICH-01" not in client.get("/classes/calendar?month=2027-03").text  # another centre's class


@pytest.fixture()
def rostered(db, users):
    """Nguyễn Thị Hồng (HA, born 12/08/1985) nominated to a class of C1 whose programme asks for a level."""
    programme = f.programme(track="pol", level="intermediate")
    klass = f.training_class(programme, users.centres["C1"], start="2027-03-01", end="2027-06-01")
    hong = f.person(
        users.units["HA"],
        name="Nguyễn Thị Hồng",
        born="1985-08-12",
        qualifications=[("pol", "elementary", None)],
    )
    hong.email = "hong.rieng@example.test"
    elsewhere = f.person(users.units["HA"], name="Ngoài Lớp Văn")
    f.enrol(hong, klass, "nominated")
    other_class = f.training_class(programme, users.centres["C1"], start="2027-07-01", end="2027-08-01")
    f.enrol(elsewhere, other_class, "nominated")
    db.session.commit()
    return klass, hong, elsewhere


def test_a_centre_opens_a_person_on_its_roster(client, db, users, rostered):
    klass, hong, _ = rostered
    login(client, users.centre_1)
    roster = client.get(f"/classes/{klass.id}")
    link = f"/classes/{klass.id}/people/{hong.id}"
    assert link in roster.text
    page = client.get(link)
    assert page.status_code == 200
    assert "Nguyễn Thị Hồng" in page.text and "12/08/1985" in page.text and "Huyện An Hòa" in page.text
    assert "Sơ cấp" in page.text  # the level on the programme's track at the class start
    assert "hong.rieng@example.test" not in page.text


def test_a_centre_cannot_open_a_person_not_on_the_class(client, db, users, rostered):
    klass, hong, elsewhere = rostered
    login(client, users.centre_1)
    # on another roster of the same centre, but not on this class: not through this class
    assert client.get(f"/classes/{klass.id}/people/{elsewhere.id}").status_code == 404
    stranger = f.person(users.units["HB"], name="Người Lạ")
    db.session.commit()
    assert client.get(f"/classes/{klass.id}/people/{stranger.id}").status_code in (403, 404)
    login(client, users.centre_2)
    assert client.get(f"/classes/{klass.id}/people/{hong.id}").status_code in (403, 404)


@pytest.mark.parametrize("role,status", [("head_a", 403), ("head_b", 403), ("admin", 200)])
def test_the_centres_view_of_a_person_per_role(client, db, users, rostered, role, status):
    klass, hong, _ = rostered
    login(client, getattr(users, role))
    assert client.get(f"/classes/{klass.id}/people/{hong.id}").status_code == status
