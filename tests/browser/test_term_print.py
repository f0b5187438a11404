"""In a browser: the attendance sheets of a 255-weekday class print one sheet a month on A4
landscape pages (12 learners: one page a month), no day column cut off; the weekly pattern page
skips a holiday."""

from __future__ import annotations

import re

import pytest

from nq05.classes import operations as ops
from nq05.classes.sessions import days_of_pattern
from tests import factories as f
from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.service]

#: A4 landscape minus the 10 mm margins of the print stylesheet, at 96 px per inch
PRINTABLE_WIDTH_PX = round((297 - 20) / 25.4 * 96)


def test_monthly_sheets_fit_a4_landscape(page, live_server, db, users):
    klass = f.training_class(
        f.programme(name="Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 3"),
        users.centres["C1"],
        start="2027-01-04",
        end="2027-12-24",
    )
    for i in range(12):
        f.enrol(f.person(users.units["HA"], name=f"Nguyễn Thị Học Viên Số {i + 1:02d}"), klass, "accepted")
    ops.set_session_days(klass, days_of_pattern(klass.start_date, klass.end_date, range(5)).days)
    db.session.commit()
    sign_in(page, live_server, users.centre_1.email, users.password)
    page.goto(f"{live_server}/classes/{klass.id}/attendance-sheet")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PRINTABLE_WIDTH_PX, "height": 800})
    widths = page.eval_on_selector_all(
        "table.sheet", "tables => tables.map(t => [t.scrollWidth, t.getBoundingClientRect().width])"
    )
    assert len(widths) == 12
    assert all(scroll <= PRINTABLE_WIDTH_PX and box <= PRINTABLE_WIDTH_PX for scroll, box in widths), widths
    # no day column squeezed out: every day cell is at least 5 mm wide
    narrowest = page.eval_on_selector_all(
        "table.sheet th.day", "cells => Math.min(...cells.map(c => c.getBoundingClientRect().width))"
    )
    assert narrowest >= 5 / 25.4 * 96 * 0.95, narrowest
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".attendance-sheet-page").first.screenshot(
        path=str(ARTIFACTS / "attendance-sheet-month-print.png")
    )
    pdf = page.pdf(format="A4", landscape=True, prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 12, pages  # one page a month


def test_the_weekly_pattern_page_skips_a_holiday(page, live_server, db, users):
    klass = f.training_class(f.programme(), users.centres["C1"], start="2027-04-26", end="2027-05-09")
    db.session.commit()
    sign_in(page, live_server, users.centre_1.email, users.password)
    page.goto(f"{live_server}/classes/{klass.id}/days")
    page.get_by_label("Thứ Ba", exact=True).check()
    page.get_by_label("Thứ Sáu", exact=True).check()
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(f"{live_server}/classes/{klass.id}")
    flashes = page.locator(".flashes").inner_text()
    assert "Đã lưu 3 ngày học." in flashes and "30/04/2027 (Ngày Chiến thắng)" in flashes
