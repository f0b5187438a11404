"""Writing .xlsx and CSV: a text value is a text cell, never a formula (docs/security.md).

Every export builds its rows with ``append_row`` (workbooks) or ``CsvWriter`` (CSV), so an export
added later is formula-safe by using them; ``tests/test_exports_are_formula_safe.py`` checks that
no other module writes spreadsheets.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

from nq05.domain.fields import escaped
from nq05.spreadsheets.cells import csv_text

__all__ = ["CsvWriter", "Workbook", "append_row", "date_cell", "text_cell", "workbook_bytes"]


def text_cell(sheet, text: str) -> Cell:
    """A cell holding ``text`` as text: ``=HYPERLINK(...)`` stays the words, not a formula."""
    cell = Cell(sheet, row=1, column=1, value=ILLEGAL_CHARACTERS_RE.sub(lambda m: escaped(m.group()), text))
    cell.data_type = "s"  # openpyxl makes "=..." a formula and "#N/A" an error: neither, here
    return cell


def date_cell(sheet, value, number_format: str) -> Cell:
    cell = Cell(sheet, row=1, column=1, value=value)
    cell.number_format = number_format
    return cell


def safe(sheet, value):
    """A value ready for ``sheet.append``: text as a text cell, anything else as it is."""
    return text_cell(sheet, value) if isinstance(value, str) else value


def append_row(sheet, values: Iterable) -> None:
    """Append one row; text values become text cells (works on normal and write-only sheets)."""
    sheet.append([safe(sheet, value) for value in values])


def workbook_bytes(workbook: Workbook) -> bytes:
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


class CsvWriter:
    """csv.writer whose text cells follow the formula-safe rule of shared/spec/bundle.md."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, values: Iterable[str]) -> None:
        self._writer.writerow([csv_text(value) for value in values])

    def writeheader(self, names: Iterable[str]) -> None:
        self._writer.writerow(list(names))
