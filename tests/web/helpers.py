"""Signing in and out in page tests (import from tests.web.helpers or tests.web.conftest)."""

from __future__ import annotations

#: the password of every user made by the ``users`` fixture
PASSWORD = "mat-khau-thu-nghiem-05"


def login(client, user, password: str = PASSWORD):
    """Sign ``user`` in through the real sign-in form; returns the response (a redirect)."""
    client.get("/logout")  # nothing to do if nobody is signed in
    client.post("/logout")
    response = client.post("/login", data={"email": user.email, "password": password})
    assert response.status_code == 302, f"sign-in failed for {user.email}"
    return response


def logout(client):
    return client.post("/logout")


def sign_in_session(client, user) -> None:
    """Put ``user``'s sign-in straight into the client's session, as a sign-in would (quicker
    than the form, for tests that switch users often); None leaves nobody signed in."""
    from nq05.auth.sessions import browser_identifier

    agent = client.environ_base["HTTP_USER_AGENT"]
    with client.application.test_request_context(headers={"User-Agent": agent}):
        identifier = browser_identifier()
    with client.session_transaction() as session:
        session.clear()
        if user is not None:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
            session["_id"] = identifier
