"""Recording changes. Operations call ``record`` in the same transaction as the change itself,
naming who acted (the views pass the signed-in user; None is the command line or a task)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from nq05.audit.models import AuditEntry
from nq05.extensions import db


def _plain(value):
    """A JSON-safe copy of ``value`` (dates as ISO strings)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _label_of(obj) -> str | None:
    """A name a reader recognises: the record's own, else its person's (a qualification, an enrolment)."""
    for attr in ("full_name", "name", "code", "email"):
        value = getattr(obj, attr, None)
        if value:
            return str(value)[:255]
    person = getattr(obj, "person", None) if hasattr(obj, "person_id") else None
    if person is not None:
        return _label_of(person)
    return None


def _unit_of(obj) -> int | None:
    """The record's unit, else its person's: the unit of their latest assignment (the one that
    starts last), as the access rules have it."""
    unit_id = getattr(obj, "unit_id", None)
    if unit_id is not None:
        return unit_id
    person = obj if hasattr(obj, "assignments") else getattr(obj, "person", None)
    assignments = getattr(person, "assignments", None) or ()
    latest = max(assignments, key=lambda a: (a.start_date, a.id), default=None)
    return latest.unit_id if latest is not None else None


def changes(obj, form_data: dict) -> dict:
    """{field: [old, new]} for the fields of ``form_data`` whose value differs on ``obj``."""
    diff = {}
    for field, new in form_data.items():
        old = getattr(obj, field, None)
        if old != new:
            diff[field] = [_plain(old), _plain(new)]
    return diff


def save_and_record(model, obj, fields: dict, action: str, *, user):
    """Create a ``model`` row from ``fields`` (``obj`` None) or change ``obj``, and record
    ``<action>.create`` or ``<action>.update`` with what changed (nothing changed: no entry)."""
    creating = obj is None
    diff = fields if creating else changes(obj, fields)
    if creating:
        obj = model()
        db.session.add(obj)
    for key, value in fields.items():
        setattr(obj, key, value)
    db.session.flush()
    if diff:
        record(f"{action}.{'create' if creating else 'update'}", obj, diff, user=user)
    return obj


def record(action: str, obj, details: dict | None = None, *, user, unit_id: int | None = None) -> AuditEntry:
    """Add an audit entry for ``action`` on ``obj`` (a model instance) to the current session.

    ``user`` acted (None: the command line or a background task); ``unit_id`` is worked out from
    the object (its ``unit_id``, or the unit of the person it belongs to) unless given. Not
    committed here.
    """
    if getattr(obj, "id", None) is None:
        db.session.flush()
    entry = AuditEntry(
        at=datetime.now(UTC).replace(tzinfo=None),
        user_id=getattr(user, "id", None),
        user_email=getattr(user, "email", None),
        action=action,
        object_type=getattr(obj, "__tablename__", obj.__class__.__name__.lower()),
        object_id=getattr(obj, "id", None),
        object_label=_label_of(obj),
        unit_id=unit_id if unit_id is not None else _unit_of(obj),
        details=_plain(details) if details else None,
    )
    db.session.add(entry)
    return entry
