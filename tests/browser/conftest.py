"""Browser tests: the app served on a free port by a thread, driven by headless Chromium.

    from tests.web.fixtures import users  # noqa: F401   (in your tests/<feature>/conftest.py)

    def test_sign_in(page, live_server, users):
        page.goto(live_server + "/login")
        ...

``live_server`` is the base URL of an app on the same database as the ``db`` fixture (with CSRF
on, as in production); commit your test data before the browser reads it. ``page`` is a fresh
browser context and page per test (Vietnamese, a desktop window); ``phone_page`` a phone-sized one.
Screenshots go to test-artifacts/ (gitignored) with ``screenshot(page, name)``.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.services import CHROMIUM, require_chromium, without_fsync
from tests.web.fixtures import users  # noqa: F401  (the fixture, for browser tests)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def live_app(app, database_url, tmp_path_factory):
    """A second app on the test database, configured like production (CSRF on)."""
    from nq05 import create_app

    live = create_app(
        {
            "TESTING": False,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": True,
            "RATELIMIT_ENABLED": False,
            "MAIL_FOLDER": str(tmp_path_factory.mktemp("live-mail")),
            "SECRET_KEY": "browser-tests",
        }
    )
    with live.app_context():
        from nq05.extensions import db

        without_fsync(db.engine)
    return live


@pytest.fixture(scope="session")
def _server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture()
def live_server(_server, db):
    """Base URL of the running app; tables are emptied after the test (by the ``db`` fixture)."""
    return _server


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        # a page the server renders under CI's load can take seconds; `expect` retries until then
        expect.set_options(timeout=15_000)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture()
def phone_page(browser):
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, base_url: str, email: str, password: str) -> None:
    """Fill and send the sign-in form; wait for the dashboard."""
    page.goto(base_url + "/login")
    page.get_by_label("Thư điện tử").fill(email)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(base_url + "/")
