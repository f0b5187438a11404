"""The Organisation Board's desk in Chromium: the admin changes a unit's quota in the quota table
and, after the recompute, sees the unit's plan-versus-quota row move on the progress dashboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in
from tests.progress.web.fixtures import ADMIN, mini  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.service, pytest.mark.usefixtures("mini")]

DASHBOARD = "/progress/?as_of=01/03/2014&period=2011-2015&year=2014"


def recompute(world) -> None:
    result = world.runner.invoke(args=["recompute", "--as-of", "2014-03-01"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_the_admin_changes_a_quota_and_the_funnel_moves(page, live_server, mini):  # noqa: F811
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    recompute(mini)
    sign_in(page, live_server, *ADMIN)
    page.goto(live_server + DASHBOARD)
    h1 = page.locator('tr[data-gap-row][data-unit="H1"][data-level="intermediate"]')
    # the worked example: H1's quota of 12 people at intermediate political theory, 2 reached
    expect(h1.locator('[data-field="target"]')).to_have_text("12")
    expect(h1.locator('[data-field="gap"]')).to_have_text("10")

    page.get_by_role("link", name="Chỉ tiêu", exact=True).click()
    page.get_by_role("link", name="2011-2015").click()
    page.get_by_role("link", name="Bảng chỉ tiêu theo đơn vị").first.click()
    warnings = page.locator("[data-quota-warnings]")
    expect(warnings).to_contain_text(
        "Thạc sĩ: tổng chỉ tiêu của các đơn vị là 0, chưa bằng chỉ tiêu của tỉnh 10"
    )
    cell = page.get_by_label("Huyện Tam Đường — Trung cấp")
    expect(cell).to_have_value("12")
    cell.fill("20")
    page.get_by_label("Huyện Phong Thổ — Thạc sĩ").fill("10")
    screenshot(page, "reference-quota-table")
    page.get_by_role("button", name="Lưu bảng chỉ tiêu").click()
    expect(page.get_by_text("Đã lưu 2 thay đổi.")).to_be_visible()
    expect(page.get_by_label("Huyện Tam Đường — Trung cấp")).to_have_value("20")
    expect(warnings).not_to_contain_text("Thạc sĩ")  # the units' master quotas now add up to 10

    recompute(mini)
    page.goto(live_server + DASHBOARD)
    expect(page.get_by_text("Số liệu tính lúc").first).to_be_visible()
    expect(h1.locator('[data-field="target"]')).to_have_text("20")
    expect(h1.locator('[data-field="gap"]')).to_have_text("18")
    h2 = page.locator('tr[data-gap-row][data-unit="H2"][data-level="master"]')
    expect(h2.locator('[data-field="target"]')).to_have_text("10")
    screenshot(page, "reference-quota-funnel")
    assert problems == []  # no script error, no blocked inline style
