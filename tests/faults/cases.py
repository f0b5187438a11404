"""One case per POST route: who posts what, so that the action would succeed on the fault world.

A route added later fails the fault sweep until it has a case here: give the role that may post,
the URL's values (keys of the world built in tests/faults/world.py) and the form data. With
``from_page=True`` the data starts from the values the route's own GET page puts in its form (an
edit page posted back), and ``data`` only says what changes. ``writes=False`` marks a POST that
changes nothing in the database (signing in); the sweep checks that it stays so.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from nq05 import clock
from tests.web.helpers import PASSWORD


@dataclass(frozen=True)
class Case:
    role: str | None
    url: dict[str, str] = field(default_factory=dict)
    data: Callable[[dict, object], dict] = lambda world, users: {}
    from_page: bool = False
    #: (client, world) -> {field: (bytes, filename)} for uploads
    files: Callable | None = None
    writes: bool = True


def _dmy(day: date) -> str:
    return day.strftime("%Y-%m-%d")


def _plan_workbook(client, world) -> dict:
    """The draft plan's own spreadsheet with one more person planned: a valid upload."""
    from openpyxl import load_workbook

    exported = client.get(f"/plans/{world['draft_plan']}/export.xlsx")
    assert exported.status_code == 200, "the plan's spreadsheet could not be exported"
    assert exported.data[:2] == b"PK", exported.get_data(as_text=True)[:3000]
    book = load_workbook(io.BytesIO(exported.data))
    sheet = book["Dòng kế hoạch"]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == 2:  # the first line plans 2 people
                cell.value = 3
                out = io.BytesIO()
                book.save(out)
                return {"workbook": (io.BytesIO(out.getvalue()), "ke-hoach.xlsx")}
    raise AssertionError("the exported plan has no line planning 2 people")


def _reference_workbook(client) -> dict:
    """The reference data's own workbook with one more centre: a valid upload."""
    from openpyxl import load_workbook

    exported = client.get("/admin/reference/export.xlsx")
    assert exported.status_code == 200, "the reference workbook could not be exported"
    book = load_workbook(io.BytesIO(exported.data))
    book["Cơ sở đào tạo"].append(["C9", "Trường Chính trị mới"])
    out = io.BytesIO()
    book.save(out)
    return {"workbook": (io.BytesIO(out.getvalue()), "danh-muc.xlsx")}


def _results_workbook(client, world) -> dict:
    """The past class's roster with the accepted person's result filled in: a valid upload."""
    from openpyxl import load_workbook

    exported = client.get(f"/classes/{world['past_class']}/roster.xlsx")
    assert exported.status_code == 200, "the roster could not be exported"
    book = load_workbook(io.BytesIO(exported.data))
    sheet = book.active
    for row in sheet.iter_rows():
        names = [c.value for c in row]
        if "Mã cán bộ" in names:
            result, on = names.index("Kết quả") + 1, names.index("Ngày có kết quả") + 1
            for n in range(row[0].row + 1, sheet.max_row + 1):
                sheet.cell(n, result).value = "Hoàn thành"
                sheet.cell(n, on).value = TODAY - timedelta(days=30)
            out = io.BytesIO()
            book.save(out)
            return {"workbook": (io.BytesIO(out.getvalue()), "ket-qua.xlsx")}
    raise AssertionError("the exported roster has no header row")


TODAY = clock.today()

