"""A plan exported as .xlsx and a filled workbook uploaded back."""

import io

import pytest
from openpyxl import load_workbook

from nq05.plans import operations as ops
from nq05.plans import queries
from nq05.plans.spreadsheet import LINES_SHEET, NAMES_SHEET, UploadRefused, export_plan, import_plan
from tests.plans.conftest import TODAY
from tests.plans.test_operations import YEAR, draft_with_line


def workbook_of(data):
    return load_workbook(io.BytesIO(data))


def saved(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def approved_plan(db, p):
    plan, line = draft_with_line(db, p, count=2, names=p.staff[:2])
    ops.add_line(plan, ops.LineValues(p.refresher.id, "DIST_CIVIL", 3), p.head, None)
    ops.submit(plan, p.head, today=TODAY)
    ops.approve(plan, p.admin, today=TODAY)
    db.session.commit()
    return plan


def test_the_export_holds_the_lines_and_the_named_people(db, province):
    plan = approved_plan(db, province)
    book = workbook_of(export_plan(plan))
    assert [list(r) for r in book[LINES_SHEET].iter_rows(min_row=2, values_only=True)] == [
        ["MASTER_ECON", "Thạc sĩ kinh tế", None, 2],
        ["REFRESH", "Bồi dưỡng kiến thức", CIVIL, 3],
    ]
    assert [list(r) for r in book[NAMES_SHEET].iter_rows(min_row=2, values_only=True)] == [
        ["MASTER_ECON", None, "P01", "Nguyễn Văn An"],
        ["MASTER_ECON", None, "P02", "Trần Thị Bình"],
    ]


CIVIL = "Công chức cơ quan Đảng, chính quyền, MTTQ và các đoàn thể cấp huyện"


def test_the_export_names_the_status_and_categories_and_an_upload_takes_names_or_codes(db, province):
    plan = approved_plan(db, province)
    book = workbook_of(export_plan(plan))
    info = {row[0]: row[1] for row in book["Thông tin"].iter_rows(values_only=True)}
    assert info["Trạng thái"] == "Đã phê duyệt" and info["Lần"] == 1
    cells = [c for row in book.worksheets for r in row.iter_rows(values_only=True) for c in r]
    assert "approved" not in cells and "DIST_CIVIL" not in cells
    # a file of an earlier version (codes), a name in other case and spacing, and an English name
    book[LINES_SHEET]["C3"] = "DIST_CIVIL"
    book[NAMES_SHEET].append(
        ["REFRESH", "  công chức cơ quan Đảng, chính quyền,  MTTQ và các đoàn thể cấp huyện", "P03", ""]
    )
    new = import_plan(saved(book), province.unit, YEAR, province.head, today=TODAY)
    db.session.commit()
    assert queries.plan_content(new)[("REFRESH", "DIST_CIVIL")] == queries.LineContent(3, frozenset({"P03"}))
    book[LINES_SHEET]["C3"] = (
        "District civil servants of the Party, government, Fatherland Front and mass organisations"
    )
    book[NAMES_SHEET]["B4"] = "DIST_CIVIL"
    english = import_plan(saved(book), province.unit, YEAR, province.head, today=TODAY)
    db.session.commit()
    assert queries.plan_content(english) == queries.plan_content(new)
    book[LINES_SHEET]["C3"] = "Công chức"
    with pytest.raises(UploadRefused) as refused:
        import_plan(saved(book), province.unit, YEAR, province.head, today=TODAY)
    (problem,) = [e for e in refused.value.errors if e.column == "C"]
    assert "Công chức cấp xã" in problem.message and "COMM_CIVIL" not in problem.message


def test_round_trip_an_unchanged_upload_is_a_new_draft_equal_to_the_plan(db, province):
    plan = approved_plan(db, province)
    new = import_plan(export_plan(plan), province.unit, YEAR, province.head, today=TODAY)
    db.session.commit()
    assert (new.version, new.status) == (2, "draft")
    assert queries.plan_content(new) == queries.plan_content(plan)
    assert queries.diff_against_in_force(new)[1].is_empty
    assert new.events[-1].action == "uploaded"


def test_an_edited_upload_changes_numbers_lines_and_names(db, province):
    plan = approved_plan(db, province)
    book = workbook_of(export_plan(plan))
    book[LINES_SHEET]["D2"] = 3
    book[LINES_SHEET].delete_rows(3)
    book[NAMES_SHEET].append(["MASTER_ECON", "", "P03", "Lê Văn Cường"])
    new = import_plan(saved(book), province.unit, YEAR, province.head, today=TODAY)
    db.session.commit()
    assert queries.plan_content(new) == {
        ("MASTER_ECON", None): queries.LineContent(3, frozenset({"P01", "P02", "P03"}))
    }


def test_an_upload_onto_a_draft_replaces_it_and_one_onto_a_submitted_plan_is_refused(db, province):
    plan, _ = draft_with_line(db, province, count=1)
    book = workbook_of(export_plan(plan))
    book[LINES_SHEET]["D2"] = 2
    same = import_plan(saved(book), province.unit, YEAR, province.head, today=TODAY)
    db.session.commit()
    assert same.id == plan.id and [ln.planned_count for ln in same.lines] == [2]
    ops.submit(plan, province.head, today=TODAY)
    with pytest.raises(ops.PlanRefused) as info:
        import_plan(saved(book), province.unit, YEAR, province.head, today=TODAY)
    assert info.value.code == "submitted_pending"


def test_a_first_upload_becomes_version_1(db, province):
    other = approved_plan(db, province)
    data = export_plan(other)
    book = workbook_of(data)
    book["Thông tin"]["B3"] = YEAR + 1
    plan = import_plan(saved(book), province.unit, YEAR + 1, province.head, today=TODAY)
    assert (plan.year, plan.version, plan.status, len(plan.lines)) == (YEAR + 1, 1, "draft", 2)


def test_a_bad_upload_is_refused_whole_with_every_error_named(db, province):
    plan = approved_plan(db, province)
    book = workbook_of(export_plan(plan))
    info = book["Thông tin"]
    info["B1"] = "D02"
    lines = book[LINES_SHEET]
    lines["D2"] = -1  # row 2: negative number
    lines["C3"] = "NOBODY"  # row 3: unknown category
    lines.append(["NO_SUCH", "", "", "ba"])  # row 4: unknown programme, not a number
    lines.append(["MASTER_ECON", "", "", 1])  # row 5: fine
    lines.append(["MASTER_ECON", "", "", 2])  # row 6: a second MASTER_ECON line
    names = book[NAMES_SHEET]
    names.append(["MASTER_ECON", "", "P09", ""])  # row 4: another unit's person
    names.append(["MASTER_ECON", "", "P77", ""])  # row 5: nobody
    names.append(["MASTER_ECON", "", "P01", ""])  # row 6: named twice
    names.append(["REFRESH", "TU", "P01", ""])  # row 7: no such line
    with pytest.raises(UploadRefused) as refused:
        import_plan(saved(book), province.unit, YEAR, province.head, today=TODAY)
    where = [(e.sheet, e.row, e.column) for e in refused.value.errors]
    assert where == [
        ("Thông tin", 1, "B"),
        (LINES_SHEET, 2, "D"),
        (LINES_SHEET, 3, "C"),
        (LINES_SHEET, 4, "A"),
        (LINES_SHEET, 4, "D"),
        (LINES_SHEET, 6, "A"),
        (NAMES_SHEET, 4, "C"),
        (NAMES_SHEET, 5, "C"),
        (NAMES_SHEET, 6, "C"),
        (NAMES_SHEET, 7, "A"),
    ]
    messages = [e.message for e in refused.value.errors]
    assert "D01" in messages[0]
    assert "NO_SUCH" in messages[3]
    # another unit's person is named by the code the user typed, never by name
    assert messages[6] == "Cán bộ mã “P09” không thuộc đơn vị D01."
    assert "P77" in messages[7]
    # nothing was saved: the approved version is still the latest
    assert queries.latest_version(province.unit.id, YEAR).id == plan.id


def test_a_file_that_is_not_a_workbook_is_refused(db, province):
    with pytest.raises(UploadRefused) as refused:
        import_plan(b"not a spreadsheet", province.unit, YEAR, province.head, today=TODAY)
    assert "Excel" in refused.value.errors[0].message
