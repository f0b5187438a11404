"""Check a bundle read from disk, purely: no Flask, no database.

``validate(raw, existing)`` turns the text rows into typed records and returns every fault it
finds. ``existing`` is what the database already holds, in the same record shape (see
load.existing_records); it is empty for ``--replace``. Each cell passes its column's shared field
rule (nq05.domain.fields), the one the web forms use.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from nq05 import clock
from nq05.domain.fields import WholeNumber, date_problem
from nq05.domain.levels import is_level
from nq05.exchange.errors import NO_COLUMN, BundleError
from nq05.exchange.files import (
    CHOICE,
    DATE,
    FILES,
    FILES_BY_NAME,
    INT,
    LEVEL,
    NUMBER,
    REF_LIST,
    REQUIRED_FILES,
    BundleFile,
    Column,
    file_order,
)
from nq05.exchange.readers import RawBundle, Row
from nq05.exchange.records import Checked, Record
from nq05.exchange.rules import check_rules

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
#: a whole-number column without a rule of its own: what the database column holds
_ANY_WHOLE = WholeNumber(0, 2**31 - 1)


def validate(
    raw: RawBundle, existing: dict[str, list[dict]] | None = None, today: date | None = None
) -> Checked:
    """Every fault of the bundle, and its typed records when there is none."""
    checked = Checked(errors=list(raw.errors), broken=set(raw.unreadable), today=today or clock.today())
    for bf in FILES:
        sheet = raw.sheets.get(bf.name)
        checked.display[bf.name] = sheet.display if sheet else bf.csv_name
    for name in REQUIRED_FILES:
        if name not in raw.sheets and name not in raw.unreadable:
            checked.errors.append(BundleError(FILES_BY_NAME[name].csv_name, 1, NO_COLUMN, "file_required"))
    for name, sheet in raw.sheets.items():
        bf = FILES_BY_NAME[name]
        if not _check_header(bf, sheet.header, sheet.display, checked.errors):
            checked.broken.add(name)
            continue
        checked.records[name] = [_parse_row(bf, row, checked) for row in sheet.rows]
    check_rules(checked, _existing_records(existing or {}))
    checked.errors.sort(key=lambda e: (file_order(e.file.removesuffix(".csv")), e.file, e.line))
    return checked


def _existing_records(existing: dict[str, list[dict]]) -> dict[str, list[Record]]:
    return {name: [Record(name, None, values) for values in rows] for name, rows in existing.items()}


def _check_header(bf: BundleFile, header: list[str], display: str, errors: list[BundleError]) -> bool:
    """Report unknown and missing columns; False when a column is missing (rows cannot be read)."""
    known = set(bf.column_names)
    for name in header:
        if name not in known:
            errors.append(BundleError(display, 1, name, "unknown_column"))
    missing = [c for c in bf.column_names if c not in header]
    for name in missing:
        errors.append(BundleError(display, 1, name, "missing_column"))
    return not missing


def _parse_row(bf: BundleFile, row: Row, checked: Checked) -> Record:
    record = Record(bf.name, row.line, {})
    for column in bf.columns:
        record.values[column.name] = _parse_cell(column, row.cells.get(column.name), record, checked)
    for column in bf.columns:
        if column.kind == LEVEL and column.track_column:
            _check_level_of_track(column, record, checked)
    return record


def _parse_cell(column: Column, text: str | None, record: Record, checked: Checked) -> Any:
    if text is None:
        if column.required:
            checked.error(record, column.name, "required")
        return [] if column.kind == REF_LIST else None
    kind = column.kind
    if kind == DATE:
        return _parse_date(text, column, record, checked)
    if kind in (INT, NUMBER):
        value, problem = (column.rule or _ANY_WHOLE).parse(text)
        if problem is not None:
            checked.problem(record, column.name, problem)
        return value
    if column.rule is not None:
        problem = column.rule.check(text)
        if problem is not None:
            checked.problem(record, column.name, problem)
            return None
    if kind == CHOICE and text not in column.choices:
        checked.error(record, column.name, "unknown_choice", value=text, allowed=", ".join(column.choices))
        return None
    if kind == LEVEL and column.track and not is_level(column.track, text):
        checked.error(record, column.name, "bad_level", value=text, track=column.track)
        return None
    if kind == REF_LIST:
        return [part.strip() for part in text.split(";") if part.strip()]
    return text.lower() if column.lowercase else text


def _parse_date(text: str, column: Column, record: Record, checked: Checked) -> date | None:
    try:
        day = date.fromisoformat(text) if _DATE.match(text) else None
    except ValueError:
        day = None
    if day is None:
        checked.error(record, column.name, "bad_date", value=text)
        return None
    problem = (column.rule.check(day, checked.today) if column.rule else None) or date_problem(day)
    if problem is not None:
        checked.problem(record, column.name, problem)
        return None
    return day


def _check_level_of_track(column: Column, record: Record, checked: Checked) -> None:
    level = record.values[column.name]
    track = record.values[column.track_column]
    if level is None:
        return
    if track is None:
        # an unreadable track is reported already; only an empty one makes this a fault of its own
        if not _cell_failed(record, column.track_column, checked):
            checked.error(record, column.name, "level_without_track", value=level)
    elif not is_level(track, level):
        checked.error(record, column.name, "bad_level", value=level, track=track)
        record.values[column.name] = None


def _cell_failed(record: Record, column: str, checked: Checked) -> bool:
    """True when the cell already has an error (so a second one would only repeat it)."""
    display = checked.display[record.file]
    return any(e.file == display and e.line == record.line and e.column == column for e in checked.errors)
