"""The admin's changes to user accounts, audited; the caller commits."""

from __future__ import annotations

from nq05.audit.operations import record
from nq05.auth.models import User
from nq05.auth.sessions import end_sessions
from nq05.extensions import db


def save_user(user: User | None, data: dict, actor) -> User:
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
    record("user.create" if creating else "user.update", user, diff, user=actor)
    return user
