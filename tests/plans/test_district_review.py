"""Two-level review: a commune's plan goes to its district, whose head returns or forwards it
(several at once); the province reviews what was forwarded. Access per role."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from nq05.audit.models import AuditEntry
from nq05.plans import district, queries
from nq05.plans import operations as ops
from nq05.plans.models import Plan
from tests import factories as f
from tests.plans.pages import AS_OF, YEAR, flashes, lock_version, make_world, plain, text_of
from tests.web.fixtures import users  # noqa: F401  (the fixture)
from tests.web.helpers import login


@pytest.fixture()
def world(db, users):  # noqa: F811
    return make_world(db, users)


def commune_plan(world, unit, planned=1):
    """A commune's plan, made and submitted for it by the admin (a commune may have no head)."""
    admin = world.users.admin
    plan = ops.start_plan(unit, YEAR, admin)
    ops.add_line(plan, ops.LineValues(world.refresher.id, None, planned), admin, None)
    ops.submit(plan, admin)
    return plan


def test_a_commune_plan_goes_to_its_district_and_the_province_reviews_only_what_was_forwarded(
    client, db, world
):
    u = world.users
    assert district.is_on()  # by default: the districts have heads
    login(client, u.head_a1)
    plan = ops.start_plan(world.xa1, YEAR, u.head_a1)
    ops.add_line(plan, ops.LineValues(world.refresher.id, None, 1), u.head_a1, None)
    db.session.commit()
    page = text_of(client.get(f"/plans/{plan.id}"))
    assert "Kế hoạch sẽ được trình lên Huyện An Hòa xem xét" in page  # said before submitting
    lock = lock_version(page)
    page = text_of(
        client.post(f"/plans/{plan.id}/submit", data={"lock_version": lock}, follow_redirects=True)
    )
    assert (
        "Đã trình kế hoạch lên Huyện An Hòa xem xét; huyện sẽ chuyển lên Ban Tổ chức phê duyệt."
        in flashes(page)
    )
    assert "Đang chờ Huyện An Hòa xem xét trước khi chuyển lên Ban Tổ chức" in plain(page)
    db.session.expire_all()
    plan = db.session.get(Plan, plan.id)
    assert (plan.status, plan.reviewer_unit_id) == ("submitted", world.ha.id)
    # the engine's plan in force does not change: a submitted plan is in force for it
    assert queries.plan_in_force(world.xa1.id, YEAR).id == plan.id

    # the province does not review it yet
    login(client, u.admin)
    index = text_of(client.get(f"/plans/?year={YEAR}&as_of={AS_OF.isoformat()}"))
    queue = index.split('id="queue"')[1].split("</section>")[0]
    assert f'value="{plan.id}"' not in queue and "Xã An Bình" not in queue
    assert "1 kế hoạch của xã đang chờ huyện xem xét" in plain(queue)
    page = text_of(client.get(f"/plans/{plan.id}"))
    assert 'id="review"' not in page
    refused = text_of(
        client.post(f"/plans/{plan.id}/approve", data={"approve-comment": "x"}, follow_redirects=True)
    )
    assert (
        "Kế hoạch của xã đang chờ huyện xem xét; Ban Tổ chức phê duyệt hoặc trả lại sau khi huyện chuyển lên."
        in flashes(refused)
    )
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).status == "submitted"

    # the district's head sees it with its findings and forwards it from its page
    login(client, u.head_a)
    desk = text_of(client.get(f"/plans/district?as_of={AS_OF.isoformat()}"))
    row = plain(desk.split(f'<tr data-plan="{plan.id}">')[1].split("</tr>")[0])
    assert row.startswith("Xã An Bình") and str(YEAR) in row
    page = text_of(client.get(f"/plans/{plan.id}"))
    assert 'id="district-review"' in page and "Chuyển lên Ban Tổ chức" in page
    done = text_of(
        client.post("/plans/forward", data={"plan_id": plan.id, "back": "plan"}, follow_redirects=True)
    )
    assert "Đã chuyển 1 kế hoạch lên Ban Tổ chức." in flashes(done)
    db.session.expire_all()
    plan = db.session.get(Plan, plan.id)
    assert plan.reviewer_unit_id is None and plan.forwarded_on is not None
    assert [e.action for e in plan.events][-1] == "forwarded"
    assert plan.events[-1].actor_name == u.head_a.full_name

    # now the province reviews it
    login(client, u.admin)
    queue = text_of(client.get(f"/plans/?year={YEAR}&as_of={AS_OF.isoformat()}")).split('id="queue"')[1]
    assert "XA1 — Xã An Bình" in queue.split("</section>")[0]
    client.post(f"/plans/{plan.id}/approve?as_of={AS_OF.isoformat()}", data={"approve-comment": "Đồng ý"})
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).status == "approved"
    history = plain(text_of(client.get(f"/plans/{plan.id}/versions")))
    assert "Trình Huyện An Hòa xem xét" in history and "Chuyển lên Ban Tổ chức Trần Văn An" in history


