"""Who to write to: the e-mail addresses of the active users of a role, by unit or centre."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from nq05.auth.models import User
from nq05.extensions import db


def _users(role: str, column, ids) -> dict[int, list[str]]:
    """unit or centre id -> email addresses of its active users with ``role``."""
    if not ids:
        return {}
    found: dict[int, list[str]] = defaultdict(list)
    rows = db.session.execute(
        select(column, User.email).where(User.role == role, User.active.is_(True), column.in_(set(ids)))
    )
    for owner, email in rows:
        found[owner].append(email)
    return found


def unit_heads(unit_ids) -> dict[int, list[str]]:
    return _users("unit_head", User.unit_id, unit_ids)


def centre_staff(centre_ids) -> dict[int, list[str]]:
    return _users("centre_staff", User.centre_id, centre_ids)


def head_units(user_ids) -> dict[int, int]:
    """user id -> unit id, for those of ``user_ids`` who are unit heads (a nominating unit)."""
    if not user_ids:
        return {}
    rows = db.session.execute(
        select(User.id, User.unit_id).where(User.role == "unit_head", User.id.in_(set(user_ids)))
    )
    return {user_id: unit_id for user_id, unit_id in rows if unit_id is not None}
