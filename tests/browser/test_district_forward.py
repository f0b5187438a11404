"""Two-level review in Chromium: a district head forwards two commune plans at once and the admin
sees them in the province's review queue."""

from __future__ import annotations

import pytest

from nq05 import clock
from nq05.plans import operations as ops
from tests import factories as f
from tests.browser.conftest import screenshot, sign_in
from tests.plans.pages import make_world

pytestmark = [pytest.mark.browser, pytest.mark.service]


def test_a_district_head_forwards_two_commune_plans_and_the_admin_reviews_them(
    browser, page, live_server, db, users
):
    world = make_world(db, users)
    year = clock.today().year + 1
    xa2 = f.unit("XA2", "Xã An Phú", level="commune", parent=world.ha)
    plans = []
    for unit in (world.xa1, xa2):
        plan = ops.start_plan(unit, year, users.admin)
        ops.add_line(plan, ops.LineValues(world.refresher.id, None, 1), users.admin, None)
        ops.submit(plan, users.admin)
        plans.append(plan)
    db.session.commit()
    admin_context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    admin = admin_context.new_page()
    try:
        # before the district forwards them, the province's queue does not list them
        sign_in(admin, live_server, users.admin.email, users.password)
        admin.goto(f"{live_server}/plans/?year={year}")
        queue = admin.locator("#queue")
        assert "2 kế hoạch của xã đang chờ huyện xem xét" in queue.inner_text()
        assert "Xã An Bình" not in queue.inner_text()

        # the district head opens the desk from the dashboard, ticks both and forwards them
        head = page
        sign_in(head, live_server, users.head_a.email, users.password)
        head.get_by_role("link", name="Kế hoạch của các xã chờ huyện xem xét").click()
        desk = head.locator("#district-queue")
        assert "Xã An Bình" in desk.inner_text() and "Xã An Phú" in desk.inner_text()
        head.get_by_label("Chọn để chuyển lên: Xã An Bình").check()
        head.get_by_label("Chọn để chuyển lên: Xã An Phú").check()
        screenshot(head, "district-desk")
        head.get_by_role("button", name="Chuyển các kế hoạch đã chọn lên Ban Tổ chức").click()
        head.get_by_text("Đã chuyển 2 kế hoạch lên Ban Tổ chức.").wait_for()
        assert (
            "Không có kế hoạch nào của xã đang chờ huyện xem xét."
            in head.locator("#district-queue").inner_text()
        )
        forwarded = head.locator("#district-forwarded").inner_text()
        assert "Xã An Bình" in forwarded and "Xã An Phú" in forwarded

        # the admin now sees both to review, and opens one with the review forms
        admin.goto(f"{live_server}/plans/?year={year}")
        queue = admin.locator("#queue")
        assert "XA1 — Xã An Bình" in queue.inner_text() and "XA2 — Xã An Phú" in queue.inner_text()
        assert "đang chờ huyện xem xét" not in queue.inner_text()
        screenshot(admin, "district-forwarded-queue")
        queue.get_by_role("link", name="XA2 — Xã An Phú").click()
        admin.locator("#review").get_by_role("button", name="Phê duyệt kế hoạch").wait_for()
        assert "Ngày huyện chuyển lên" in admin.locator("#plan-facts").inner_text()
    finally:
        admin_context.close()