def test_the_district_returns_a_commune_plan_with_a_comment(client, db, world):
    plan = commune_plan(world, world.xa1)
    db.session.commit()
    login(client, world.users.head_a)
    refused = text_of(
        client.post(
            f"/plans/{plan.id}/district-return", data={"district-comment": " "}, follow_redirects=True
        )
    )
    assert "Khi trả lại kế hoạch phải ghi rõ lý do để đơn vị sửa." in flashes(refused)
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).status == "submitted"
    page = text_of(
        client.post(
            f"/plans/{plan.id}/district-return",
            data={"district-comment": "Xã cần cử thêm công chức địa chính"},
            follow_redirects=True,
        )
    )
    assert "Đã trả lại kế hoạch để xã sửa." in flashes(page)
    db.session.expire_all()
    plan = db.session.get(Plan, plan.id)
    assert (plan.status, plan.review_comment, plan.reviewer_unit_id) == (
        "returned",
        "Xã cần cử thêm công chức địa chính",
        None,
    )
    login(client, world.users.head_a1)  # the commune reads why and may correct it
    page = text_of(client.get(f"/plans/{plan.id}"))
    assert "Xã cần cử thêm công chức địa chính" in page and "Lập kế hoạch bổ sung, điều chỉnh" in page


def test_the_district_forwards_several_at_once_and_leaves_alone_what_is_not_its_own(client, db, world):
    xa2 = f.unit("XA2", "Xã An Phú", level="commune", parent=world.ha)
    first, second = commune_plan(world, world.xa1), commune_plan(world, xa2)
    other = commune_plan(world, world.users.units["XB1"])
    db.session.commit()
    login(client, world.users.head_a)
    page = text_of(
        client.post(
            "/plans/forward", data={"plan_id": [first.id, second.id, other.id]}, follow_redirects=True
        )
    )
    assert "Đã chuyển 2 kế hoạch lên Ban Tổ chức." in flashes(page)
    db.session.expire_all()
    assert db.session.get(Plan, first.id).reviewer_unit_id is None
    assert db.session.get(Plan, second.id).reviewer_unit_id is None
    assert db.session.get(Plan, other.id).reviewer_unit_id == world.hb.id  # another district's: untouched
    assert "Xã An Phú" in page.split('id="district-forwarded"')[1]


@pytest.mark.parametrize(
    "who, status", [("head_b", 404), ("head_b1", 404), ("centre_1", 403), ("admin", 403)]
)
def test_only_the_communes_district_may_return_it(client, db, world, who, status):
    plan = commune_plan(world, world.xa1)
    db.session.commit()
    login(client, getattr(world.users, who))
    response = client.post(f"/plans/{plan.id}/district-return", data={"district-comment": "Không đạt"})
    assert response.status_code == status
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).status == "submitted"


def test_the_communes_own_head_neither_returns_nor_forwards_it(client, db, world):
    plan = commune_plan(world, world.xa1)
    db.session.commit()
    login(client, world.users.head_a1)
    assert client.post(f"/plans/{plan.id}/district-return", data={"district-comment": "x"}).status_code == 403
    page = text_of(client.post("/plans/forward", data={"plan_id": plan.id}, follow_redirects=True))
    assert any("Chỉ thủ trưởng huyện quản lý xã này" in m for m in flashes(page))
    assert 'id="district-review"' not in text_of(client.get(f"/plans/{plan.id}"))
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).reviewer_unit_id == world.ha.id


