"""Sessions that end (docs/security.md).

Flask-Login keeps one string per sign-in in the session and in the remember cookie: the user's
``get_id()``, ``<user id>:<session token>:<signed in at>`` (Flask-Login's documented way of
"alternative tokens"). A session or cookie is honoured only while

- the token is the user's current one: ``end_sessions`` gives the user a new one at sign-out,
  password change, deactivation and an admin's "sign out everywhere", so every session and
  remembered sign-in of that user stops working at once;
- the sign-in is younger than SIGN_IN_LIFETIME (30 days), whatever the browser keeps;
- the user is active.

Session protection is Flask-Login's "strong", with an identifier made of the browser's
User-Agent only: a session cookie replayed from another browser is ended, but a phone moving
between networks (a new address at each request) stays signed in.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from flask import request, session
from flask_login import user_loaded_from_cookie

from nq05.config import SIGN_IN_LIFETIME


def parse(session_id: str) -> tuple[int, str, int] | None:
    """(user id, token, signed in at) of a session id, or None when it is not one."""
    parts = session_id.split(":")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[2].isdigit():
        return None
    return int(parts[0]), parts[1], int(parts[2])


def honoured(user, token: str, signed_in_at: int, now: float | None = None) -> bool:
    """Whether a sign-in with ``token`` at ``signed_in_at`` still stands for ``user``."""
    now = time.time() if now is None else now
    return (
        user is not None
        and user.active
        and hmac.compare_digest(user.session_token.encode(), token.encode())
        and now - signed_in_at < SIGN_IN_LIFETIME.total_seconds()
    )


def end_sessions(user) -> None:
    """End every session and remembered sign-in of ``user`` (the caller commits)."""
    user.session_token = secrets.token_hex(16)


def browser_identifier() -> str:
    """Flask-Login's session identifier without the address (see the module's docstring)."""
    agent = request.headers.get("User-Agent", "")
    return hashlib.sha512(agent.encode("utf-8", "replace")).hexdigest()


def init_sessions(app, login_manager) -> None:
    # Flask-Login has no public setting for this; the attribute has been stable since 0.3.
    login_manager._session_identifier_generator = browser_identifier

    @user_loaded_from_cookie.connect_via(app)
    def _identify_remembered_session(sender, user):
        # Flask-Login does not record the identifier when it signs a user in from the cookie;
        # without it "strong" protection would end that session on its next request.
        session["_id"] = browser_identifier()

    @app.before_request
    def _identify_anonymous_session():
        # Likewise a session holding only the language: "strong" protection would find no
        # identifier and clear the remember cookie of a user coming back.
        if session and "_user_id" not in session and "_id" not in session:
            session["_id"] = browser_identifier()
