"""Writes the generated rows batch by batch as they are made (multi-row INSERTs), in one transaction."""

from __future__ import annotations

from sqlalchemy import func, insert, select, text

from nq05.auth.models import User
from nq05.classes.models import Enrolment, TrainingClass
from nq05.demo.build import DemoProvince
from nq05.demo.timeline import DEMO_TODAY
from nq05.extensions import db
from nq05.plans.models import Plan, PlanLine, PlanNominee
from nq05.reference.models import Centre, Indicator, Period, Position, Programme, Setting, Target
from nq05.reference.today import start_demo_clock
from nq05.staff.models import Assignment, Person, Qualification, Unit

MODELS = {
    "settings": Setting,
    "units": Unit,
    "positions": Position,
    "people": Person,
    "assignments": Assignment,
    "programmes": Programme,
    "centres": Centre,
    "classes": TrainingClass,
    "enrolments": Enrolment,
    "qualifications": Qualification,
    "plans": Plan,
    "plan_lines": PlanLine,
    "plan_nominees": PlanNominee,
    "periods": Period,
    "targets": Target,
    "indicators": Indicator,
}


def tables_with_rows() -> list[str]:
    """The demo's tables that already hold rows (the demo only fills an empty database)."""
    found = []
    for name, model in {**MODELS, "users": User}.items():
        if db.session.scalar(select(func.count()).select_from(model)):
            found.append(name)
    return found


def write_demo(province: DemoProvince) -> dict[str, int]:
    """Insert every row (ids as generated) and the demo users; the caller commits. Returns the
    number of rows per table."""
    counts = dict.fromkeys(MODELS, 0)
    for name, rows in province.batches():
        # render_nulls: one batch per table instead of one per pattern of missing values
        db.session.execute(insert(MODELS[name]).execution_options(render_nulls=True), rows)
        counts[name] += len(rows)
    unit_ids = dict(db.session.execute(select(Unit.code, Unit.id)).all())
    centre_ids = dict(db.session.execute(select(Centre.code, Centre.id)).all())
    for login in province.logins:
        user = User(
            email=login.email,
            full_name=login.full_name,
            role=login.role,
            unit_id=unit_ids.get(login.unit_code),
            centre_id=centre_ids.get(login.centre_code),
        )
        user.set_password(login.password)
        db.session.add(user)
    db.session.flush()
    _advance_sequences()
    start_demo_clock(DEMO_TODAY)  # the app lives on the demo's date (docs/demo.md)
    return counts


def _advance_sequences() -> None:
    """PostgreSQL: the rows came with their ids, so move each id sequence past them."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for model in MODELS.values():
        table = model.__table__
        if "id" not in table.c:
            continue
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )
