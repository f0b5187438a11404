"""import -> export -> import gives the same data, for CSV folders and .xlsx workbooks."""

from __future__ import annotations

import csv

from tests.exchange.conftest import failed_import, row_counts

FILES = sorted(
    [
        "settings",
        "units",
        "positions",
        "people",
        "assignments",
        "qualifications",
        "programmes",
        "centres",
        "classes",
        "periods",
        "targets",
        "indicators",
        "plans",
        "plan_lines",
        "enrollments",
        "users",
    ]
)


def _ok(runner, *args):
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output + (result.stderr or "")
    return result


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_export_writes_every_file_with_its_header(runner, db, mini_bundle, tmp_path):
    _ok(runner, "import", str(mini_bundle))
    _ok(runner, "export", str(tmp_path / "out"))

    assert sorted(p.stem for p in (tmp_path / "out").iterdir()) == FILES
    assert _rows(tmp_path / "out" / "settings.csv") == [["key", "value"]]
    assert _rows(tmp_path / "out" / "units.csv")[:2] == [
        ["code", "name", "level", "parent_code"],
        ["H1", "Huyện Tam Đường", "district", "TINH"],
    ]
    assert _rows(tmp_path / "out" / "plan_lines.csv")[3] == ["SNV", "2013", "1", "MASTER", "", "2", "S1;S2"]


def test_export_holds_the_bundle_data_but_passwords(runner, db, mini_bundle, tmp_path):
    _ok(runner, "import", str(mini_bundle))
    _ok(runner, "export", str(tmp_path / "out"))

    for path in mini_bundle.iterdir():
        original, exported = _rows(path), _rows(tmp_path / "out" / path.name)
        assert original[0] == exported[0]
        if path.stem == "users":
            original = [row[:-1] + [""] for row in original]
        assert sorted(original[1:]) == sorted(exported[1:]), path.name


def test_conferred_qualifications_are_not_exported(runner, db, mini_bundle, tmp_path):
    _ok(runner, "import", str(mini_bundle))
    _ok(runner, "export", str(tmp_path / "out"))

    rows = _rows(tmp_path / "out" / "qualifications.csv")
    assert ["H1", "pol", "intermediate", "2013-10-31"] not in rows
    assert len(rows) == 1 + 54


def test_import_export_import_export_is_identical(runner, db, mini_bundle, tmp_path):
    _ok(runner, "import", str(mini_bundle))
    _ok(runner, "export", str(tmp_path / "first"))
    _ok(runner, "import", "--replace", str(tmp_path / "first"))
    _ok(runner, "export", str(tmp_path / "second"))

    for name in FILES:
        first = (tmp_path / "first" / f"{name}.csv").read_bytes()
        assert first == (tmp_path / "second" / f"{name}.csv").read_bytes(), name


def test_workbook_imports_to_the_same_data_as_the_folder(runner, db, mini_bundle, tmp_path):
    _ok(runner, "import", str(mini_bundle))
    _ok(runner, "export", str(tmp_path / "folder"))
    _ok(runner, "export", str(tmp_path / "bundle.xlsx"))
    _ok(runner, "import", "--replace", str(tmp_path / "bundle.xlsx"))
    _ok(runner, "export", str(tmp_path / "from_xlsx"))

    for name in FILES:
        folder = (tmp_path / "folder" / f"{name}.csv").read_bytes()
        assert folder == (tmp_path / "from_xlsx" / f"{name}.csv").read_bytes(), name


def test_workbook_sheets_carry_dates_and_numbers_as_cells(runner, db, mini_bundle, tmp_path):
    from datetime import datetime

    from openpyxl import load_workbook

    _ok(runner, "import", str(mini_bundle))
    _ok(runner, "export", str(tmp_path / "bundle.xlsx"))

    workbook = load_workbook(tmp_path / "bundle.xlsx")
    assert "units" in workbook.sheetnames and "units.csv" not in workbook.sheetnames
    classes = list(workbook["classes"].iter_rows(values_only=True))
    assert classes[1][:6] == (
        "MASTER_2013",
        "MASTER",
        "DH",
        2013,
        datetime(2013, 9, 1),
        datetime(2015, 8, 31),
    )


def test_hand_made_workbook_with_text_date_and_number_cells(runner, db, tmp_path):
    from datetime import date, datetime

    from openpyxl import Workbook

    workbook = Workbook()
    units = workbook.active
    units.title = "units"
    units.append(["code", "name", "level", "parent_code"])
    units.append(["TINH", "Tỉnh", "province", None])
    units.append([101, "Huyện 101", "district", "TINH"])
    people = workbook.create_sheet("people")
    people.append(["id", "full_name", "gender", "birth_date", "ethnicity", "email", "planned_position"])
    people.append([7, "Lò Thị Mai", "F", datetime(1985, 3, 2), "Thái", None, None])
    people.append(["8", "Lò Văn Hùng", "M", "1986-04-05", None, None, None])
    people.append(["9", "Lò Văn Nam", "M", date(1987, 5, 6), None, None, None])
    workbook.save(tmp_path / "hand.xlsx")

    _ok(runner, "import", str(tmp_path / "hand.xlsx"))
    _ok(runner, "export", str(tmp_path / "out"))

    assert _rows(tmp_path / "out" / "units.csv")[1] == ["101", "Huyện 101", "district", "TINH"]
    assert [r[3] for r in _rows(tmp_path / "out" / "people.csv")[1:]] == [
        "1985-03-02",
        "1986-04-05",
        "1987-05-06",
    ]


def test_workbook_faults_name_the_sheet_and_row(runner, db, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    units = workbook.active
    units.title = "units"
    units.append(["code", "name", "level", "parent_code"])
    units.append(["TINH", "Tỉnh", "province", None])
    units.append([])
    units.append(["H1", "Huyện", "town", "TINH"])
    workbook.create_sheet("centres")  # no header at all
    notes = workbook.create_sheet("Ghi chú")
    notes.append(["free text"])
    workbook.save(tmp_path / "bad.xlsx")

    assert failed_import(runner, tmp_path / "bad.xlsx") == [
        "units:4: level: giá trị 'town' không hợp lệ; cần một trong: province, district, commune",
        "centres:1: -: thiếu dòng tiêu đề (tệp hoặc trang tính rỗng)",
        "Ghi chú:1: -: trang tính không thuộc bộ dữ liệu",
    ]
    assert row_counts(db) == (0, 0)


def test_sheet_with_rows_but_no_header_row(runner, db, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    units = workbook.active
    units.title = "units"
    units["A3"] = "TINH"
    workbook.save(tmp_path / "bad.xlsx")

    assert failed_import(runner, tmp_path / "bad.xlsx") == [
        "units:1: -: thiếu dòng tiêu đề (tệp hoặc trang tính rỗng)"
    ]
