"""The demo province in a real browser: it lives on 15/05/2016, and the admin walks it forward."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.service]


def test_the_demo_dashboard_shows_2016_and_the_admin_moves_the_date(app, page, live_server):
    built = app.test_cli_runner().invoke(args=["demo", "--seed", "3", "--scale", "0.05"])
    assert built.exit_code == 0, built.output

    sign_in(page, live_server, "thutruong.huyen@laichau.example.org", "unit-demo")
    expect(page.get_by_text("Dữ liệu mẫu — ngày giả định 15/05/2016")).to_be_visible()
    # the next plan is 2017's, due on the demo's 30/11/2016; the open classes start after 15/05/2016
    plan_2017 = page.locator('#unit-plans tr[data-year="2017"]')
    expect(plan_2017).to_contain_text("Chưa lập kế hoạch")
    expect(plan_2017).to_contain_text("hạn nộp 30/11/2016")
    open_classes = page.locator("section, article, div.panel, div.card").filter(
        has_text="Lớp đang nhận cử người"
    )
    expect(open_classes.get_by_text(re.compile(r"khai giảng \d\d/0[5-9]/2016")).first).to_be_visible()
    assert "2026" not in page.locator("main").inner_text()
    screenshot(page, "demo-dashboard-2016")

    page.get_by_role("button", name="Đăng xuất").click()
    sign_in(page, live_server, "admin@laichau.example.org", "admin-demo")
    page.get_by_role("link", name="Chuyển ngày").click()
    page.get_by_label("Ngày giả định mới").fill("2016-11-20")
    page.get_by_role("button", name="Chuyển ngày").click()
    expect(page.get_by_text("Đã chuyển ngày giả định sang 20/11/2016.")).to_be_visible()
    expect(page.get_by_text("Dữ liệu mẫu — ngày giả định 20/11/2016")).to_be_visible()
    page.get_by_role("link", name="Tổng quan").click()
    expect(page.get_by_text("Dữ liệu mẫu — ngày giả định 20/11/2016")).to_be_visible()
