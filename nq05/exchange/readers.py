"""Read a bundle (a folder of CSV files or an .xlsx workbook) into rows of text with line numbers.

Nothing here knows what a column means: cells are stripped text or None, keyed by the header.
A CSV cell written with a leading ``'`` to keep it from being a formula comes back without it
(shared/spec/bundle.md). A workbook is read within the bounds of nq05.spreadsheets.reading.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from nq05.exchange.errors import NO_COLUMN, BundleError
from nq05.exchange.files import FILES_BY_NAME
from nq05.spreadsheets.cells import from_csv_text
from nq05.spreadsheets.reading import BUNDLE_LIMITS, BoundedWorkbook, SpreadsheetRefused, XlsxLimits


@dataclass
class Row:
    #: physical line in the CSV file where the row starts (header = 1), or row number in the sheet
    line: int
    cells: dict[str, str | None]


@dataclass
class Sheet:
    #: the file name without ``.csv`` (the sheet name in a workbook)
    name: str
    #: how errors name it: ``units.csv`` or ``units``
    display: str
    header: list[str]
    rows: list[Row] = field(default_factory=list)


@dataclass
class RawBundle:
    sheets: dict[str, Sheet] = field(default_factory=dict)
    #: faults found while reading (encoding, missing header, unknown file, bad row shape)
    errors: list[BundleError] = field(default_factory=list)
    #: files (names without ``.csv``) present but unreadable: their faults are already reported
    unreadable: set[str] = field(default_factory=set)


def read_bundle(path: Path, limits: XlsxLimits = BUNDLE_LIMITS) -> RawBundle:
    """Read a folder of CSV files or a workbook, by the path's shape."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return read_workbook(path, limits)
    return read_folder(path)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _header(cells: list, display: str, line: int, errors: list[BundleError]) -> list[str]:
    header = [(_clean(c) or "") for c in cells]
    while header and not header[-1]:
        header.pop()
    seen: set[str] = set()
    for name in header:
        if name in seen:
            errors.append(BundleError(display, line, name, "column_repeated"))
        seen.add(name)
    return header


def _row(cells: list, header: list[str], display: str, line: int, errors: list[BundleError]) -> Row:
    filled = max((i + 1 for i, c in enumerate(cells) if c is not None), default=0)
    if filled > len(header):
        errors.append(
            BundleError(display, line, NO_COLUMN, "too_many_values", {"expected": len(header), "got": filled})
        )
    padded = list(cells[: len(header)]) + [None] * (len(header) - len(cells))
    return Row(line, {name: value for name, value in zip(header, padded, strict=True) if name})


def read_folder(folder: Path) -> RawBundle:
    bundle = RawBundle()
    if not folder.is_dir():
        bundle.errors.append(BundleError(str(folder), 0, NO_COLUMN, "bundle_not_found"))
        return bundle
    for item in sorted(folder.iterdir()):
        if item.name.startswith("."):
            continue
        if item.suffix != ".csv" or item.stem not in FILES_BY_NAME or not item.is_file():
            bundle.errors.append(BundleError(item.name, 1, NO_COLUMN, "unknown_file"))
            continue
        sheet = read_csv(item, bundle.errors)
        if sheet is None:
            bundle.unreadable.add(item.stem)
        else:
            bundle.sheets[sheet.name] = sheet
    return bundle


def read_csv(path: Path, errors: list[BundleError]) -> Sheet | None:
    """One CSV file; None (and an error) when it cannot be read or has no header."""
    display = path.name
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        errors.append(BundleError(display, line, NO_COLUMN, "not_utf8"))
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    sheet: Sheet | None = None
    start = 1
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            cells = [_unquoted(_clean(c)) for c in record]
            if not any(cells):
                continue
            if sheet is None:
                sheet = Sheet(path.stem, display, _header(record, display, line, errors))
            else:
                sheet.rows.append(_row(cells, sheet.header, display, line, errors))
    except csv.Error as exc:
        errors.append(BundleError(display, start, NO_COLUMN, "bad_csv", {"detail": str(exc)}))
        return None
    if sheet is None:
        errors.append(BundleError(display, 1, NO_COLUMN, "no_header"))
    return sheet


def _unquoted(text: str | None) -> str | None:
    return from_csv_text(text) if text else text


def _cell_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _clean(str(value))


def read_workbook(path: Path, limits: XlsxLimits = BUNDLE_LIMITS) -> RawBundle:
    bundle = RawBundle()
    if not path.is_file():
        bundle.errors.append(BundleError(str(path), 0, NO_COLUMN, "bundle_not_found"))
        return bundle
    try:
        with BoundedWorkbook(path, limits) as workbook:
            for name in workbook.sheetnames:
                _read_sheet(workbook, name, bundle)
    except SpreadsheetRefused as refused:
        where = refused.sheet or path.name
        bundle.errors.append(
            BundleError(where, refused.row or 0, NO_COLUMN, f"xlsx_{refused.key}", refused.params)
        )
        if refused.sheet:
            bundle.unreadable.add(refused.sheet)
    return bundle


def _read_sheet(workbook: BoundedWorkbook, name: str, bundle: RawBundle) -> None:
    if name not in FILES_BY_NAME:
        bundle.errors.append(BundleError(name, 1, NO_COLUMN, "unknown_sheet"))
        return
    sheet: Sheet | None = None
    for number, values in workbook.rows(name):
        cells = [_cell_text(v) for v in values]
        if not any(cells):
            continue
        if sheet is None:
            if number != 1:  # a sheet's header is its first row
                break
            sheet = Sheet(name, name, _header(cells, name, number, bundle.errors))
        else:
            sheet.rows.append(_row(cells, sheet.header, name, number, bundle.errors))
    if sheet is None:
        bundle.errors.append(BundleError(name, 1, NO_COLUMN, "no_header"))
        bundle.unreadable.add(name)
    else:
        bundle.sheets[name] = sheet
