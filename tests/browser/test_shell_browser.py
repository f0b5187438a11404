"""The shell in a real browser: sign in, menu by role, language switch, phone layout."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.service]


def test_sign_in_and_switch_language(page, live_server, users):
    sign_in(page, live_server, users.head_a.email, users.password)
    assert page.get_by_role("heading", name="Xin chào, Trần Văn An").is_visible()
    page.get_by_role("link", name="English").click()
    page.get_by_role("heading", name="Hello, Trần Văn An").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot(page, "dashboard-en")
    page.get_by_role("link", name="Tiếng Việt").click()
    page.get_by_role("heading", name="Xin chào, Trần Văn An").wait_for()


def test_wrong_password_is_refused_in_vietnamese(page, live_server, users):
    page.goto(live_server + "/login")
    page.get_by_label("Thư điện tử").fill(users.head_a.email)
    page.get_by_label("Mật khẩu").fill("sai-mat-khau-roi")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Thư điện tử hoặc mật khẩu không đúng")).to_be_visible()


def test_phone_layout_has_folded_menu(phone_page, live_server, users):
    sign_in(phone_page, live_server, users.admin.email, users.password)
    menu = phone_page.locator("details.menu")
    assert menu.get_attribute("open") is None
    phone_page.get_by_text("Danh mục", exact=True).click()
    expect(phone_page.get_by_role("link", name="Người dùng")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone_page, "dashboard-phone")
