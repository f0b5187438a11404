"""Read the database as bundle records (typed values), in a fixed order, and write them out.

``records()`` is also what an import checks a bundle against when it adds to a database.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import aliased

from nq05.auth.models import User
from nq05.classes.models import Enrolment, TrainingClass
from nq05.domain.codes import SETTING_DEFAULTS
from nq05.domain.levels import rank, track_order
from nq05.exchange import destination
from nq05.exchange.files import FILES
from nq05.extensions import db
from nq05.plans.models import Plan, PlanLine, PlanNominee
from nq05.reference.models import Centre, Indicator, Period, Position, Programme, Setting, Target
from nq05.spreadsheets.writing import CsvWriter, Workbook, append_row, date_cell
from nq05.staff.models import Assignment, Person, Qualification, Unit


def _rows(stmt, columns: tuple[str, ...]) -> list[dict]:
    return [dict(zip(columns, row, strict=True)) for row in db.session.execute(stmt).all()]


def _by(*columns: str):
    """Sort key over record columns, None first, independent of the database's collation."""
    return lambda r: tuple((r[c] is not None, r[c] if r[c] is not None else "") for c in columns)


def records() -> dict[str, list[dict]]:
    """Every row of the database, as the bundle files' records, in export order."""
    out = {
        # domain.md's keys only: the notices' signature (``notice_*``) is this installation's, not the bundle's
        "settings": _rows(
            select(Setting.key, Setting.value).where(Setting.key.in_(SETTING_DEFAULTS)), ("key", "value")
        ),
        "units": _units(),
        "positions": _rows(
            select(
                Position.code,
                Position.name,
                Position.min_edu,
                Position.min_pro,
                Position.min_pol,
                Position.min_sm,
            ),
            ("code", "name", "min_edu", "min_pro", "min_pol", "min_sm"),
        ),
        "people": _people(),
        "assignments": _assignments(),
        "qualifications": _qualifications(),
        "programmes": _rows(select(*(getattr(Programme, c) for c in _PROGRAMME_COLUMNS)), _PROGRAMME_COLUMNS),
        "centres": _rows(select(Centre.code, Centre.name), ("code", "name")),
        "classes": _classes(),
        "periods": _rows(
            select(Period.code, Period.start_date, Period.end_date), ("code", "start_date", "end_date")
        ),
        "targets": _targets(),
        "indicators": _indicators(),
        "plans": _plans(),
        "plan_lines": _plan_lines(),
        "enrollments": _enrolments(),
        "users": _users(),
    }
    for name in ("settings",):
        out[name].sort(key=_by("key"))
    for name in ("units", "positions", "programmes", "centres", "classes", "periods"):
        out[name].sort(key=_by("code"))
    out["people"].sort(key=_by("id"))
    out["assignments"].sort(key=_by("person_id", "start_date"))
    out["plans"].sort(key=_by("unit_code", "year", "version"))
    out["enrollments"].sort(key=_by("person_id", "class_code"))
    out["users"].sort(key=_by("email"))
    return out


_PROGRAMME_COLUMNS = (
    "code",
    "name",
    "kind",
    "track",
    "level",
    "duration_months",
    "pre_edu",
    "pre_pro",
    "pre_pol",
    "pre_sm",
    "max_age",
    "min_service_years",
)


def _units() -> list[dict]:
    parent = aliased(Unit)
    stmt = select(Unit.code, Unit.name, Unit.level, parent.code).outerjoin(
        parent, Unit.parent_id == parent.id
    )
    return _rows(stmt, ("code", "name", "level", "parent_code"))


def _people() -> list[dict]:
    stmt = select(
        Person.code,
        Person.full_name,
        Person.gender,
        Person.birth_date,
        Person.ethnicity,
        Person.email,
        Position.code,
    ).outerjoin(Position, Person.planned_position_id == Position.id)
    return _rows(stmt, ("id", "full_name", "gender", "birth_date", "ethnicity", "email", "planned_position"))


def _assignments() -> list[dict]:
    stmt = (
        select(
            Person.code,
            Unit.code,
            Assignment.category,
            Position.code,
            Assignment.start_date,
            Assignment.end_date,
        )
        .join(Person, Assignment.person_id == Person.id)
        .join(Unit, Assignment.unit_id == Unit.id)
        .join(Position, Assignment.position_id == Position.id)
    )
    return _rows(stmt, ("person_id", "unit_code", "category", "position_code", "start_date", "end_date"))


def _qualifications() -> list[dict]:
    # Those conferred by a completed enrolment come back with enrollments.csv, not here.
    stmt = (
        select(Person.code, Qualification.track, Qualification.level, Qualification.awarded_on)
        .join(Person, Qualification.person_id == Person.id)
        .where(Qualification.source_enrolment_id.is_(None))
    )
    rows = _rows(stmt, ("person_id", "track", "level", "awarded_on"))
    rows.sort(key=lambda r: (r["person_id"], track_order(r["track"]), rank(r["track"], r["level"])))
    return rows


def _classes() -> list[dict]:
    stmt = (
        select(
            TrainingClass.code,
            Programme.code,
            Centre.code,
            TrainingClass.year,
            TrainingClass.start_date,
            TrainingClass.end_date,
            TrainingClass.capacity,
            TrainingClass.enrol_deadline,
        )
        .join(Programme, TrainingClass.programme_id == Programme.id)
        .join(Centre, TrainingClass.centre_id == Centre.id)
    )
    columns = (
        "code",
        "programme_code",
        "centre_code",
        "year",
        "start_date",
        "end_date",
        "capacity",
        "enrol_deadline",
    )
    return _rows(stmt, columns)


