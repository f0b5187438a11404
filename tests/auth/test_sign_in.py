"""Signing in and out, passwords, cookies, rate limits and CSRF."""

from __future__ import annotations

import uuid

import pytest
import redis

from tests.services import REDIS_TEST_URL, require_redis
from tests.web.helpers import PASSWORD, login


def _other_app(app, **config):
    from nq05 import create_app

    return create_app({**app.config, "SERVER_NAME": None, **config})


def test_sign_in_goes_to_the_asked_page(client, users):
    response = client.get("/admin/users")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]
    response = client.post(
        "/login", data={"email": "ADMIN@nq05.test ", "password": PASSWORD, "next": "/admin/users"}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/admin/users"
    assert "Quản Trị Viên" in client.get("/admin/users").get_data(as_text=True)


def test_sign_in_never_redirects_off_site(client, users):
    response = client.post(
        "/login", data={"email": users.admin.email, "password": PASSWORD, "next": "https://evil.example/x"}
    )
    assert response.headers["Location"] == "/"


def test_wrong_password_and_unknown_email_read_the_same(client, users):
    for email, password in ((users.admin.email, "sai-mat-khau"), ("khong-co@nq05.test", PASSWORD)):
        page = client.post("/login", data={"email": email, "password": password}).get_data(as_text=True)
        assert "Thư điện tử hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa." in page
    assert client.get("/").status_code == 302


def test_deactivated_user_cannot_sign_in_and_is_signed_out(client, db, users):
    login(client, users.head_b)
    users.head_b.active = False
    db.session.commit()
    assert client.get("/").status_code == 302  # the next request no longer knows them
    response = client.post("/login", data={"email": users.head_b.email, "password": PASSWORD})
    assert response.status_code == 200


def test_cookies_are_http_only_and_same_site(client, users):
    response = client.post("/login", data={"email": users.admin.email, "password": PASSWORD, "remember": "y"})
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    remember_cookie = next(c for c in cookies if c.startswith("remember_token="))
    for cookie in (session_cookie, remember_cookie):
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_secure_cookies_when_configured(app, db, users):
    other = _other_app(app, SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    client = other.test_client()
    with other.app_context():
        response = client.post(
            "/login", data={"email": users.admin.email, "password": PASSWORD, "remember": "y"}
        )
    assert all("Secure" in c for c in response.headers.getlist("Set-Cookie"))


def test_remember_me_keeps_the_user_after_the_session_ends(client, users):
    client.post("/login", data={"email": users.admin.email, "password": PASSWORD, "remember": "y"})
    client.delete_cookie("session", domain="localhost")
    assert client.get("/").status_code == 200


def test_sign_out_needs_a_post(client, users):
    login(client, users.admin)
    page = client.get("/logout").get_data(as_text=True)
    assert 'method="post"' in page
    assert client.get("/").status_code == 200
    response = client.post("/logout")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    assert client.get("/").status_code == 302


def test_change_password(client, users):
    login(client, users.head_a)
    page = client.post(
        "/account/password",
        data={"current": "sai", "new": "mat-khau-moi-2015", "confirm": "mat-khau-moi-2015"},
    ).get_data(as_text=True)
    assert "Mật khẩu hiện tại không đúng." in page
    page = client.post(
        "/account/password", data={"current": PASSWORD, "new": "ngan", "confirm": "ngan"}
    ).get_data(as_text=True)
    assert "Mật khẩu phải có ít nhất 8 ký tự." in page
    page = client.post(
        "/account/password",
        data={"current": PASSWORD, "new": "mat-khau-moi-2015", "confirm": "khac-nhau-2015"},
    ).get_data(as_text=True)
    assert "Hai lần nhập mật khẩu mới không khớp." in page
    response = client.post(
        "/account/password",
        data={"current": PASSWORD, "new": "mat-khau-moi-2015", "confirm": "mat-khau-moi-2015"},
    )
    assert response.status_code == 302
    client.post("/logout")
    login(client, users.head_a, password="mat-khau-moi-2015")


def test_csrf_is_required_when_enabled(app, db, users):
    other = _other_app(app, WTF_CSRF_ENABLED=True)
    client = other.test_client()
    with other.app_context():
        response = client.post("/login", data={"email": users.admin.email, "password": PASSWORD})
        assert response.status_code == 400
        assert "Yêu cầu không hợp lệ" in response.get_data(as_text=True)


def _hammer(other, users):
    client = other.test_client()
    with other.app_context():
        statuses = [
            client.post("/login", data={"email": users.admin.email, "password": "sai"}).status_code
            for _ in range(12)
        ]
        last = client.post("/login", data={"email": users.admin.email, "password": PASSWORD})
    return statuses, last


def test_sign_in_is_rate_limited(app, db, users):
    other = _other_app(app, RATELIMIT_ENABLED=True, REDIS_URL="")
    statuses, last = _hammer(other, users)
    # five wrong passwords for one account, then a wait (tests/auth/test_throttle.py has the rest)
    assert statuses == [200] * 5 + [429] * 7
    # this address has failed: even the right password waits
    assert last.status_code == 429
    assert "Bạn đã thử quá nhiều lần" in last.get_data(as_text=True)
    assert int(last.headers["Retry-After"]) > 0


@pytest.mark.redis
@pytest.mark.service
def test_rate_limit_uses_redis_when_configured(app, db, users):
    require_redis()
    prefix = f"nq05-test-{uuid.uuid4().hex}"
    other = _other_app(app, RATELIMIT_ENABLED=True, REDIS_URL=REDIS_TEST_URL, SIGN_IN_KEY_PREFIX=prefix)
    statuses, last = _hammer(other, users)
    assert 429 in statuses and last.status_code == 429
    # a second app on the same Redis shares the count: a cluster of workers limits together
    again = _other_app(app, RATELIMIT_ENABLED=True, REDIS_URL=REDIS_TEST_URL, SIGN_IN_KEY_PREFIX=prefix)
    with again.app_context():
        response = again.test_client().post("/login", data={"email": users.admin.email, "password": PASSWORD})
    assert response.status_code == 429
    redis.Redis.from_url(REDIS_TEST_URL).delete(*redis.Redis.from_url(REDIS_TEST_URL).keys(f"{prefix}:*"))
