"""Signing in and out in page tests (import from tests.web.helpers or tests.web.conftest)."""

from __future__ import annotations

from tests.factories import PASSWORD  # noqa: F401  (the password of every user a factory makes)


def login(client, user, password: str = PASSWORD):
    """Sign ``user`` in through the real sign-in form; returns the response (a redirect)."""
    client.get("/logout")  # nothing to do if nobody is signed in
    client.post("/logout")
    response = client.post("/login", data={"email": user.email, "password": password})
    assert response.status_code == 302, f"sign-in failed for {user.email}"
    return response


def logout(client):
    return client.post("/logout")
