"""Reading an .xlsx within bounds that do not trust the file (docs/security.md, "Uploads").

A workbook is a zip of XML files. Before openpyxl parses anything, the zip's directory is checked:
the number of members and each member's uncompressed size (Python's zipfile never inflates a
member past the size its directory declares, so the check holds however the data is compressed).
Then rows are read with caps of our own, never the sheet's ``<dimension>`` (which a file may set
to A1:XFD1048576) and without filling in the rows a file skips (one cell on row 2,000,000,000
would otherwise cost minutes), against a time budget. Each refusal is a SpreadsheetRefused naming
the sheet and row; the caller words it (plan upload, bundle import).
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet._reader import WorkSheetParser

MB = 1024 * 1024


@dataclass(frozen=True)
class XlsxLimits:
    #: rows read per sheet; a value further down is refused
    max_rows: int
    #: columns read per row (cells further right are not read)
    max_columns: int
    #: uncompressed bytes of one zip member (a sheet, the shared strings)
    max_member_bytes: int
    #: uncompressed bytes of the whole workbook
    max_total_bytes: int
    #: seconds to read every row of every sheet asked for
    seconds: float
    max_members: int = 500


#: ``nq05 import`` of a whole province. The demo province (Lai Châu, 7,206 people) exports as a
#: 1.7 MB workbook whose largest sheet has 23,068 rows and 5.2 MB of XML (17 MB in all): these
#: caps leave room for a province twenty times larger.
BUNDLE_LIMITS = XlsxLimits(
    max_rows=500_000, max_columns=64, max_member_bytes=256 * MB, max_total_bytes=512 * MB, seconds=600
)
#: a unit's plan uploaded on the web: a few hundred lines and names, in seconds
UPLOAD_LIMITS = XlsxLimits(
    max_rows=10_000, max_columns=16, max_member_bytes=8 * MB, max_total_bytes=32 * MB, seconds=10
)


@dataclass(eq=False)
class SpreadsheetRefused(Exception):
    """Why a workbook was not read: ``key`` with ``params``, at ``sheet`` and ``row`` when known."""

    key: str
    sheet: str | None = None
    row: int | None = None
    params: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.key)


class BoundedWorkbook:
    """An .xlsx opened for reading values, within ``limits``. Use as a context manager."""

    def __init__(self, source: bytes | Path, limits: XlsxLimits):
        self.limits = limits
        data = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
        _check_archive(data, limits)
        if isinstance(data, io.BytesIO):
            data.seek(0)
        try:
            self._book = load_workbook(data, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises several kinds for a file that is not a workbook
            raise SpreadsheetRefused("not_a_workbook", params={"detail": str(exc)}) from None
        self._deadline = time.monotonic() + limits.seconds

    def __enter__(self) -> BoundedWorkbook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._book.close()

    @property
    def sheetnames(self) -> list[str]:
        return list(self._book.sheetnames)

    def rows(self, name: str) -> Iterator[tuple[int, tuple]]:
        """(row number, values) of the sheet's rows that hold a value, up to the caps; each row
        has ``max_columns`` values."""
        cap, width = self.limits.max_rows, self.limits.max_columns
        for count, (number, values) in enumerate(_rows_held(self._book[name], width), start=1):
            if count % 1024 == 0 and time.monotonic() > self._deadline:
                raise SpreadsheetRefused("too_slow", name, number, {"seconds": int(self.limits.seconds)})
            if values.count(None) == width:
                continue
            if number > cap:
                raise SpreadsheetRefused("too_many_rows", name, number, {"max": cap})
            yield number, values


def _rows_held(sheet, width: int) -> Iterator[tuple[int, tuple]]:
    """(row number, ``width`` values) of each row the sheet's XML holds, skipped rows left out.

    openpyxl's read-only iteration fills every skipped row in and trusts <dimension>; this walks
    its worksheet parser the way ReadOnlyWorksheet._cells_by_row does (openpyxl 3.1), without
    either. tests/exchange/test_bounded_workbooks.py holds it to that.
    """
    book = sheet.parent
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            yield number, sheet._get_row(cells, 1, width, values_only=True)


def _check_archive(data, limits: XlsxLimits) -> None:
    try:
        with zipfile.ZipFile(data) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SpreadsheetRefused("not_a_workbook", params={"detail": str(exc)}) from None
    if len(members) > limits.max_members:
        raise SpreadsheetRefused("too_many_members", params={"max": limits.max_members})
    total = 0
    for member in members:
        if member.file_size > limits.max_member_bytes:
            raise SpreadsheetRefused(
                "member_too_large",
                params={"member": member.filename, "mb": limits.max_member_bytes // MB},
            )
        total += member.file_size
    if total > limits.max_total_bytes:
        raise SpreadsheetRefused("too_large", params={"mb": limits.max_total_bytes // MB})