CASES: dict[str, Case] = {
    # signing in touches only the session cookie; signing out ends the user's sessions everywhere
    "auth.login": Case(None, data=lambda w, u: {"email": u.head_a.email, "password": PASSWORD}, writes=False),
    "auth.logout": Case("head_a"),
    "users.sign_out_everywhere": Case("admin", url={"user_id": "user"}),
    "auth.change_password": Case(
        "head_a",
        data=lambda w, u: {
            "current": PASSWORD,
            "new": "mat-khau-moi-rat-dai",
            "confirm": "mat-khau-moi-rat-dai",
        },
    ),
    "users.new_user": Case(
        "admin",
        data=lambda w, u: {
            "email": "moi@nq05.test",
            "full_name": "Người Dùng Mới",
            "role": "unit_head",
            "unit_id": w["unit"],
            "centre_id": "",
            "active": "y",
            "password": "mat-khau-rat-dai-05",
        },
    ),
    "users.edit_user": Case(
        "admin", url={"user_id": "user"}, from_page=True, data=lambda w, u: {"full_name": "Tên Đã Sửa"}
    ),
    # classes
    "classes.schedule": Case(
        "centre_1",
        data=lambda w, u: {
            "programme_id": w["programme"],
            "centre_id": w["centre"],
            "code": "LOP-MOI",
            "start_date": _dmy(TODAY + timedelta(days=70)),
            "end_date": _dmy(TODAY + timedelta(days=100)),
            "capacity": 20,
            "every_weekday": "y",
        },
    ),
    "classes.edit": Case(
        "centre_1", url={"class_id": "draft_class"}, from_page=True, data=lambda w, u: {"capacity": 12}
    ),
    "classes.publish": Case("centre_1", url={"class_id": "draft_class"}),
    "classes.session_days": Case(
        "centre_1", url={"class_id": "draft_class"}, data=lambda w, u: {"every_weekday": "y"}
    ),
    "classes.nominate": Case(
        "head_a", url={"class_id": "open_class"}, data=lambda w, u: {"person_ids": w["nominees"]}
    ),
    "classes.decide": Case(
        "centre_1",
        url={"class_id": "open_class", "enrolment_id": "nominated"},
        data=lambda w, u: {"decision": "accept"},
    ),
    "classes.decide_many": Case(
        "centre_1",
        url={"class_id": "open_class"},
        data=lambda w, u: {"decision": "accept", "scope": "nominated"},
    ),
    "classes.withdraw": Case("head_a", url={"class_id": "open_class", "enrolment_id": "withdrawable"}),
    "classes.result": Case(
        "centre_1",
        url={"class_id": "past_class", "enrolment_id": "accepted"},
        data=lambda w, u: {"result": "completed", "on": _dmy(TODAY - timedelta(days=30))},
    ),
    "classes.upload_results": Case("centre_1", url={"class_id": "past_class"}, files=_results_workbook),
    "classes.attendance": Case(
        "centre_1",
        url={"class_id": "past_class", "day_id": "day"},
        data=lambda w, u: {"present": [w["accepted"]], f"note-{w['accepted']}": "có mặt"},
    ),
    "classes.timetable": Case(
        "centre_1",
        url={"class_id": "past_class"},
        data=lambda w, u: {f"lecturer-{w['day']}": "TS. Nguyễn Văn Giảng", f"room-{w['day']}": "Phòng 201"},
    ),
    "classes.timetable_fill": Case(
        "centre_1",
        url={"class_id": "past_class"},
        data=lambda w, u: {"lecturer": "TS. Nguyễn Văn Giảng", "room": "Hội trường A"},
    ),
    # plans
    "plans.start": Case("head_a", data=lambda w, u: {"unit_id": w["unit"], "year": w["year"] + 1}),
    "plans.add_line": Case(
        "head_a",
        url={"plan_id": "draft_plan"},
        data=lambda w, u: {
            "programme_id": w["programme"],
            "category": "DIST_CIVIL",
            "planned_count": 1,
            "lock_version": w["draft_lock"],
        },
    ),
    "plans.change_line": Case(
        "head_a",
        url={"plan_id": "draft_plan", "line_id": "line"},
        data=lambda w, u: {
            f"line{w['line']}-programme_id": w["programme"],
            f"line{w['line']}-category": "",
            f"line{w['line']}-planned_count": 4,
            f"line{w['line']}-lock_version": w["draft_lock"],
        },
    ),
    "plans.remove_line": Case(
        "head_a",
        url={"plan_id": "draft_plan", "line_id": "spare_line"},
        data=lambda w, u: {"lock_version": w["draft_lock"]},
    ),
    "plans.people": Case(
        "head_a",
        url={"plan_id": "draft_plan", "line_id": "line"},
        data=lambda w, u: {"person_id": w["nominees"][:2], "lock_version": w["draft_lock"]},
    ),
    "plans.submit": Case(
        "head_a", url={"plan_id": "draft_plan"}, data=lambda w, u: {"lock_version": w["draft_lock"]}
    ),
    "plans.upload": Case(
        "head_a",
        url={"plan_id": "draft_plan"},
        data=lambda w, u: {"lock_version": w["draft_lock"]},
        files=_plan_workbook,
    ),
    "plans.approve": Case(
        "admin", url={"plan_id": "submitted_plan"}, data=lambda w, u: {"approve-comment": "Đồng ý."}
    ),
    "plans.return_plan": Case(
        "admin", url={"plan_id": "submitted_plan"}, data=lambda w, u: {"return-comment": "Thiếu nguồn."}
    ),
    "plans.approve_clean": Case(
        "admin", data=lambda w, u: {"plan_id": [w["submitted_plan"]], "year": w["year"]}
    ),
    "plans.supplement": Case("head_a", url={"plan_id": "approved_plan"}),
    "plans.forward": Case("head_a", data=lambda w, u: {"plan_id": [w["district_plan"]]}),
    "plans.district_return": Case(
        "head_a", url={"plan_id": "district_plan"}, data=lambda w, u: {"district-comment": "Thiếu nguồn."}
    ),
    "plans.district_review_setting": Case("admin", data=lambda w, u: {"choice": "off"}),
    # staff records
    "staff.new_person": Case(
        "head_a",
        data=lambda w, u: {
            "code": "MOI-01",
            "full_name": "Hoàng Văn Mới",
            "gender": "M",
            "birth_date": "1985-04-03",
            "unit_id": w["unit"],
            "category": "DIST_CIVIL",
            "position_id": w["position"],
            "start_date": "2010-01-01",
        },
    ),
    "staff.edit_person": Case(
        "head_a",
        url={"person_id": "person"},
        from_page=True,
        data=lambda w, u: {"full_name": "Nguyễn Văn Sửa"},
    ),
    "staff.new_assignment": Case(
        "head_a",
        url={"person_id": "person"},
        data=lambda w, u: {
            "unit_id": w["unit"],
            "category": "DIST_CIVIL",
            "position_id": w["position"],
            "start_date": "1999-01-01",
            "end_date": "1999-12-31",
        },
    ),
    "staff.edit_assignment": Case(
        "head_a",
        url={"person_id": "person", "assignment_id": "assignment"},
        from_page=True,
        data=lambda w, u: {"position_id": w["position"]},
    ),
    "staff.delete_assignment": Case(
        "head_a", url={"person_id": "person", "assignment_id": "past_assignment"}
    ),
    "staff.new_qualification": Case(
        "head_a",
        url={"person_id": "person"},
        data=lambda w, u: {"qualification": "pol:elementary", "awarded_on": "2012-05-01"},
    ),
    "staff.delete_qualification": Case(
        "head_a", url={"person_id": "qualified_person", "qualification_id": "qualification"}
    ),
    # the report's "Tính lại" (no queue in the tests: computed and stored at once)
    "progress.report_recompute": Case(
        "admin",
        data=lambda w, u: {"baseline": "31/12/2020", "as_of": TODAY.strftime("%d/%m/%Y")},
    ),
    # the dashboard's "Tính lại": the outbox's full recompute
    "progress.recompute": Case("admin", data=lambda w, u: {"as_of": TODAY.strftime("%d/%m/%Y")}),
    # reference data (admin)
    "staff.new_unit": Case(
        "admin",
        data=lambda w, u: {"code": "XMOI", "name": "Xã Mới", "level": "commune", "parent_id": w["unit"]},
    ),
    "staff.edit_unit": Case(
        "admin", url={"unit_id": "unit"}, from_page=True, data=lambda w, u: {"name": "Huyện Đổi Tên"}
    ),
    "reference.new_position": Case("admin", data=lambda w, u: {"code": "PP", "name": "Phó phòng"}),
    "reference.edit_position": Case(
        "admin",
        url={"position_id": "position"},
        from_page=True,
        data=lambda w, u: {"name": "Chuyên viên chính"},
    ),
    "reference.new_programme": Case(
        "admin",
        data=lambda w, u: {
            "code": "CC_LLCT",
            "name": "Cao cấp lý luận chính trị",
            "kind": "degree",
            "confers": "pol:advanced",
            "duration_months": 18,
        },
    ),
    "reference.edit_programme": Case(
        "admin",
        url={"programme_id": "programme"},
        from_page=True,
        data=lambda w, u: {"name": "Trung cấp lý luận chính trị - hành chính"},
    ),
    "reference.new_centre": Case("admin", data=lambda w, u: {"code": "C9", "name": "Trường Mới"}),
    "reference.edit_centre": Case(
        "admin", url={"centre_id": "centre"}, from_page=True, data=lambda w, u: {"name": "Trường Đổi Tên"}
    ),
    # the Organisation Board's desk: settings, periods, targets, the quota table
    "reference.settings": Case("admin", from_page=True, data=lambda w, u: {"retirement_age_male": "62"}),
    "reference.new_period": Case(
        "admin", data=lambda w, u: {"code": "2021-2025", "start_date": "2021-01-01", "end_date": "2025-12-31"}
    ),
    "reference.edit_period": Case(
        "admin", url={"period_id": "period"}, from_page=True, data=lambda w, u: {"code": "GD-2011"}
    ),
    "reference.retire_period": Case("admin", url={"period_id": "spare_period"}),
    "reference.new_target": Case(
        "admin",
        url={"period_id": "period"},
        data=lambda w, u: {
            "kind": "count",
            "level": "pol:advanced",
            "category": "",
            "unit_id": "",
            "value": "5",
        },
    ),
    "reference.edit_target": Case(
        "admin", url={"target_id": "target"}, from_page=True, data=lambda w, u: {"value": "11"}
    ),
    "reference.retire_target": Case("admin", url={"target_id": "target"}),
    "reference.quotas": Case(
        "admin",
        url={"period_id": "period"},
        from_page=True,
        data=lambda w, u: {f"q-{w['unit']}-pro-master": "4"},
    ),
    "reference.new_indicator": Case(
        "admin",
        data=lambda w, u: {"position": "2", "category": "", "level": "pol:intermediate", "programme_id": ""},
    ),
    "reference.edit_indicator": Case(
        "admin", url={"indicator_id": "indicator"}, from_page=True, data=lambda w, u: {"position": "5"}
    ),
    "reference.retire_indicator": Case("admin", url={"indicator_id": "indicator"}),
    "reference.retire_position": Case("admin", url={"position_id": "spare_position"}),
    "reference.retire_programme": Case("admin", url={"programme_id": "spare_programme"}),
    "reference.retire_centre": Case("admin", url={"centre_id": "spare_centre"}),
    # retiring what is in use (the world's position, programme and centre 1 are used) and undoing it
    "reference.withdraw_position": Case("admin", url={"position_id": "position"}),
    "reference.withdraw_programme": Case("admin", url={"programme_id": "programme"}),
    "reference.withdraw_centre": Case("admin", url={"centre_id": "centre"}),
    "reference.reinstate_position": Case("admin", url={"position_id": "retired_position"}),
    "reference.reinstate_programme": Case("admin", url={"programme_id": "retired_programme"}),
    "reference.reinstate_centre": Case("admin", url={"centre_id": "retired_centre"}),
    "reference.import_workbook": Case("admin", files=lambda client, w: _reference_workbook(client)),
    "reference.demo_date": Case("admin", data=lambda w, u: {"today": _dmy(TODAY + timedelta(days=30))}),
    # the task queue's admin page
    "notify.resend_reminder": Case("admin", url={"reminder_id": "reminder"}),
}