@pytest.mark.parametrize("who, status", [("centre_1", 403), ("admin", 403)])
def test_who_may_open_the_districts_desk_and_forward(client, db, world, who, status):
    login(client, getattr(world.users, who))
    assert client.get("/plans/district").status_code == status
    assert client.post("/plans/forward", data={"plan_id": 1}).status_code == status


def test_a_district_head_sees_only_its_own_communes(client, db, world):
    mine, theirs = commune_plan(world, world.xa1), commune_plan(world, world.users.units["XB1"])
    db.session.commit()
    login(client, world.users.head_b)
    desk = text_of(client.get("/plans/district"))
    assert f'data-plan="{theirs.id}"' in desk and f'data-plan="{mine.id}"' not in desk
    assert "Xã An Bình" not in desk
    assert client.get(f"/plans/{mine.id}").status_code == 404
    page = text_of(client.post("/plans/forward", data={"plan_id": mine.id}, follow_redirects=True))
    assert "Chưa chọn kế hoạch nào." in flashes(page)
    db.session.expire_all()
    assert db.session.get(Plan, mine.id).reviewer_unit_id == world.ha.id
    # and the dashboard counts only its own communes' plans
    assert "Kế hoạch của các xã chờ huyện xem xét 1" in plain(text_of(client.get("/")))


def test_the_province_setting_turns_two_level_review_off_and_on(client, db, world):
    waiting = commune_plan(world, world.xa1)
    db.session.commit()
    login(client, world.users.admin)
    page = text_of(client.post("/plans/district-review", data={"choice": "off"}, follow_redirects=True))
    assert "Đã lưu cách xem xét kế hoạch của xã." in flashes(page)
    assert "1 kế hoạch đang chờ huyện đã được chuyển lên Ban Tổ chức." in flashes(page)
    assert "Đang tắt: xã trình thẳng Ban Tổ chức." in plain(page)
    db.session.expire_all()
    assert not district.is_on()
    assert db.session.get(Plan, waiting.id).reviewer_unit_id is None
    straight = commune_plan(world, world.users.units["XB1"])
    assert straight.reviewer_unit_id is None  # off: straight to the province
    assert db.session.query(AuditEntry).filter(AuditEntry.action == "plan.district_review").count() == 1

    client.post("/plans/district-review", data={"choice": "default"})
    db.session.expire_all()
    assert district.stored_choice() == "default" and district.is_on()
    assert client.post("/plans/district-review", data={"choice": "sometimes"}).status_code == 302
    assert district.stored_choice() == "default"
    login(client, world.users.head_a)
    assert client.post("/plans/district-review", data={"choice": "off"}).status_code == 403


def test_by_default_on_only_when_districts_have_heads(db, world):
    for head in (world.users.head_a, world.users.head_b):
        head.active = False
    db.session.flush()
    assert not district.is_on()
    assert commune_plan(world, world.xa1).reviewer_unit_id is None
    ops.set_district_review("on", world.users.admin)
    # on, but a district without a head cannot review: its communes go to the province
    assert district.is_on() and district.reviewing_district(world.xa1) is None


def test_the_districts_desk_costs_the_same_for_one_commune_plan_or_four(client, db, world):
    """Set-based: more communes' plans waiting do not mean more statements."""

    def statements_of_the_desk() -> int:
        seen = []

        def before(conn, cursor, statement, parameters, context, executemany):
            seen.append(statement)

        client.get("/plans/district")  # warm: the first request after a change loads more once
        engine = db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            page = client.get(f"/plans/district?as_of={AS_OF.isoformat()}")
        finally:
            event.remove(engine, "before_cursor_execute", before)
        assert page.status_code == 200
        return len(seen)

    commune_plan(world, world.xa1)
    db.session.commit()
    login(client, world.users.head_a)
    one = statements_of_the_desk()
    for n in range(2, 5):
        commune_plan(world, f.unit(f"XA{n}", f"Xã An Số {n}", level="commune", parent=world.ha))
    db.session.commit()
    four = statements_of_the_desk()
    for n in range(5, 8):
        commune_plan(world, f.unit(f"XA{n}", f"Xã An Số {n}", level="commune", parent=world.ha))
    db.session.commit()
    seven = statements_of_the_desk()
    assert text_of(client.get("/plans/district")).count("data-plan=") == 7
    assert one == four == seven
