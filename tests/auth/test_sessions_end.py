"""Sessions that end: sign-out, password change, deactivation and "sign out everywhere" end every
session and remembered sign-in of the user; a remembered sign-in lasts 30 days; a session cookie
replayed from another browser is ended, a phone changing address is not."""

from __future__ import annotations

import time
from types import SimpleNamespace

from flask_login.utils import encode_cookie
from sqlalchemy import select

from tests.web.helpers import PASSWORD, login

STAFF = "/staff/"


def _remembered_sign_in(app, user, **client_options):
    """A fresh browser that signs ``user`` in with "remember me"; returns it and its cookies."""
    client = app.test_client(**client_options)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    assert response.status_code == 302
    return client, _cookies(client)


def _cookies(client) -> dict[str, str]:
    return {name: client.get_cookie(name).value for name in ("session", "remember_token")}


def _browser_with(app, cookies: dict[str, str]):
    """Another browser holding copies of these cookies (what a thief would replay)."""
    client = app.test_client()
    for name, value in cookies.items():
        client.set_cookie(name, value, domain="localhost")
    return client


def _signed_in(client) -> bool:
    return client.get(STAFF).status_code == 200


def test_sign_out_ends_the_remembered_sign_in_too(app, users):
    client, stolen = _remembered_sign_in(app, users.head_a)
    assert _signed_in(_browser_with(app, stolen))

    response = client.post("/logout")

    assert any(c.startswith("remember_token=;") for c in response.headers.getlist("Set-Cookie"))
    assert not _signed_in(client)
    assert not _signed_in(_browser_with(app, stolen))
    assert not _signed_in(_browser_with(app, {"remember_token": stolen["remember_token"]}))


def test_each_sign_in_has_its_own_remember_token(app, users, monkeypatch):
    _, first = _remembered_sign_in(app, users.head_a)
    # the sign-in time is part of the token, in whole seconds: sign in again a second later
    later = time.time() + 1
    monkeypatch.setattr("nq05.auth.models.time", SimpleNamespace(time=lambda: later))
    _, second = _remembered_sign_in(app, users.head_a)
    assert first["remember_token"] != second["remember_token"]


def test_a_password_change_ends_the_other_sessions_but_not_this_one(app, users):
    _, elsewhere = _remembered_sign_in(app, users.head_a)
    here = app.test_client()
    login(here, users.head_a)

    response = here.post(
        "/account/password",
        data={"current": PASSWORD, "new": "mat-khau-moi-2016", "confirm": "mat-khau-moi-2016"},
    )

    assert response.status_code == 302
    assert _signed_in(here)
    assert not _signed_in(_browser_with(app, elsewhere))
    assert not _signed_in(_browser_with(app, {"remember_token": elsewhere["remember_token"]}))


def test_admin_sign_out_everywhere_deactivation_and_new_password_end_sessions(app, db, users):
    from nq05.audit.models import AuditEntry

    admin = app.test_client()
    login(admin, users.admin)
    url = f"/admin/users/{users.head_b.id}"
    form = {
        "email": users.head_b.email,
        "full_name": users.head_b.full_name,
        "role": "unit_head",
        "unit_id": users.head_b.unit_id,
        "centre_id": "",
        "active": "y",
    }

    _, victim = _remembered_sign_in(app, users.head_b)
    page = admin.get(url).get_data(as_text=True)
    assert "Đăng xuất trên mọi máy" in page
    assert admin.post(f"{url}/sign-out").status_code == 302
    assert not _signed_in(_browser_with(app, victim))
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.object_id == users.head_b.id)) == (
        "user.sign_out_everywhere"
    )

    _, victim = _remembered_sign_in(app, users.head_b)
    assert admin.post(url, data={**form, "password": "mat-khau-dat-lai-1"}).status_code == 302
    assert not _signed_in(_browser_with(app, victim))

    client, victim = _remembered_sign_in_with(app, users.head_b, "mat-khau-dat-lai-1")
    deactivated = {k: v for k, v in form.items() if k != "active"}
    assert admin.post(url, data=deactivated).status_code == 302
    assert not _signed_in(client)
    admin.post(url, data=form)  # active again: the old cookies stay dead
    assert not _signed_in(_browser_with(app, victim))


def _remembered_sign_in_with(app, user, password):
    client = app.test_client()
    response = client.post("/login", data={"email": user.email, "password": password, "remember": "y"})
    assert response.status_code == 302
    return client, _cookies(client)


def test_a_remembered_sign_in_lasts_thirty_days(app, db, users):
    user = users.head_a

    def remember_cookie(age_days: float) -> str:
        signed_in_at = int(time.time() - age_days * 24 * 3600)
        with app.test_request_context():
            return encode_cookie(f"{user.id}:{user.session_token}:{signed_in_at}")

    assert _signed_in(_browser_with(app, {"remember_token": remember_cookie(29)}))
    assert not _signed_in(_browser_with(app, {"remember_token": remember_cookie(31)}))
    assert app.config["REMEMBER_COOKIE_DURATION"].days == 30


def test_a_session_replayed_from_another_browser_is_ended_a_new_address_is_not(app, users):
    phone = app.test_client()
    phone.environ_base["HTTP_USER_AGENT"] = "Mozilla/5.0 (Linux; Android 14) Mobile"
    login(phone, users.head_a)
    assert _signed_in(phone)

    phone.environ_base["REMOTE_ADDR"] = "100.64.7.9"  # the phone moved from Wi-Fi to 4G
    assert _signed_in(phone)

    thief = _browser_with(app, {"session": phone.get_cookie("session").value})
    thief.environ_base["HTTP_USER_AGENT"] = "curl/8.5.0"
    assert not _signed_in(thief)


def test_a_remembered_sign_in_keeps_working_after_the_browser_restarts(app, users):
    client, _ = _remembered_sign_in(app, users.head_a)
    client.delete_cookie("session", domain="localhost")  # the browser was closed
    client.get("/lang/en")  # a first request that stores something in the session
    assert _signed_in(client)
    assert _signed_in(client)  # and the next ones
