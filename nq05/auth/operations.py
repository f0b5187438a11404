"""Changing users: sign-in checks, passwords, and the admin's user management."""

from __future__ import annotations

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from nq05.audit.operations import record
from nq05.auth.models import User
from nq05.auth.sessions import end_sessions
from nq05.extensions import db

# Checked against when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-password")


def find_by_email(email: str) -> User | None:
    return db.session.execute(
        select(User).where(func.lower(User.email) == (email or "").strip().lower())
    ).scalar_one_or_none()


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None."""
    user = find_by_email(email)
    if user is None or not user.password_hash:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not user.check_password(password or "") or not user.active:
        return None
    return user


def set_password(user: User, password: str, by_admin: bool = False) -> None:
    """A new password ends every session of the user (the caller signs the user in again if the
    user changed it themself)."""
    user.set_password(password)
    end_sessions(user)
    record("user.set_password" if by_admin else "user.change_password", user)


def sign_out_everywhere(user: User) -> None:
    """An admin ends every session and remembered sign-in of ``user``."""
    end_sessions(user)
    record("user.sign_out_everywhere", user)


def save_user(user: User | None, data: dict) -> User:
    """Create (user None) or update a user from the admin form's data."""
    creating = user is None
    if creating:
        user = User()
        db.session.add(user)
    before = {
        k: getattr(user, k, None) for k in ("email", "full_name", "role", "unit_id", "centre_id", "active")
    }
    user.email = data["email"].strip().lower()
    user.full_name = data["full_name"].strip()
    user.role = data["role"]
    user.unit_id = data["unit_id"] if user.role == "unit_head" else None
    user.centre_id = data["centre_id"] if user.role == "centre_staff" else None
    user.active = bool(data["active"])
    if data.get("password"):
        user.set_password(data["password"])
    if not creating and (data.get("password") or (before["active"] and not user.active)):
        end_sessions(user)  # a new password or a deactivation ends the user's sessions
    db.session.flush()
    after = {k: getattr(user, k) for k in before}
    diff = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if data.get("password"):
        diff["password"] = ["", "***"]
    record("user.create" if creating else "user.update", user, diff)
    return user
