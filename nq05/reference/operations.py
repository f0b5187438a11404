"""Changing reference data (admin): positions, programmes, centres, settings, periods, targets and
unit quotas, indicators — audited; the caller commits. The recompute outbox sees the changed rows
(nq05/progress/dependencies.py) and marks the units they touch in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from nq05 import clock
from nq05.audit.operations import record, save_and_record
from nq05.domain.codes import SETTING_DEFAULTS
from nq05.domain.fields import target_problem
from nq05.domain.levels import TRACKS, is_level
from nq05.extensions import db
from nq05.reference.messages import refusal_message
from nq05.reference.models import Centre, Indicator, Period, Position, Programme, Setting, Target
from nq05.reference.settings import NOTICE_SETTING_DEFAULTS


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


# --- the province's settings ---------------------------------------------------------------------


#: every key the settings page stores: domain.md's, then the notices' (docs/dev/notify.md)
ALL_SETTING_DEFAULTS = {**SETTING_DEFAULTS, **NOTICE_SETTING_DEFAULTS}


def save_settings(values: dict[str, str], actor) -> list[str]:
    """Store the settings whose value changes (``values``: key -> the stored text, already checked
    with ``setting_problem`` or the notices' rules); one audit entry per changed setting. Returns
    the changed keys. Only a change of domain.md's keys puts the figures out of date (the progress
    feature watches those, nq05/progress/dependencies.py)."""
    stored = {s.key: s for s in db.session.execute(select(Setting)).scalars()}
    changed = []
    for key, value in values.items():
        if key not in ALL_SETTING_DEFAULTS:
            raise KeyError(key)
        row = stored.get(key)
        old = row.value if row is not None else ALL_SETTING_DEFAULTS[key]
        if old == value:
            continue
        if row is None:
            row = Setting(key=key, value=value)
            db.session.add(row)
        else:
            row.value = value
        db.session.flush()
        record("setting.update", row, {"key": key, "value": [old, value]}, user=actor)
        changed.append(key)
    return changed


# --- periods and targets -------------------------------------------------------------------------


def save_period(period: Period | None, data: dict, actor) -> Period:
    code = data["code"].strip()
    start, end = data["start_date"], data["end_date"]
    _check_code_free(Period, code, period.id if period is not None else None)
    if end < start:
        raise ReferenceRefused("end_before_start", "end_date")
    others = select(Period).where(Period.start_date <= end, Period.end_date >= start)
    if period is not None:
        others = others.where(Period.id != period.id)
    other = db.session.execute(others.order_by(Period.start_date).limit(1)).scalar()
    if other is not None:
        raise ReferenceRefused(
            "period_overlaps", "start_date", code=other.code, start=other.start_date, end=other.end_date
        )
    fields = {"code": code, "start_date": start, "end_date": end}
    return save_and_record(Period, period, fields, "period", user=actor)


def retire_period(period: Period, actor) -> None:
    """Delete a period no target uses; a period with targets stays (refused)."""
    count = db.session.scalar(select(func.count(Target.id)).where(Target.period_id == period.id))
    if count:
        raise ReferenceRefused("period_in_use", None, code=period.code, count=count)
    record(
        "period.delete",
        period,
        {"code": period.code, "start_date": period.start_date, "end_date": period.end_date},
        user=actor,
    )
    db.session.delete(period)
    db.session.flush()


@dataclass(frozen=True)
class TargetValues:
    kind: str
    track: str
    level: str
    category: str | None
    unit_id: int | None
    value: float

    def key(self) -> tuple:
        return (self.kind, self.track, self.level, self.category, self.unit_id)


def _target_fields(values: TargetValues) -> dict:
    return {
        "kind": values.kind,
        "track": values.track,
        "level": values.level,
        "category": values.category,
        "unit_id": values.unit_id,
        "value": values.value,
    }


def _check_target(period: Period, target: Target | None, values: TargetValues) -> None:
    if not is_level(values.track, values.level):
        raise ReferenceRefused("bad_level", "level")
    problem = target_problem(values.kind, values.value)
    if problem is not None:
        raise ReferenceRefused("share_over_100", "value")
    same = select(Target.id).where(
        Target.period_id == period.id,
        Target.kind == values.kind,
        Target.track == values.track,
        Target.level == values.level,
        Target.category.is_(None) if values.category is None else Target.category == values.category,
        Target.unit_id.is_(None) if values.unit_id is None else Target.unit_id == values.unit_id,
    )
    if target is not None:
        same = same.where(Target.id != target.id)
    if db.session.execute(same.limit(1)).scalar() is not None:
        raise ReferenceRefused("target_taken", "level")


def save_target(period: Period, target: Target | None, values: TargetValues, actor) -> Target:
    """Add a target to ``period`` or change one; at most one target per (kind, track, level,
    category, unit) in a period, as in the bundle."""
    _check_target(period, target, values)
    fields = {"period_id": period.id, **_target_fields(values)}
    return save_and_record(Target, target, fields, "target", user=actor)


def _target_details(target: Target) -> dict:
    return {
        "period_id": target.period_id,
        **_target_fields(
            TargetValues(
                **{k: getattr(target, k) for k in ("kind", "track", "level", "category", "unit_id", "value")}
            )
        ),
    }


def retire_target(target: Target, actor) -> None:
    """Delete a target: no record refers to one; its figures go with it at the recompute."""
    record("target.delete", target, _target_details(target), user=actor)
    db.session.delete(target)
    db.session.flush()


def save_quotas(period: Period, columns: list[tuple[str, str]], grid: dict, actor) -> int:
    """Set the unit quotas (count targets of all categories) of ``period`` in ``columns`` (track,
    level) from ``grid``: {(unit_id, track, level): value or None (no quota)}. Every cell of the
    grid is written; a quota not in the grid is left as it is. Set-based: the changed rows are
    written with one flush (batched statements) and one audit entry each. Returns the number of
    changes."""
    existing = {
        (t.unit_id, t.track, t.level): t
        for t in db.session.execute(
            select(Target).where(
                Target.period_id == period.id,
                Target.kind == "count",
                Target.category.is_(None),
                Target.unit_id.is_not(None),
            )
        ).scalars()
    }
    allowed = set(columns)
    created, updated, deleted = [], [], []
    for (unit_id, track, level), value in sorted(grid.items(), key=lambda kv: kv[0]):
        if (track, level) not in allowed or not is_level(track, level):
            raise ReferenceRefused("bad_level", None)
        target = existing.get((unit_id, track, level))
        if target is None and value is not None:
            new = Target(
                period_id=period.id,
                **_target_fields(TargetValues("count", track, level, None, unit_id, value)),
            )
            db.session.add(new)
            created.append(new)
        elif target is not None and value is None:
            deleted.append((target, _target_details(target)))
            db.session.delete(target)
        elif target is not None and target.value != value:
            updated.append((target, {"value": [target.value, value]}))
            target.value = value
    db.session.flush()
    for target in created:
        record("target.create", target, _target_details(target), user=actor)
    for target, diff in updated:
        record("target.update", target, diff, user=actor)
    for target, details in deleted:
        record("target.delete", target, details, user=actor)
    return len(created) + len(updated) + len(deleted)


# --- the progress report's indicators ------------------------------------------------------------


def save_indicator(indicator: Indicator | None, data: dict, actor) -> Indicator:
    """A line of the progress report: (category,) a track and minimum level, or a programme."""
    track, _sep, level = (data.get("level") or "").partition(":")
    programme_id = data.get("programme_id")
    if bool(track) == bool(programme_id):
        raise ReferenceRefused("indicator_level_or_programme", "programme_id")
    if track and not is_level(track, level):
        raise ReferenceRefused("bad_level", "level")
    if programme_id is not None and db.session.get(Programme, programme_id) is None:
        raise ReferenceRefused("indicator_level_or_programme", "programme_id")
    fields = {
        "position": data["position"],
        "category": data.get("category") or None,
        "track": track or None,
        "min_level": level or None,
        "programme_id": programme_id,
    }
    return save_and_record(Indicator, indicator, fields, "indicator", user=actor)


def retire_indicator(indicator: Indicator, actor) -> None:
    """Delete a line of the report: no record refers to an indicator."""
    details = {
        k: getattr(indicator, k) for k in ("position", "category", "track", "min_level", "programme_id")
    }
    record("indicator.delete", indicator, details, user=actor)
    db.session.delete(indicator)
    db.session.flush()


# --- deleting what nothing uses ------------------------------------------------------------------


def uses_of(obj) -> int:
    """How many rows of any table refer to ``obj`` (through a foreign key to its table): one
    count per referring column, whatever feature owns the table."""
    table = obj.__table__
    total = 0
    for other in db.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is table:
                total += db.session.scalar(
                    select(func.count()).select_from(other).where(fk.parent == getattr(obj, fk.column.key))
                )
    return total


def retire(obj, action: str, actor) -> None:
    """Delete a position, programme or centre that nothing refers to; one in use stays (refused:
    a record in use is kept, as the classes, plans and people that name it need it)."""
    count = uses_of(obj)
    if count:
        raise ReferenceRefused("in_use", None, name=obj.name, count=count)
    record(f"{action}.delete", obj, {"code": obj.code, "name": obj.name}, user=actor)
    db.session.delete(obj)
    db.session.flush()


def used_ids(model) -> set[int]:
    """The ids of ``model``'s rows that some row of any table refers to: one query per referring
    column (not per record), for the list pages' choice between "Xóa" and "Ngừng sử dụng"."""
    table = model.__table__
    used: set[int] = set()
    for other in db.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is table:
                used.update(db.session.scalars(select(fk.parent).where(fk.parent.is_not(None)).distinct()))
    return used


def withdraw(obj, action: str, actor) -> None:
    """Stop offering a position, programme or centre in new choices from today (province's date);
    the rows that name it keep it. Only one in use is retired: an unused one is deleted instead."""
    if obj.retired_on is not None:
        return
    if not uses_of(obj):
        raise ReferenceRefused("unused_delete", None, name=obj.name)
    obj.retired_on = clock.today()
    record(
        f"{action}.retire",
        obj,
        {"code": obj.code, "name": obj.name, "retired_on": obj.retired_on.isoformat()},
        user=actor,
    )
    db.session.flush()


def reinstate(obj, action: str, actor) -> None:
    """Offer a retired position, programme or centre again; one not retired is left as it is."""
    if obj.retired_on is None:
        return
    record(
        f"{action}.reinstate",
        obj,
        {"code": obj.code, "name": obj.name, "retired_on": obj.retired_on.isoformat()},
        user=actor,
    )
    obj.retired_on = None
    db.session.flush()
