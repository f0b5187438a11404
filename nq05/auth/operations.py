"""Signing in and passwords."""

from __future__ import annotations

from functools import cache

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from nq05.audit.operations import record
from nq05.auth.models import User
from nq05.auth.sessions import end_sessions
from nq05.extensions import db


@cache
def _dummy_hash() -> str:
    """Checked against when the e-mail is unknown, so a wrong e-mail takes as long as a wrong
    password. Made at the first unknown e-mail, not at import: hashing takes most of a second,
    which every command and worker start would pay."""
    return generate_password_hash("not-a-password")


def find_by_email(email: str) -> User | None:
    return db.session.execute(
        select(User).where(func.lower(User.email) == (email or "").strip().lower())
    ).scalar_one_or_none()


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None."""
    user = find_by_email(email)
    if user is None or not user.password_hash:
        check_password_hash(_dummy_hash(), password or "")
        return None
    if not user.check_password(password or "") or not user.active:
        return None
    return user


def set_password(user: User, password: str, actor, by_admin: bool = False) -> None:
    """A new password ends every session of the user (the caller signs the user in again if the
    user changed it themself)."""
    user.set_password(password)
    end_sessions(user)
    record("user.set_password" if by_admin else "user.change_password", user, user=actor)


def sign_out_everywhere(user: User, actor) -> None:
    """An admin ends every session and remembered sign-in of ``user``."""
    end_sessions(user)
    record("user.sign_out_everywhere", user, user=actor)
