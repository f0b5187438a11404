"""The progress pages in Chromium with the worked example: charts drawn, no CSP violation,
the report form in dd/mm/yyyy, the phone layout; screenshots in test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in
from tests.progress_web.fixtures import ADMIN, HEAD_H1, mini  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.service, pytest.mark.usefixtures("mini")]


def watch_console(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    return problems


def test_dashboard_and_findings(page, live_server):
    problems = watch_console(page)
    sign_in(page, live_server, *ADMIN)
    page.goto(live_server + "/progress/?as_of=01/03/2014&period=2011-2015&year=2014")
    assert page.locator("svg.chart.funnel").count() == 2
    bar = page.locator("svg.chart.funnel rect.bar-planned").first.bounding_box()
    assert bar and bar["width"] > 10  # the stylesheet's fill/size apply: bars are drawn
    screenshot(page, "progress-dashboard")
    page.get_by_role("link", name="Các phát hiện về kế hoạch").click()
    page.get_by_label("Mức độ").select_option("error")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**severity=error**")
    expect(page.locator("tr[data-finding]")).to_have_count(2)
    screenshot(page, "progress-findings")
    assert problems == []


def test_report_form_and_charts(page, live_server):
    problems = watch_console(page)
    sign_in(page, live_server, *ADMIN)
    page.goto(live_server + "/progress/report")
    page.get_by_label("Ngày gốc (mốc so sánh)").fill("31/12/2010")
    page.get_by_label("Tính đến ngày").fill("01/03/2014")
    page.get_by_label("Giai đoạn (chỉ tiêu)").select_option("2011-2015")
    page.get_by_role("button", name="Xem báo cáo").click()
    expect(page.get_by_text("giảm 1,4 điểm phần trăm")).to_be_visible()
    expect(page.get_by_text("1 thạc sĩ, đạt 10%")).to_be_visible()
    expect(page.locator("svg.chart.shares")).to_have_count(3)
    screenshot(page, "progress-report")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về Excel (.xlsx)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    # by gender: a row per group under each of the three indicators, and the groups in the charts
    page.get_by_label("Chia theo nhóm").select_option(label="Nam – nữ")
    page.get_by_role("button", name="Xem báo cáo").click()
    page.wait_for_url("**by=gender**")
    expect(page.locator("tr[data-group-of]")).to_have_count(6)
    expect(page.locator('svg.chart.shares g.pair[data-group="M"]')).to_have_count(3)
    screenshot(page, "progress-report-by-gender")
    assert problems == []


def test_phone_layout(phone_page, live_server):
    sign_in(phone_page, live_server, *HEAD_H1)
    phone_page.goto(live_server + "/progress/?as_of=01/03/2014&period=2011-2015&year=2014")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "progress-dashboard-phone")
    phone_page.goto(live_server + "/progress/report?baseline=31/12/2010&as_of=01/03/2014&period=2011-2015")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "progress-report-phone")