def _targets() -> list[dict]:
    # In the order they were entered: reports list a period's targets that way.
    stmt = (
        select(Period.code, Target.kind, Target.track, Target.level, Target.category, Unit.code, Target.value)
        .join(Period, Target.period_id == Period.id)
        .outerjoin(Unit, Target.unit_id == Unit.id)
        .order_by(Target.id)
    )
    return _rows(stmt, ("period_code", "kind", "track", "level", "category", "unit_code", "value"))


def _indicators() -> list[dict]:
    stmt = (
        select(Indicator.category, Indicator.track, Indicator.min_level, Programme.code)
        .outerjoin(Programme, Indicator.programme_id == Programme.id)
        .order_by(Indicator.position, Indicator.id)
    )
    return _rows(stmt, ("category", "track", "min_level", "programme_code"))


def _plans() -> list[dict]:
    stmt = select(Unit.code, Plan.year, Plan.version, Plan.status, Plan.submitted_on, Plan.decided_on).join(
        Unit, Plan.unit_id == Unit.id
    )
    return _rows(stmt, ("unit_code", "year", "version", "status", "submitted_on", "decided_on"))


def _plan_lines() -> list[dict]:
    nominees: dict[int, list[str]] = defaultdict(list)
    stmt = (
        select(PlanNominee.line_id, Person.code)
        .join(Person, PlanNominee.person_id == Person.id)
        .order_by(PlanNominee.line_id, PlanNominee.position, PlanNominee.id)
    )
    for line_id, code in db.session.execute(stmt):
        nominees[line_id].append(code)
    stmt = (
        select(
            PlanLine.id,
            Unit.code,
            Plan.year,
            Plan.version,
            Programme.code,
            PlanLine.category,
            PlanLine.planned_count,
            PlanLine.position,
        )
        .join(Plan, PlanLine.plan_id == Plan.id)
        .join(Unit, Plan.unit_id == Unit.id)
        .join(Programme, PlanLine.programme_id == Programme.id)
    )
    rows = []
    for line_id, unit, year, version, programme, category, count, position in db.session.execute(stmt):
        rows.append(
            {
                "unit_code": unit,
                "year": year,
                "version": version,
                "programme_code": programme,
                "category": category,
                "planned_count": count,
                "nominees": nominees.get(line_id, []),
                "_order": (unit, year, version, position, line_id),
            }
        )
    rows.sort(key=lambda r: r.pop("_order"))
    return rows


def _enrolments() -> list[dict]:
    stmt = (
        select(
            Person.code,
            TrainingClass.code,
            Enrolment.status,
            Enrolment.nominated_on,
            Enrolment.decided_on,
            Enrolment.completed_on,
        )
        .join(Person, Enrolment.person_id == Person.id)
        .join(TrainingClass, Enrolment.class_id == TrainingClass.id)
    )
    return _rows(stmt, ("person_id", "class_code", "status", "nominated_on", "decided_on", "completed_on"))


def _users() -> list[dict]:
    stmt = (
        select(User.email, User.full_name, User.role, Unit.code, Centre.code)
        .outerjoin(Unit, User.unit_id == Unit.id)
        .outerjoin(Centre, User.centre_id == Centre.id)
    )
    rows = _rows(stmt, ("email", "full_name", "role", "unit_code", "centre_code"))
    for row in rows:
        row["password"] = None  # never exported
    return rows


def cell_text(value) -> str:
    """A value as the bundle writes it: '' for none, YYYY-MM-DD, ';'-joined lists, 10 not 10.0."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_folder(folder: Path, data: dict[str, list[dict]]) -> None:
    """One CSV per file (header only when empty), UTF-8 without BOM, LF line ends; text that a
    spreadsheet would read as a formula gets a leading ``'`` (shared/spec/bundle.md)."""
    for bf in FILES:
        with destination.open_new(folder / bf.csv_name) as fh:
            writer = CsvWriter(fh, lineterminator="\n")
            writer.writeheader(bf.column_names)
            for row in data[bf.name]:
                writer.writerow([cell_text(row[c]) for c in bf.column_names])


def write_workbook(path: Path, data: dict[str, list[dict]]) -> None:
    """One sheet per file: codes and names as text cells (never formulas), numbers as numbers,
    dates as date cells."""
    workbook = Workbook(write_only=True)
    for bf in FILES:
        sheet = workbook.create_sheet(bf.name)
        append_row(sheet, bf.column_names)
        for row in data[bf.name]:
            cells = []
            for column in bf.column_names:
                value = row[column]
                if isinstance(value, date):
                    cells.append(date_cell(sheet, value, "yyyy-mm-dd"))
                elif isinstance(value, int | float):
                    cells.append(value)
                else:
                    cells.append(cell_text(value) or None)
            append_row(sheet, cells)
    with destination.open_new(path, binary=True) as fh:
        workbook.save(fh)


def export_bundle(path: Path, force: bool = False) -> dict[str, int]:
    """Write the database to a folder of CSV files, or a workbook when the path ends in .xlsx.

    The target is new or empty, or ``force`` overwrites it; never through a symlink
    (destination.ExportRefused)."""
    path = Path(path)
    destination.prepare(path, force)
    data = records()
    if path.suffix.lower() == ".xlsx":
        write_workbook(path, data)
    else:
        write_folder(path, data)
    return {name: len(rows) for name, rows in data.items()}
