"""Who may see and change what: the roles, the view decorator, and the registry of access rules.

- admin: everything.
- unit_head: their own unit read/write; the staff (and plans) of its sub-units read-only.
- centre_staff: their own centre's classes and enrolments; the people nominated to those classes.

Each feature owns the rules of its records in its ``access.py`` and registers them here:

- ``@record_rule(kind, *roles)``: the SQL condition "the user may read (or change) this row" of
  one kind of record for some roles. ``clause(kind, user, write)`` composes them: the admin may
  do everything, an anonymous user nothing, a role with no rule for the kind nothing. "Who may see
  a person" is the staff feature's rule for unit heads and the classes feature's for centres.
- ``@guards(*url_parameters)``: marks a loader (``plan_or_404``) as the rule for the records those
  URL parameters name. The route sweep checks that every route says who may open it
  (``require_roles`` or ``public``) and that every record id in its URL has a guard, unless only
  the admin may open it (tests/auth/test_route_sweep.py).

A record outside the user's scope is a 404 (its existence is not revealed); a record the user may
read but not change, asked for with ``write=True``, is a 403. Views load records only through the
``*_or_404`` loaders and list them only through the ``*_query_for`` queries, so a new route gets
the rules by using them. See docs/architecture.md for which feature owns which rule.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import and_, false, select, true

from nq05.domain.codes import ROLES
from nq05.extensions import db

ADMIN, UNIT_HEAD, CENTRE_STAFF = ROLES

#: (kind of record, role) -> rule(user, write, *args) -> SQL condition
_RECORD_RULES: dict[tuple[str, str], Callable] = {}
#: URL parameter -> the loader that guards the records it names ("nq05.plans.access.plan_or_404")
_GUARDS: dict[str, str] = {}


def acting_user(user=None):
    """``user``, or the signed-in user when None."""
    return current_user if user is None else user


def require_roles(*roles: str):
    """View decorator: sign-in required, and the user's role must be one of ``roles`` (else 403)."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapper.allowed_roles = tuple(roles)
        return login_required(wrapper)

    return decorator


def public(view):
    """View decorator: anyone may open this page, signed in or not (sign-in, the language switch)."""
    view.public = True
    return view


def allowed_roles(view) -> tuple[str, ...] | None:
    """The roles ``require_roles`` lets through ``view``; None when it has no such decorator."""
    return getattr(view, "allowed_roles", None)


def is_public(view) -> bool:
    return getattr(view, "public", False)


def is_admin(user=None) -> bool:
    user = acting_user(user)
    return user.is_authenticated and user.role == ADMIN


def record_rule(kind: str, *roles: str):
    """Register the decorated ``rule(user, write, *args)`` as the access rule of ``kind`` for ``roles``."""

    def register(rule):
        for role in roles:
            _RECORD_RULES[(kind, role)] = rule
        return rule

    return register


def clause(kind: str, user=None, write: bool = False, *args):
    """SQL condition: a record of ``kind`` is within the user's read (or write) scope."""
    user = acting_user(user)
    if not user.is_authenticated:
        return false()
    if user.role == ADMIN:
        return true()
    rule = _RECORD_RULES.get((kind, user.role))
    return rule(user, write, *args) if rule is not None else false()


def guards(*parameters: str):
    """Register the decorated loader as the access rule for the records these URL parameters name."""

    def register(loader):
        for parameter in parameters:
            _GUARDS[parameter] = f"{loader.__module__}.{loader.__qualname__}"
        return loader

    return register


def guarded_parameters() -> dict[str, str]:
    """URL parameter -> the loader that guards it."""
    return dict(_GUARDS)


def load_or_404(model, record_id):
    record = db.session.get(model, record_id)
    if record is None:
        abort(404)
    return record


def belonging_or_404(model, record_id: int, **owner):
    """A record of ``model`` whose ``owner`` columns hold the given values (``person_id=...``):
    a child record reached through a parent the user was already allowed to load."""
    record = db.session.get(model, record_id)
    if record is None or any(getattr(record, column) != value for column, value in owner.items()):
        abort(404)
    return record


def check(readable: bool, writable: bool, write: bool) -> None:
    """404 for a record the user may not read; 403 for one they may read but not change (``write``)."""
    if not readable:
        abort(404)
    if write and not writable:
        abort(403)


def matches(model, record_id: int, condition) -> bool:
    """The record ``record_id`` of ``model`` meets the SQL ``condition``."""
    return bool(db.session.execute(select(model.id).where(and_(model.id == record_id, condition))).first())
