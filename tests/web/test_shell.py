"""The web shell: sign-in redirect, layout, languages, security headers, error pages, filters."""

from __future__ import annotations

from datetime import date

from tests.web.helpers import login


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_sign_in_page_is_vietnamese_by_default(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'lang="vi"' in page
    assert "Đăng nhập" in page and "Mật khẩu" in page


def test_an_english_browser_still_gets_vietnamese_until_the_user_switches(client):
    page = client.get("/login", headers={"Accept-Language": "en-US,en;q=0.9"}).get_data(as_text=True)
    assert 'lang="vi"' in page and "Đăng nhập" in page
    client.get("/lang/en?next=/login")
    page = client.get("/login", headers={"Accept-Language": "en-US,en;q=0.9"}).get_data(as_text=True)
    assert 'lang="en"' in page
    assert "Sign in" in page and "Password" in page


def test_language_switch_is_remembered(client):
    response = client.get("/lang/en?next=/login", headers={"Accept-Language": "vi"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    page = client.get("/login", headers={"Accept-Language": "vi"}).get_data(as_text=True)
    assert "Sign in" in page
    client.get("/lang/vi")
    assert "Đăng nhập" in client.get("/login").get_data(as_text=True)


def test_language_switch_never_redirects_off_site(client):
    response = client.get("/lang/en?next=https://evil.example/")
    assert "evil.example" not in response.headers["Location"]
    response = client.get("/lang/en?next=//evil.example/")
    assert "evil.example" not in response.headers["Location"]


def test_security_headers(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_hsts_when_the_cookies_are_secure(app, client, db):
    from nq05 import create_app

    assert "Strict-Transport-Security" not in client.get("/login").headers
    secure = create_app({**app.config, "SERVER_NAME": None, "SESSION_COOKIE_SECURE": True})
    with secure.app_context():
        headers = secure.test_client().get("/login", base_url="https://localhost").headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000"


def test_no_inline_script_or_style_and_no_cdn(client, users):
    pages = [client.get("/login").get_data(as_text=True)]
    login(client, users.admin)
    pages += [client.get(url).get_data(as_text=True) for url in ("/", "/admin/users", "/admin/audit")]
    for page in pages:
        assert "<script>" not in page and "<script " not in page.replace('<script src="/static/', "")
        assert " style=" not in page
        assert "://" not in page.split("<body", 1)[1].replace("http://localhost", "")


def test_not_found_page_in_vietnamese(client, users):
    login(client, users.head_a)
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.get_data(as_text=True)


def test_forbidden_page_in_vietnamese(client, users):
    login(client, users.head_a)
    response = client.get("/admin/users")
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.get_data(as_text=True)


def test_dashboard_greets_user_and_shows_menu_for_role(client, users):
    login(client, users.admin)
    page = client.get("/").get_data(as_text=True)
    assert "Quản Trị Viên" in page and "Người dùng" in page and "Nhật ký" in page
    login(client, users.head_a)
    page = client.get("/").get_data(as_text=True)
    assert "Trần Văn An" in page and "Huyện An Hòa" in page
    assert 'href="/admin/users"' not in page


def test_dashboard_panels_registry(client, users):
    from nq05.web.dashboard import Panel, PanelItem, dashboard_panels

    def pending(user):
        return Panel(
            title="Việc chờ xử lý", items=[PanelItem("Hồ sơ cần duyệt", url="/", count=3, tone="warning")]
        )

    dashboard_panels.register("centre_staff", pending)
    try:
        login(client, users.centre_1)
        page = client.get("/").get_data(as_text=True)
        assert "Việc chờ xử lý" in page and "Hồ sơ cần duyệt" in page
        login(client, users.head_a)
        assert "Việc chờ xử lý" not in client.get("/").get_data(as_text=True)
    finally:
        dashboard_panels._panels = [p for p in dashboard_panels._panels if p[2] is not pending]


def test_filters_in_both_languages(app):
    from nq05.web.formatting import date_vn, number, percent

    with app.test_request_context("/"):
        assert date_vn(date(2014, 3, 1)) == "01/03/2014"
        assert number(13.5) == "13,5"
        assert number(5000, 0) == "5.000"
        assert percent(0.135) == "13,5%"
    with app.test_request_context("/", headers={"Cookie": "lang=en"}):
        assert date_vn(date(2014, 3, 1)) == "Mar 1, 2014"
        assert number(13.5) == "13.5"
        assert percent(0.97, 0) == "97%"


def test_numbers_as_babel_formats_them(app):
    """``number`` keeps Babel's parsed pattern and takes a short way for whole numbers: the same
    text as ``format_decimal`` in both languages."""
    from decimal import Decimal

    from babel.numbers import format_decimal

    from nq05.web.formatting import number

    values = [0, 7, -7, 999, 1000, -1000, 5000, 123456789, -987654, 13.5, -0.25, 2.0, 1234.56, Decimal("1.5")]
    for cookie in ("", "lang=en"):
        with app.test_request_context("/", headers={"Cookie": cookie} if cookie else {}):
            locale = "en" if cookie else "vi"
            for digits in (0, 1, 2):
                pattern = "#,##0" + ("." + "#" * digits if digits else "")
                for value in values:
                    assert number(value, digits) == format_decimal(value, format=pattern, locale=locale), (
                        value,
                        digits,
                        locale,
                    )


def test_labels_translate(app):
    from nq05.labels import label

    with app.test_request_context("/"):
        assert label("category", "COMM_CIVIL") == "Công chức cấp xã"
        assert label("level", "master", "pro") == "Thạc sĩ"
        assert label("role", "unit_head") == "Thủ trưởng đơn vị"
    with app.test_request_context("/", headers={"Cookie": "lang=en"}):
        assert label("level", "master", "pro") == "Master's degree"
        assert label("category", "COMM_CIVIL") == "Commune civil servants"
