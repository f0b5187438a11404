"""Who may see and change what: the ONE place for access rules (domain.md, "Roles").

- admin: everything.
- unit_head: their own unit read/write; the staff (and plans) of its sub-units read-only.
- centre_staff: their own centre's classes and enrolments; the people nominated to those classes.

A record outside the user's scope is a 404 (its existence is not revealed); a record the user may
read but not change, asked for with ``write=True``, is a 403. Views load records only through the
``*_or_404`` loaders and list them only through the ``*_query_for`` queries, so a new route gets
the rules by using them.

A person belongs to the unit of their latest assignment (the one that starts last), so a person
who moved is seen by their new unit only, and a person who left stays with their last unit.
"""

from __future__ import annotations

import functools

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import and_, select

from nq05.extensions import db

ADMIN, UNIT_HEAD, CENTRE_STAFF = "admin", "unit_head", "centre_staff"


def _user(user):
    return current_user if user is None else user


def require_roles(*roles: str):
    """View decorator: sign-in required, and the user's role must be one of ``roles`` (else 403)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return login_required(wrapper)

    return decorator


def is_admin(user=None) -> bool:
    user = _user(user)
    return user.is_authenticated and user.role == ADMIN


def _load_or_404(model, record_id):
    record = db.session.get(model, record_id)
    if record is None:
        abort(404)
    return record


def _check(readable: bool, writable: bool, write: bool) -> None:
    if not readable:
        abort(404)
    if write and not writable:
        abort(403)


def _matches(model, record_id: int, clause) -> bool:
    return bool(db.session.execute(select(model.id).where(and_(model.id == record_id, clause))).first())
