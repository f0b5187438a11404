"""Read a bundle (a folder of CSV files or an .xlsx workbook) into rows of text with line numbers.

Nothing here knows what a column means: cells are stripped text or None, keyed by the header.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from nq05.exchange.errors import NO_COLUMN, BundleError
from nq05.exchange.files import FILES_BY_NAME


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


def read_bundle(path: Path) -> RawBundle:
    """Read a folder of CSV files or a workbook, by the path's shape."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return read_workbook(path)
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
            cells = [_clean(c) for c in record]
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


def read_workbook(path: Path) -> RawBundle:
    bundle = RawBundle()
    if not path.is_file():
        bundle.errors.append(BundleError(str(path), 0, NO_COLUMN, "bundle_not_found"))
        return bundle
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a file that is not a workbook
        bundle.errors.append(BundleError(path.name, 0, NO_COLUMN, "bad_workbook", {"detail": str(exc)}))
        return bundle
    try:
        for ws in workbook.worksheets:
            name = ws.title
            if name not in FILES_BY_NAME:
                bundle.errors.append(BundleError(name, 1, NO_COLUMN, "unknown_sheet"))
                continue
            sheet: Sheet | None = None
            ws.reset_dimensions()  # some writers record a wrong used range; read every row there is
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = [_cell_text(v) for v in values]
                if sheet is None:
                    if not any(cells):
                        break
                    sheet = Sheet(name, name, _header(cells, name, number, bundle.errors))
                elif any(cells):
                    sheet.rows.append(_row(cells, sheet.header, name, number, bundle.errors))
            if sheet is None:
                bundle.errors.append(BundleError(name, 1, NO_COLUMN, "no_header"))
                bundle.unreadable.add(name)
            else:
                bundle.sheets[name] = sheet
    finally:
        workbook.close()
    return bundle
