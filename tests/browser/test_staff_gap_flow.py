"""Issue 3's browser journey: a unit head closes a standard gap; another unit's head is kept out."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in
from tests.staff.conftest import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.service]


def test_unit_head_closes_a_gap_and_other_head_cannot_open_the_person(page, live_server, db, users):
    staff = make_staff(db, users)
    sign_in(page, live_server, users.head_a.email, users.password)

    # find a person below standard through the staff list's filter
    page.get_by_role("link", name="Cán bộ, công chức").first.click()
    page.get_by_label("Chưa đạt chuẩn chức danh").check()
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**below=y**")
    rows = page.locator("table.staff tbody tr")
    expect(rows).to_have_count(1)
    assert "Đỗ Thị Bình" in rows.first.inner_text()
    screenshot(page, "staff-list-below-standard")
    page.get_by_role("link", name="Đỗ Thị Bình").click()

    gaps = page.get_by_test_id("position-standard-gaps")
    assert "Lý luận chính trị (Trung cấp)" in gaps.inner_text()
    screenshot(page, "person-with-gap")

    # add the missing qualification
    page.get_by_role("link", name="Thêm trình độ").click()
    page.get_by_label("Trình độ", exact=True).select_option("pol:intermediate")
    page.get_by_label("Ngày cấp bằng, chứng chỉ").fill("2014-06-30")
    page.get_by_role("button", name="Lưu").click()

    page.get_by_text("Đã thêm trình độ.").wait_for()
    assert page.get_by_test_id("position-standard-gaps").inner_text() == "Đạt đủ tiêu chuẩn chức danh."
    assert "30/06/2014" in page.locator("#qualifications").inner_text()
    screenshot(page, "person-gap-closed")
    person_url = page.url.split("#")[0]

    # the list no longer shows her below standard
    page.goto(live_server + "/staff/?below=y")
    assert "Không có cán bộ nào phù hợp." in page.locator("main").inner_text()

    # another unit's head cannot open her page
    page.get_by_role("button", name="Đăng xuất").click()
    sign_in(page, live_server, users.head_b.email, users.password)
    response = page.goto(person_url)
    assert response.status == 404
    assert "Không tìm thấy trang" in page.locator("main").inner_text()
    assert "Đỗ Thị Bình" not in page.content()
    page.goto(live_server + "/staff/")
    assert "Đỗ Thị Bình" not in page.content() and "Ngoại Thị Dung" in page.content()
    assert staff.binh.id  # the person existed all along


def test_staff_pages_fit_a_phone(phone_page, live_server, db, users):
    staff = make_staff(db, users)
    sign_in(phone_page, live_server, users.head_a.email, users.password)
    for path, name in (("/staff/?below=y", "phone-staff-list"), (f"/staff/{staff.binh.id}", "phone-person")):
        phone_page.goto(live_server + path)
        # wide tables scroll inside their own box; the page itself never scrolls sideways
        wide = phone_page.evaluate(
            """[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > 392 && !(e.parentElement && e.parentElement.closest(".table-wrap"))).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)).slice(0, 8)"""
        )
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390, wide
        screenshot(phone_page, name)
    phone_page.get_by_role("link", name="Thêm trình độ").focus()
    phone_page.keyboard.press("Enter")
    phone_page.wait_for_url("**/qualifications/new")
    assert phone_page.get_by_label("Trình độ", exact=True).is_visible()
