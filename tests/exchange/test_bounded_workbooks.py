"""Workbooks are read within bounds that do not trust the file, for ``nq05 import`` and the plan
upload; each refusal is a located error, never a crash; names from the file are echoed escaped."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import Workbook

from nq05.exchange.readers import read_bundle
from nq05.spreadsheets.reading import MB, BoundedWorkbook, SpreadsheetRefused, XlsxLimits
from tests.exchange.conftest import failed_import

UNITS_HEADER = ["code", "name", "level", "parent_code"]


def _saved(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _with_member(data: bytes, member: str, content: bytes) -> bytes:
    """The workbook with one more (or a replaced) zip member."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != member:
                target.writestr(item, source.read(item.filename))
        target.writestr(member, content)
    return out.getvalue()


def _claiming_the_whole_sheet(data: bytes) -> bytes:
    """Every sheet's <dimension> says A1:XFD1048576 (some writers get it wrong; some files lie)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    for name in source.namelist():
        if name.startswith("xl/worksheets/sheet"):
            xml = source.read(name).decode()
            xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml)
            data = _with_member(data, name, xml.encode())
    return data


def test_a_row_far_below_the_cap_is_refused_where_it_is(runner, db, tmp_path):
    book = Workbook()
    units = book.active
    units.title = "units"
    units.append(UNITS_HEADER)
    units.append(["TINH", "Tỉnh", "province", None])
    units.cell(row=600_000, column=1, value="X")
    (tmp_path / "far.xlsx").write_bytes(_claiming_the_whole_sheet(_saved(book)))

    assert failed_import(runner, tmp_path / "far.xlsx") == ["units:600000: -: trang tính có hơn 500000 dòng"]


def test_a_workbook_that_inflates_past_the_cap_is_refused_before_parsing(tmp_path):
    book = Workbook()
    book.active.title = "units"
    book.active.append(UNITS_HEADER)
    bomb = _with_member(_saved(book), "xl/sharedStrings.xml", b"<sst>" + b" " * (3 * MB) + b"</sst>")
    (tmp_path / "bomb.xlsx").write_bytes(bomb)
    assert len(bomb) < 64 * 1024  # a few kilobytes on disk

    limits = XlsxLimits(
        max_rows=100, max_columns=16, max_member_bytes=2 * MB, max_total_bytes=8 * MB, seconds=5
    )
    raw = read_bundle(tmp_path / "bomb.xlsx", limits)

    assert [str(e) for e in raw.errors] == [
        "bomb.xlsx:0: -: phần xl/sharedStrings.xml của tệp .xlsx vượt quá 2 MB khi giải nén"
    ]


def test_reading_stops_at_the_time_budget_with_the_row_it_reached():
    book = Workbook()
    for n in range(3000):
        book.active.append([f"U{n}", "Đơn vị", "commune"])
    with BoundedWorkbook(_saved(book), XlsxLimits(10_000, 16, MB, 4 * MB, seconds=0)) as workbook:
        with pytest.raises(SpreadsheetRefused) as refused:
            list(workbook.rows("Sheet"))
    assert (refused.value.key, refused.value.sheet, refused.value.row) == ("too_slow", "Sheet", 1024)


def test_rows_never_grow_with_the_claimed_dimension():
    book = Workbook()
    book.active.append(["a", "b"])
    book.active.append(["c", "d"])
    limits = XlsxLimits(10, 8, MB, 4 * MB, seconds=5)
    with BoundedWorkbook(_claiming_the_whole_sheet(_saved(book)), limits) as workbook:
        rows = list(workbook.rows("Sheet"))
    assert rows == [(1, ("a", "b") + (None,) * 6), (2, ("c", "d") + (None,) * 6)]


def test_a_sheet_name_cannot_forge_a_line_of_the_error_list(runner, db, tmp_path):
    book = Workbook()
    book.active.title = "units"
    book.active.append(UNITS_HEADER)
    book.active.append(["TINH", "Tỉnh", "province", None])
    book.create_sheet("forged").append(["a"])
    data = _saved(book)
    workbook_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml").decode()
    # Excel refuses ":" in a sheet name, but a file made by hand may hold anything
    renamed = workbook_xml.replace('name="forged"', 'name="x&#10;units.csv:1: code: OK"')
    (tmp_path / "forged.xlsx").write_bytes(_with_member(data, "xl/workbook.xml", renamed.encode()))

    result = runner.invoke(args=["import", str(tmp_path / "forged.xlsx")])

    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[0] == "x\\nunits.csv:1: code: OK:1: -: trang tính không thuộc bộ dữ liệu"
    )
    assert not any(line.startswith("units.csv:1") for line in result.stderr.splitlines())


def test_a_row_numbered_in_the_billions_is_refused_at_once():
    book = Workbook()
    book.active.append(["a"])
    book.active.cell(row=9, column=1, value="far")
    data = _saved(book)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    xml = xml.replace('r="9"', 'r="2000000000"').replace('r="A9"', 'r="A2000000000"')
    limits = XlsxLimits(10_000, 8, MB, 4 * MB, seconds=5)
    with BoundedWorkbook(_with_member(data, "xl/worksheets/sheet1.xml", xml.encode()), limits) as workbook:
        with pytest.raises(SpreadsheetRefused) as refused:
            list(workbook.rows("Sheet"))
    assert (refused.value.key, refused.value.row) == ("too_many_rows", 2_000_000_000)
