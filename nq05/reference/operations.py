"""Changing reference data (admin): positions, programmes, centres — audited; the caller commits."""

from __future__ import annotations

from sqlalchemy import select

from nq05.audit.operations import save_and_record
from nq05.domain.levels import TRACKS
from nq05.extensions import db
from nq05.reference.messages import refusal_message
from nq05.reference.models import Centre, Position, Programme


class ReferenceRefused(ValueError):
    """A change of reference data the rules do not allow: ``code`` says which, ``field`` names the
    form field to show it on, ``params`` are the facts the message names."""

    def __init__(self, code: str, field: str | None = None, /, **params):
        super().__init__(code)
        self.code, self.field, self.params = code, field, params

    @property
    def message(self) -> str:
        return refusal_message(self.code, self.params)


def _check_code_free(model, code: str, record_id: int | None) -> None:
    existing = db.session.execute(select(model.id).where(model.code == code)).scalar()
    if existing is not None and existing != record_id:
        raise ReferenceRefused("code_taken", "code", code=code)


def _save(model, obj, fields: dict, action: str, actor):
    fields["code"] = fields["code"].strip()
    fields["name"] = " ".join(fields["name"].split())
    _check_code_free(model, fields["code"], obj.id if obj is not None else None)
    return save_and_record(model, obj, fields, action, user=actor)


def save_position(position: Position | None, data: dict, actor) -> Position:
    fields = {"code": data["code"], "name": data["name"]}
    fields.update({f"min_{t}": data.get(f"min_{t}") or None for t in TRACKS})
    return _save(Position, position, fields, "position", actor)


def save_programme(programme: Programme | None, data: dict, actor) -> Programme:
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
        "score_scale": data.get("score_scale"),
        "min_attendance": data.get("min_attendance"),
    }
    fields.update({f"pre_{t}": data.get(f"pre_{t}") or None for t in TRACKS})
    return _save(Programme, programme, fields, "programme", actor)


def save_centre(centre: Centre | None, data: dict, actor) -> Centre:
    return _save(Centre, centre, {"code": data["code"], "name": data["name"]}, "centre", actor)
