"""A plan's whole journey in Chromium: create → name people → submit → the admin returns it with
a comment → the unit supplements → the admin approves."""

from __future__ import annotations

import pytest

from nq05 import clock
from tests.browser.conftest import screenshot, sign_in
from tests.plans.pages import make_world

pytestmark = [pytest.mark.browser, pytest.mark.service]


def test_plan_journey(browser, page, live_server, db, users):
    make_world(db, users)
    year = clock.today().year + 1
    head = page

    # the unit head starts the plan, adds a line for 3 people and names the 2 eligible ones
    sign_in(head, live_server, users.head_a.email, users.password)
    head.goto(live_server + "/plans/")
    start = head.locator("#start-form")
    start.get_by_label("Năm kế hoạch").fill(str(year))
    start.get_by_role("button", name="Lập kế hoạch").click()
    head.get_by_text(f"Kế hoạch đào tạo, bồi dưỡng năm {year}").wait_for()
    add = head.locator("#add-line")
    add.get_by_label("Chương trình đào tạo").select_option(label="Thạc sĩ kinh tế")
    add.get_by_label("Số người dự kiến").fill("3")
    add.get_by_role("button", name="Thêm dòng").click()
    head.get_by_text("Đã thêm dòng kế hoạch.").wait_for()
    # the findings panel already speaks: 3 planned, only 2 eligible
    findings = head.locator("#findings")
    assert "Số cử học vượt số người đủ điều kiện" in findings.inner_text()

    head.get_by_role("link", name="Chọn người được cử").click()
    candidates = head.locator("#candidates")
    assert "Đã đạt trình độ mà chương trình cấp" in candidates.locator("tr[data-person='A03']").inner_text()
    assert "Chưa đạt trình độ tiên quyết" in candidates.locator("tr[data-person='A04']").inner_text()
    head.get_by_label("Nguyễn Văn An").check()
    head.get_by_label("Trần Thị Bích").check()
    head.get_by_role("button", name="Lưu danh sách").click()
    head.get_by_text("Nguyễn Văn An (A01); Trần Thị Bích (A02)").wait_for()
    head.get_by_role("button", name="Gửi duyệt").click()
    head.get_by_text("Đã gửi kế hoạch cho Ban Tổ chức duyệt.").wait_for()
    assert "Đã trình, chờ phê duyệt" in head.locator("#plan-status").inner_text()
    plan_url = head.url.split("#")[0]

    # the admin finds it in the queue, with its error counted, and returns it with a comment
    admin_context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    admin = admin_context.new_page()
    try:
        sign_in(admin, live_server, users.admin.email, users.password)
        admin.goto(live_server + "/plans/")
        row = admin.locator("#queue tr", has_text="HA — Huyện An Hòa")
        assert row.locator(".badge-danger").inner_text() == "1"
        row.get_by_role("link").click()
        admin.get_by_label("Lý do trả lại (đơn vị sẽ đọc được)").fill(
            "Chỉ 2 người đủ điều kiện: giảm số người xuống 2."
        )
        admin.get_by_role("button", name="Trả lại").click()
        admin.get_by_text("Đã trả lại kế hoạch để đơn vị sửa.").wait_for()

        # the unit reads the comment and corrects the plan in a new version
        head.goto(plan_url)
        assert "Chỉ 2 người đủ điều kiện" in head.locator("#review-comment").inner_text()
        head.get_by_role("button", name="Lập kế hoạch bổ sung, điều chỉnh").click()
        head.get_by_text("Đã lập kế hoạch bổ sung, điều chỉnh lần 2 (dự thảo)").wait_for()
        line = head.locator("article.plan-line").first
        line.get_by_text("Sửa hoặc xóa dòng này").click()
        line.get_by_label("Số người dự kiến").fill("2")
        line.get_by_role("button", name="Lưu dòng").click()
        head.get_by_text("Đã lưu dòng kế hoạch.").wait_for()
        assert "Số cử học vượt số người đủ điều kiện" not in head.locator("#findings").inner_text()
        # compared with the returned version it answers, not with "nothing in force"
        changes = head.locator("#changes").inner_text()
        assert "Thay đổi so với lần 1 (Trả lại)" in changes
        assert "Sửa dòng Thạc sĩ kinh tế: số người 3 → 2" in changes
        head.get_by_role("button", name="Gửi duyệt").click()
        head.get_by_text("Đã gửi kế hoạch cho Ban Tổ chức duyệt.").wait_for()
        v2_url = head.url.split("#")[0]
        screenshot(head, "plan-journey-submitted-v2")

        # the admin approves the corrected version
        admin.goto(v2_url)
        admin.get_by_role("button", name="Phê duyệt kế hoạch").click()
        admin.get_by_text("Đã phê duyệt kế hoạch.").wait_for()
        assert "Đã phê duyệt" in admin.locator("#plan-status").inner_text()
        assert "Đang có hiệu lực" in admin.locator("#plan-status").inner_text()
        admin.get_by_role("link", name="tất cả các lần").click()
        versions = admin.locator("#versions").inner_text()
        assert "Trả lại" in versions and "Đã phê duyệt" in versions
        screenshot(admin, "plan-journey-approved")
    finally:
        admin_context.close()
