"""Changing reference data (admin): units, positions, programmes, centres — audited."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from nq05.audit.operations import changes, record
from nq05.auth.scoping import unit_and_descendants
from nq05.domain.levels import TRACKS
from nq05.extensions import db
from nq05.reference.models import Centre, Position, Programme
from nq05.staff.models import Unit
from nq05.staff.operations import StaffError


def _check_code_free(model, code: str, record_id: int | None) -> None:
    existing = db.session.execute(select(model.id).where(model.code == code)).scalar()
    if existing is not None and existing != record_id:
        raise StaffError(_("Mã %(code)s đã được dùng.", code=code), "code")


def _save(model, obj, fields: dict, action: str):
    fields["code"] = fields["code"].strip()
    fields["name"] = " ".join(fields["name"].split())
    _check_code_free(model, fields["code"], obj.id if obj is not None else None)
    creating = obj is None
    diff = fields if creating else changes(obj, fields)
    if creating:
        obj = model()
        db.session.add(obj)
    for key, value in fields.items():
        setattr(obj, key, value)
    db.session.flush()
    if diff:
        record(f"{action}.{'create' if creating else 'update'}", obj, diff)
    return obj


def save_unit(unit: Unit | None, data: dict) -> Unit:
    parent_id = data.get("parent_id")
    if unit is not None and parent_id is not None and parent_id in unit_and_descendants(unit.id):
        raise StaffError(
            _("Đơn vị cấp trên không thể là chính đơn vị này hoặc đơn vị trực thuộc của nó."), "parent_id"
        )
    fields = {"code": data["code"], "name": data["name"], "level": data["level"], "parent_id": parent_id}
    return _save(Unit, unit, fields, "unit")


def save_position(position: Position | None, data: dict) -> Position:
    fields = {"code": data["code"], "name": data["name"]}
    fields.update({f"min_{t}": data.get(f"min_{t}") or None for t in TRACKS})
    return _save(Position, position, fields, "position")


def save_programme(programme: Programme | None, data: dict) -> Programme:
    track, _sep, level = (data.get("confers") or "").partition(":")
    fields = {
        "code": data["code"],
        "name": data["name"],
        "kind": data["kind"],
        "track": track or None,
        "level": level or None,
        "duration_months": data["duration_months"] or 0,
        "max_age": data.get("max_age"),
        "min_service_years": data.get("min_service_years"),
    }
    fields.update({f"pre_{t}": data.get(f"pre_{t}") or None for t in TRACKS})
    return _save(Programme, programme, fields, "programme")


def save_centre(centre: Centre | None, data: dict) -> Centre:
    return _save(Centre, centre, {"code": data["code"], "name": data["name"]}, "centre")
