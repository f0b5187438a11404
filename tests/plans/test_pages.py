"""The plan pages through the test client: scoping, the workflow, the editor, the panel."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from nq05 import clock
from nq05.plans import operations as ops
from nq05.plans import queries
from nq05.plans.models import Plan
from nq05.progress.realism import evaluate
from tests.plans.pages import AS_OF, YEAR, findings_on_page, flashes, lock_version, make_world, plain, text_of
from tests.web.fixtures import users  # noqa: F401  (the fixture)
from tests.web.helpers import login


@pytest.fixture()
def world(db, users):  # noqa: F811
    return make_world(db, users)


def start(client, world, unit=None, year=YEAR, copy=False):
    data = {"unit_id": (unit or world.ha).id, "year": year}
    if copy:
        data["copy_last_year"] = "y"
    response = client.post("/plans/start", data=data)
    assert response.status_code == 302, text_of(response)
    return int(response.headers["Location"].split("/plans/")[1].split("?")[0].split("#")[0])


def add_line(client, plan_id, programme, count, category=""):
    page = text_of(client.get(f"/plans/{plan_id}"))
    return client.post(
        f"/plans/{plan_id}/lines",
        data={
            "programme_id": programme.id,
            "category": category,
            "planned_count": count,
            "lock_version": lock_version(page),
        },
        follow_redirects=True,
    )


def name_people(client, plan_id, line_id, people):
    page = text_of(client.get(f"/plans/{plan_id}/lines/{line_id}/people"))
    return client.post(
        f"/plans/{plan_id}/lines/{line_id}/people",
        data={"person_id": [p.id for p in people], "lock_version": lock_version(page)},
        follow_redirects=True,
    )


def post_with_lock(client, plan_id, action, **data):
    page = text_of(client.get(f"/plans/{plan_id}"))
    return client.post(
        f"/plans/{plan_id}/{action}", data={"lock_version": lock_version(page), **data}, follow_redirects=True
    )


def test_the_whole_workflow_through_the_pages(client, db, world):
    u = world.users
    login(client, u.head_a)
    plan_id = start(client, world)
    page = text_of(add_line(client, plan_id, world.master, 2))
    assert "Đã thêm dòng kế hoạch." in page and "Thạc sĩ kinh tế" in page and "MASTER_ECON —" not in page
    line_id = db.session.get(Plan, plan_id).lines[0].id
    page = text_of(name_people(client, plan_id, line_id, world.staff[:2]))
    assert "Nguyễn Văn An (A01); Trần Thị Bích (A02)" in page
    page = text_of(post_with_lock(client, plan_id, "submit"))
    assert "Đã gửi kế hoạch cho Ban Tổ chức duyệt." in page
    assert 'id="add-line"' not in page  # read-only once submitted
    assert client.post(f"/plans/{plan_id}/approve").status_code == 403  # a unit head never approves

    login(client, u.admin)
    assert "HA — Huyện An Hòa" in text_of(client.get("/plans/"))  # in the review queue
    page = text_of(
        client.post(f"/plans/{plan_id}/return", data={"return-comment": ""}, follow_redirects=True)
    )
    assert "Khi trả lại kế hoạch phải ghi rõ lý do để đơn vị sửa." in page
    page = text_of(
        client.post(
            f"/plans/{plan_id}/return", data={"return-comment": "Cử thêm người học"}, follow_redirects=True
        )
    )
    assert "Đã trả lại kế hoạch" in page and "Cử thêm người học" in page

    login(client, u.head_a)
    page = text_of(client.get(f"/plans/{plan_id}"))
    assert "Cử thêm người học" in page and "Lập kế hoạch bổ sung, điều chỉnh" in page
    client.post(f"/plans/{plan_id}/supplement", follow_redirects=True)
    v2 = queries.latest_version(world.ha.id, YEAR)
    assert v2.version == 2 and v2.status == "draft"
    name_people(client, v2.id, v2.lines[0].id, world.staff[:3])
    page = text_of(client.get(f"/plans/{v2.id}"))
    # nothing was in force before: everything counts as added, with the names
    assert "Thêm dòng" in page and "Lê Văn Cao (A03)" in page
    post_with_lock(client, v2.id, "submit")

    login(client, u.admin)
    page = text_of(
        client.post(f"/plans/{v2.id}/approve", data={"approve-comment": ""}, follow_redirects=True)
    )
    # Lê Văn Cao already has a master's degree: an error, so approving asks for a comment
    assert "Kế hoạch chưa được phê duyệt." in page
    page = text_of(
        client.post(
            f"/plans/{v2.id}/approve", data={"approve-comment": "Đồng ý, bỏ tên sau"}, follow_redirects=True
        )
    )
    assert "Đã phê duyệt kế hoạch." in page and "Đang có hiệu lực" in page
    history = text_of(client.get(f"/plans/{v2.id}/versions"))
    for words in (
        "Gửi duyệt",
        "Trả lại kế hoạch",
        "Cử thêm người học",
        "Lập kế hoạch bổ sung, điều chỉnh",
        "Phê duyệt kế hoạch",
        "Quản Trị Viên",
        "Trần Văn An",
    ):
        assert words in history


def test_a_supplement_shows_what_changed_against_the_version_in_force(client, db, world):
    login(client, world.users.head_a)
    plan_id = start(client, world)
    add_line(client, plan_id, world.master, 2)
    plan = db.session.get(Plan, plan_id)
    name_people(client, plan_id, plan.lines[0].id, world.staff[:2])
    post_with_lock(client, plan_id, "submit")
    login(client, world.users.admin)
    client.post(f"/plans/{plan_id}/approve", data={})
    login(client, world.users.head_a)
    client.post(f"/plans/{plan_id}/supplement")
    v2 = queries.latest_version(world.ha.id, YEAR)
    line = v2.lines[0]
    page = text_of(client.get(f"/plans/{v2.id}"))
    client.post(
        f"/plans/{v2.id}/lines/{line.id}",
        data={
            f"line{line.id}-programme_id": world.master.id,
            f"line{line.id}-category": "",
            f"line{line.id}-planned_count": 3,
            f"line{line.id}-lock_version": lock_version(page, f"line{line.id}"),
        },
    )
    name_people(client, v2.id, line.id, [world.staff[1]])
    add_line(client, v2.id, world.refresher, 4, "DIST_CIVIL")
    page = plain(text_of(client.get(f"/plans/{v2.id}")))
    assert "Thay đổi so với lần 1 (Đã phê duyệt)" in page
    assert "số người 2 → 3" in page
    assert "Bỏ tên: Nguyễn Văn An (A01)" in page
    assert "Thêm dòng Bồi dưỡng kiến thức" in page


def test_two_editors_of_one_draft_the_second_is_told_and_nothing_is_overwritten(app, db, world):
    first, second = app.test_client(), app.test_client()
    login(first, world.users.head_a)
    login(second, world.users.admin)
    plan_id = start(first, world)
    add_line(first, plan_id, world.master, 2)
    line_id = db.session.get(Plan, plan_id).lines[0].id
    # both open the page
    page_1 = text_of(first.get(f"/plans/{plan_id}"))
    page_2 = text_of(second.get(f"/plans/{plan_id}"))
    prefix = f"line{line_id}"

    def save(client, page, count):
        return client.post(
            f"/plans/{plan_id}/lines/{line_id}",
            data={
                f"{prefix}-programme_id": world.master.id,
                f"{prefix}-category": "",
                f"{prefix}-planned_count": count,
                f"{prefix}-lock_version": lock_version(page, prefix),
            },
            follow_redirects=True,
        )

    assert "Đã lưu dòng kế hoạch." in text_of(save(first, page_1, 3))
    answer = text_of(save(second, page_2, 7))
    assert any("vừa được người khác lưu" in m and "CHƯA được lưu" in m for m in flashes(answer))
    db.session.expire_all()
    assert db.session.get(Plan, plan_id).lines[0].planned_count == 3


@pytest.mark.parametrize(
    "who, status",
    [("admin", 200), ("head_a", 200), ("head_a1", 404), ("head_b", 404), ("centre_1", 403)],
)
def test_who_sees_a_units_plan(client, db, world, who, status):
    plan = ops.start_plan(world.ha, YEAR, world.users.admin)
    db.session.commit()
    login(client, getattr(world.users, who))
    assert client.get(f"/plans/{plan.id}").status_code == status
    assert client.get(f"/plans/{plan.id}/export.xlsx").status_code == status
    assert client.get(f"/plans/{plan.id}/versions").status_code == status


def test_a_unit_head_reads_a_sub_units_plan_but_cannot_change_it(client, db, world):
    plan = ops.start_plan(world.xa1, YEAR, world.users.admin)
    db.session.commit()
    login(client, world.users.head_a)
    assert client.get(f"/plans/{plan.id}").status_code == 200
    response = client.post(
        f"/plans/{plan.id}/lines",
        data={"programme_id": world.master.id, "planned_count": 1, "lock_version": 1},
    )
    assert response.status_code == 403
    assert client.post("/plans/start", data={"unit_id": world.xa1.id, "year": YEAR + 1}).status_code in (
        302,
        403,
    )
    assert queries.latest_version(world.xa1.id, YEAR + 1) is None
    assert client.get("/plans/").status_code == 200
    login(client, world.users.centre_1)
    assert client.get("/plans/").status_code == 403


def test_the_picker_says_who_is_eligible_and_why_not_before_choosing(client, db, world):
    login(client, world.users.head_a)
    plan_id = start(client, world)
    add_line(client, plan_id, world.master, 2)
    line_id = db.session.get(Plan, plan_id).lines[0].id
    page = text_of(client.get(f"/plans/{plan_id}/lines/{line_id}/people"))
    rows = {
        code: page.split(f'data-person="{code}"')[1].split("</tr>")[0]
        for code in ("A01", "A02", "A03", "A04")
    }
    assert "Đủ điều kiện" in rows["A01"] and "Không đủ" not in rows["A01"]
    assert "Đã đạt trình độ mà chương trình cấp" in rows["A03"]
    assert "Chưa đạt trình độ tiên quyết" in rows["A04"]
    assert 'data-person="B01"' not in page  # another unit's staff are not offered
    response = client.post(
        f"/plans/{plan_id}/lines/{line_id}/people",
        data={"person_id": [world.outsider.id], "lock_version": lock_version(page)},
        follow_redirects=True,
    )
    assert "Người này không phải cán bộ, công chức của đơn vị." in text_of(response)


def test_the_findings_panel_shows_the_engines_findings_for_the_plan_in_force(client, db, world):
    plan = ops.start_plan(world.ha, YEAR, world.users.head_a)
    line = ops.add_line(plan, ops.LineValues(world.master.id, None, 5), world.users.head_a, None)
    ops.set_named_people(plan, line.id, [world.staff[0].id, world.staff[2].id], world.users.head_a, None)
    ops.submit(plan, world.users.head_a)
    db.session.commit()
    engine = [(f.code, f.message()) for f in evaluate(YEAR, AS_OF, "HA")]
    assert {"OVER_POOL", "INELIGIBLE_NOMINEE"} <= {code for code, _ in engine}
    login(client, world.users.head_a)
    page = text_of(client.get(f"/plans/{plan.id}?as_of={AS_OF.isoformat()}"))
    assert findings_on_page(page) == engine
    assert "Cách khắc phục:" in page


def test_the_admin_approves_only_clean_plans_at_once(client, db, world):
    head_a, head_b = world.users.head_a, world.users.head_b
    clean = ops.start_plan(world.hb, YEAR, head_b)
    ops.add_line(clean, ops.LineValues(world.master.id, None, 1), head_b, None)
    ops.set_named_people(clean, clean.lines[0].id, [world.outsider.id], head_b, None)
    ops.submit(clean, head_b)
    dirty = ops.start_plan(world.ha, YEAR, head_a)
    ops.add_line(dirty, ops.LineValues(world.master.id, None, 9), head_a, None)
    ops.submit(dirty, head_a)
    db.session.commit()
    login(client, world.users.admin)
    queue = text_of(client.get(f"/plans/?year={YEAR}&as_of={AS_OF.isoformat()}"))
    assert f'name="plan_id" value="{clean.id}"' in queue
    assert f'name="plan_id" value="{dirty.id}"' not in queue  # an error keeps it out of the bulk action
    response = client.post(
        f"/plans/approve-clean?as_of={AS_OF.isoformat()}",
        data={"plan_id": [clean.id, dirty.id]},
        follow_redirects=True,
    )
    page = text_of(response)
    assert "Đã phê duyệt 1 kế hoạch." in page and "Kế hoạch còn lỗi" in page
    db.session.expire_all()
    assert (db.session.get(Plan, clean.id).status, db.session.get(Plan, dirty.id).status) == (
        "approved",
        "submitted",
    )


def test_the_admin_sees_units_without_a_plan_in_force_and_the_due_date(client, db, world):
    login(client, world.users.admin)
    page = text_of(client.get(f"/plans/?year={YEAR}"))
    missing = page.split('id="missing"')[1].split("</section>")[0]
    assert "HA — Huyện An Hòa" in missing and "HB — Huyện Bình Minh" in missing
    assert "XA1" not in missing  # no staff there
    assert "30/11/2013" in missing


def test_excel_download_and_a_refused_upload_naming_every_error(client, db, world):
    login(client, world.users.head_a)
    plan_id = start(client, world)
    add_line(client, plan_id, world.master, 2)
    response = client.get(f"/plans/{plan_id}/export.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    book["Dòng kế hoạch"]["D2"] = "hai"
    book["Người được cử"].append(["MASTER_ECON", "", "B01", ""])
    out = io.BytesIO()
    book.save(out)
    page = text_of(client.get(f"/plans/{plan_id}"))
    response = client.post(
        f"/plans/{plan_id}/upload",
        data={"workbook": (io.BytesIO(out.getvalue()), "ke-hoach.xlsx"), "lock_version": lock_version(page)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    page = text_of(response)
    assert "Tệp có 2 lỗi; không có gì được lưu." in page
    assert "Số người dự kiến phải là số nguyên từ 0 trở lên." in page
    assert "Cán bộ mã “B01” không thuộc đơn vị HA." in page
    assert "Phạm Văn Bình" not in page  # another unit's person: no name


def test_the_plan_page_in_english(client, db, world):
    plan = ops.start_plan(world.ha, YEAR, world.users.head_a)
    db.session.commit()
    login(client, world.users.head_a)
    client.get("/lang/en")
    page = text_of(client.get(f"/plans/{plan.id}"))
    assert "Does the plan fit reality?" in page and "Add a line" in page and "Submit for review" in page
    page = text_of(
        client.post(
            f"/plans/{plan.id}/submit", data={"lock_version": plan.lock_version}, follow_redirects=True
        )
    )
    assert "The plan has no lines yet, so it cannot be submitted." in page


def test_the_dashboard_tells_the_unit_head_and_the_admin_about_plans(client, db, world):

    year = clock.today().year + 1
    login(client, world.users.head_a)
    row = plain(text_of(client.get("/")).split(f'<tr data-year="{year}">')[1].split("</tr>")[0])
    assert "Chưa lập kế hoạch" in row
    plan = ops.start_plan(world.ha, year, world.users.head_a)
    ops.add_line(plan, ops.LineValues(world.master.id, None, 1), world.users.head_a, None)
    ops.submit(plan, world.users.head_a)
    ops.return_for_correction(plan, world.users.admin, "Thiếu danh sách nguồn")
    db.session.commit()
    row = plain(text_of(client.get("/")).split(f'<tr data-year="{year}">')[1].split("</tr>")[0])
    assert "Lần 1 : bị trả lại, cần sửa và trình lại" in row and "— Thiếu danh sách nguồn" in row
    login(client, world.users.admin)
    page = plain(text_of(client.get("/")))
    assert "Kế hoạch chờ duyệt 0" in page and f"Đơn vị chưa có kế hoạch năm {year}" in page


@pytest.mark.parametrize(
    "who, status",
    [("head_b", 404), ("head_a1", 404), ("centre_1", 403)],
)
def test_nobody_outside_the_unit_changes_its_plan(client, db, world, who, status):
    plan = ops.start_plan(world.ha, YEAR, world.users.head_a)
    line = ops.add_line(plan, ops.LineValues(world.master.id, None, 1), world.users.head_a, None)
    db.session.commit()
    login(client, getattr(world.users, who))
    lock = {"lock_version": plan.lock_version}
    for url, data in [
        (f"/plans/{plan.id}/lines", {"programme_id": world.master.id, "planned_count": 1, **lock}),
        (f"/plans/{plan.id}/lines/{line.id}", lock),
        (f"/plans/{plan.id}/lines/{line.id}/remove", lock),
        (f"/plans/{plan.id}/lines/{line.id}/people", {"person_id": [world.staff[0].id], **lock}),
        (f"/plans/{plan.id}/submit", lock),
        (f"/plans/{plan.id}/supplement", {}),
        (f"/plans/{plan.id}/upload", lock),
    ]:
        assert client.post(url, data=data).status_code == status, url
    assert client.get(f"/plans/{plan.id}/lines/{line.id}/people").status_code == status
    db.session.expire_all()
    plan = db.session.get(Plan, plan.id)
    assert (plan.status, len(plan.lines), plan.lines[0].nominees) == ("draft", 1, [])


def test_every_status_change_is_in_the_audit_log(client, db, world):
    from sqlalchemy import select

    from nq05.audit.models import AuditEntry

    login(client, world.users.head_a)
    plan_id = start(client, world)
    add_line(client, plan_id, world.master, 1)
    post_with_lock(client, plan_id, "submit")
    login(client, world.users.admin)
    client.post(f"/plans/{plan_id}/return", data={"return-comment": "Sửa lại"})
    rows = db.session.execute(
        select(AuditEntry.action, AuditEntry.user_email, AuditEntry.unit_id, AuditEntry.details).order_by(
            AuditEntry.id
        )
    ).all()
    actions = [r.action for r in rows if r.action.startswith("plan.")]
    assert actions == ["plan.created", "plan.line_add", "plan.submitted", "plan.returned"]
    returned = next(r for r in rows if r.action == "plan.returned")
    assert returned.user_email == world.users.admin.email and returned.unit_id == world.ha.id
    assert returned.details["from"] == "submitted" and returned.details["comment"] == "Sửa lại"


def test_a_first_plan_from_a_filled_blank_template(client, db, world):
    login(client, world.users.head_a)
    response = client.get(f"/plans/template.xlsx?unit_id={world.ha.id}&year={YEAR}")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert [c.value for c in book["Thông tin"]["B"]][:3] == ["HA", "Huyện An Hòa", YEAR]
    book["Dòng kế hoạch"].append(["MASTER_ECON", "", "", 2])
    book["Người được cử"].append(["MASTER_ECON", "", "A01", ""])
    out = io.BytesIO()
    book.save(out)

    def upload(data):
        return client.post(
            "/plans/start",
            data={"unit_id": world.ha.id, "year": YEAR, "workbook": (io.BytesIO(data), "mau.xlsx")},
            content_type="multipart/form-data",
            follow_redirects=True,
        )

    page = text_of(upload(out.getvalue()))
    plan = queries.latest_version(world.ha.id, YEAR)
    assert (plan.version, plan.status) == (1, "draft")
    assert queries.plan_content(plan) == {("MASTER_ECON", None): queries.LineContent(2, frozenset({"A01"}))}
    assert "Nguyễn Văn An (A01)" in page
    # a year that has a plan takes uploads on the plan's page
    assert "Đơn vị đã có kế hoạch cho năm này." in text_of(upload(out.getvalue()))
    # another unit's template is not handed out
    assert client.get(f"/plans/template.xlsx?unit_id={world.hb.id}&year={YEAR}").status_code == 404


def test_an_upload_onto_an_older_version_is_refused(client, db, world):
    head = world.users.head_a
    plan = ops.start_plan(world.ha, YEAR, head)
    ops.add_line(plan, ops.LineValues(world.master.id, None, 1), head, None)
    ops.submit(plan, head)
    ops.approve(plan, world.users.admin)
    draft = ops.start_next_version(plan, head)
    ops.change_line(draft, draft.lines[0].id, ops.LineValues(world.master.id, None, 2), head, None)
    db.session.commit()
    login(client, head)
    from nq05.plans.spreadsheet import export_plan

    assert 'id="workbook"' not in text_of(client.get(f"/plans/{plan.id}"))
    response = client.post(
        f"/plans/{plan.id}/upload",
        data={"workbook": (io.BytesIO(export_plan(plan)), "v1.xlsx")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "Chỉ lập kế hoạch bổ sung, điều chỉnh từ lần mới nhất của kế hoạch." in text_of(response)
    db.session.expire_all()
    assert [ln.planned_count for ln in db.session.get(Plan, draft.id).lines] == [2]
