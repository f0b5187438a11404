"""The people a head can name on a plan: the unit's staff for the plan's year *and* still in the
unit now; a plan upload names nobody outside the user's scope."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from nq05.plans import operations as ops
from nq05.plans import picker
from nq05.plans.spreadsheet import NAMES_SHEET, UploadRefused, export_plan, import_plan
from nq05.staff.models import Assignment
from tests.plans import factories as f
from tests.plans.test_operations import YEAR, refused

#: a year after the plan's: the plan is a past year's
LATER = date(YEAR + 1, 3, 1)


def _moved_away(db, province):
    """P04 was D01's staff on 1 January of YEAR and went to D02 on 1 July."""
    cv = province.staff[0].assignments[0].position
    person = f.person(db, "P04", province.unit, cv, name="Vũ Thị Đi", end=date(YEAR, 6, 30))
    person.assignments.append(
        Assignment(unit=province.other_unit, category="DIST_CIVIL", position=cv, start_date=date(YEAR, 7, 1))
    )
    db.session.commit()
    return person


def test_a_head_cannot_name_someone_who_has_moved_to_another_unit(db, province):
    moved = _moved_away(db, province)
    plan = ops.start_plan(province.unit, YEAR, province.head)
    line = ops.add_line(plan, ops.LineValues(province.master.id, None, 2), province.head, plan.lock_version)
    db.session.commit()

    refused(
        "not_unit_staff", ops.set_named_people, plan, line.id, [moved.id], province.head, None, today=LATER
    )
    offered = [c.person.code for c in picker.candidates(plan, line, LATER, province.head)]
    assert "P04" not in offered and "P01" in offered

    # the Organisation Board may still record who the unit named that year
    ops.set_named_people(plan, line.id, [moved.id], province.admin, None, today=LATER)
    assert [n.person_id for n in line.nominees] == [moved.id]


def test_a_plan_upload_names_nobody_outside_the_unit(db, province):
    moved = _moved_away(db, province)
    plan = ops.start_plan(province.unit, YEAR, province.head)
    ops.add_line(plan, ops.LineValues(province.master.id, None, 2), province.head, plan.lock_version)
    db.session.commit()
    book = load_workbook(io.BytesIO(export_plan(plan)))
    for code in ("P09", moved.code, "P77"):  # another unit's, moved away, nobody
        book[NAMES_SHEET].append(["MASTER_ECON", "", code, ""])
    data = io.BytesIO()
    book.save(data)

    try:
        import_plan(data.getvalue(), province.unit, YEAR, province.head, today=LATER)
    except UploadRefused as exc:
        messages = [e.message for e in exc.errors]
    else:
        raise AssertionError("the upload was accepted")

    assert messages == [f"Cán bộ mã “{code}” không thuộc đơn vị D01." for code in ("P09", "P04", "P77")]
    joined = " ".join(messages)
    assert province.outsider.full_name not in joined and moved.full_name not in joined
