"""The review loop cannot be rushed: a plan with errors is approved only with a comment, the
change list compares with the version a resubmission answers, the unit head's dashboard."""

from __future__ import annotations

from datetime import date

import pytest

from nq05 import clock
from nq05.audit.models import AuditEntry
from nq05.plans import operations as ops
from nq05.plans import queries
from nq05.plans.models import Plan
from tests.plans.pages import AS_OF, YEAR, flashes, make_world, plain, text_of
from tests.web.fixtures import users  # noqa: F401  (the fixture)
from tests.web.helpers import login


@pytest.fixture()
def world(db, users):  # noqa: F811
    return make_world(db, users)


def submitted(world, unit, head, planned=9, named=()):
    """A submitted plan: 9 people planned on the master's programme with nobody able to go is an error."""
    plan = ops.start_plan(unit, YEAR, head)
    line = ops.add_line(plan, ops.LineValues(world.master.id, None, planned), head, None)
    if named:
        ops.set_named_people(plan, line.id, [p.id for p in named], head, None)
    ops.submit(plan, head)
    return plan


def test_approving_a_plan_with_errors_without_a_comment_is_refused_and_changes_nothing(client, db, world):
    plan = submitted(world, world.ha, world.users.head_a)
    db.session.commit()
    lock = plan.lock_version
    login(client, world.users.admin)
    page = text_of(client.get(f"/plans/{plan.id}?as_of={AS_OF.isoformat()}"))
    assert 'id="approve-errors"' in page and "Ý kiến khi phê duyệt (bắt buộc vì kế hoạch còn lỗi)" in page
    assert 'data-confirm="Kế hoạch còn ' in page  # the browser asks once more before approving
    response = client.post(
        f"/plans/{plan.id}/approve?as_of={AS_OF.isoformat()}",
        data={"approve-comment": "   "},
        follow_redirects=True,
    )
    assert (
        "Kế hoạch còn lỗi: muốn phê duyệt phải ghi ý kiến nêu lý do phê duyệt dù còn lỗi. "
        "Kế hoạch chưa được phê duyệt."
    ) in flashes(text_of(response))
    db.session.expire_all()
    again = db.session.get(Plan, plan.id)
    assert (again.status, again.decided_on, again.lock_version) == ("submitted", None, lock)
    assert [e.action for e in again.events] == ["created", "submitted"]
    assert db.session.query(AuditEntry).filter(AuditEntry.action == "plan.approved").count() == 0


def test_a_plan_with_errors_is_approved_with_a_comment_kept_with_the_decision_and_in_its_history(
    client, db, world
):
    plan = submitted(world, world.ha, world.users.head_a)
    db.session.commit()
    login(client, world.users.admin)
    reason = "Đơn vị cam kết tuyển thêm người đủ điều kiện trong quý I."
    page = text_of(
        client.post(
            f"/plans/{plan.id}/approve?as_of={AS_OF.isoformat()}",
            data={"approve-comment": reason},
            follow_redirects=True,
        )
    )
    assert "Đã phê duyệt kế hoạch." in flashes(page)
    db.session.expire_all()
    plan = db.session.get(Plan, plan.id)
    assert (plan.status, plan.review_comment) == ("approved", reason)
    decision = plan.events[-1]
    assert (decision.action, decision.comment, decision.actor_name) == ("approved", reason, "Quản Trị Viên")
    assert decision.errors >= 1
    audit = db.session.query(AuditEntry).filter(AuditEntry.action == "plan.approved").one()
    assert audit.details["comment"] == reason and audit.details["errors"] == decision.errors

    login(client, world.users.head_a)  # the unit reads it in the history
    history = plain(text_of(client.get(f"/plans/{plan.id}/versions")))
    assert f"Phê duyệt kế hoạch Quản Trị Viên {reason} phê duyệt khi còn {decision.errors} lỗi" in history


def test_a_clean_plan_is_approved_without_a_comment(client, db, world):
    plan = submitted(world, world.hb, world.users.head_b, planned=1, named=[world.outsider])
    db.session.commit()
    login(client, world.users.admin)
    page = text_of(client.get(f"/plans/{plan.id}?as_of={AS_OF.isoformat()}"))
    assert 'id="approve-errors"' not in page and "Ý kiến (không bắt buộc)" in page
    client.post(f"/plans/{plan.id}/approve?as_of={AS_OF.isoformat()}", data={"approve-comment": ""})
    db.session.expire_all()
    plan = db.session.get(Plan, plan.id)
    assert (plan.status, plan.review_comment, plan.events[-1].errors) == ("approved", None, 0)


def test_the_operation_refuses_too_so_no_other_path_rushes_a_plan(db, world):
    plan = submitted(world, world.ha, world.users.head_a)
    with pytest.raises(ops.PlanRefused) as refused:
        ops.approve(plan, world.users.admin, None, as_of=AS_OF)
    assert refused.value.code == "errors_need_comment" and plan.status == "submitted"
    ops.approve(plan, world.users.admin, "Duyệt có điều kiện", as_of=AS_OF)
    assert plan.status == "approved"


def test_bulk_approval_leaves_a_plan_with_errors_alone_and_says_which_and_why(client, db, world):
    clean = submitted(world, world.hb, world.users.head_b, planned=1, named=[world.outsider])
    dirty = submitted(world, world.ha, world.users.head_a)
    db.session.commit()
    login(client, world.users.admin)
    response = client.post(
        f"/plans/approve-clean?as_of={AS_OF.isoformat()}",
        data={"plan_id": [clean.id, dirty.id], "year": YEAR},
        follow_redirects=True,
    )
    said = flashes(text_of(response))
    assert "Đã phê duyệt 1 kế hoạch." in said
    assert (
        f"Không phê duyệt kế hoạch năm {YEAR} của Huyện An Hòa: Kế hoạch còn lỗi nên không phê duyệt "
        "hàng loạt được; hãy mở và xem xét riêng."
    ) in said
    db.session.expire_all()
    assert db.session.get(Plan, dirty.id).status == "submitted"
    assert [e.action for e in db.session.get(Plan, dirty.id).events] == ["created", "submitted"]
    assert db.session.get(Plan, clean.id).status == "approved"


def changes_section(page_html: str) -> str:
    return plain(page_html.split('id="changes"')[1].split("</section>")[0])


def test_a_resubmission_is_compared_with_the_returned_version_it_answers(client, db, world):
    head, admin = world.users.head_a, world.users.admin
    an, bich, cao = world.staff[:3]
    v1 = ops.start_plan(world.ha, YEAR, head)
    master = ops.add_line(v1, ops.LineValues(world.master.id, None, 3), head, None)
    ops.set_named_people(v1, master.id, [an.id, bich.id], head, None)
    ops.add_line(v1, ops.LineValues(world.refresher.id, None, 2), head, None)
    ops.submit(v1, head)
    ops.return_for_correction(v1, admin, "Bỏ lớp bồi dưỡng chung, cử người có trình độ phù hợp.")
    v2 = ops.start_next_version(v1, head)
    by_programme = {line.programme_id: line for line in v2.lines}
    ops.change_line(
        v2, by_programme[world.master.id].id, ops.LineValues(world.master.id, None, 2), head, None
    )
    ops.set_named_people(v2, by_programme[world.master.id].id, [an.id, cao.id], head, None)
    ops.remove_line(v2, by_programme[world.refresher.id].id, head, None)
    ops.add_line(v2, ops.LineValues(world.refresher.id, "DIST_CIVIL", 1), head, None)
    ops.submit(v2, head)
    db.session.commit()

    base, diff = queries.diff_against_answered(v2)
    assert base.id == v1.id
    assert [(c.key, c.kind) for c in diff.changes] == [
        (("MASTER_ECON", None), "changed"),
        (("REFRESH", None), "removed"),
        (("REFRESH", "DIST_CIVIL"), "added"),
    ]

    login(client, admin)
    changes = changes_section(text_of(client.get(f"/plans/{v2.id}?as_of={AS_OF.isoformat()}")))
    assert "Thay đổi so với lần 1 (Trả lại)" in changes
    assert "Lần 1 bị trả lại với ý kiến: Bỏ lớp bồi dưỡng chung, cử người có trình độ phù hợp." in changes
    assert "Sửa dòng Thạc sĩ kinh tế: số người 3 → 2" in changes
    assert "Cử thêm: Lê Văn Cao (A03)" in changes and "Bỏ tên: Trần Thị Bích (A02)" in changes
    assert "Bỏ dòng Bồi dưỡng kiến thức (2 người)" in changes
    assert "Thêm dòng Bồi dưỡng kiến thức · " in changes and ": 1 người" in changes
    assert "Nguyễn Văn An" not in changes  # named on both versions: not a change
    assert "chưa có" not in changes.lower()


def test_a_first_version_lists_its_lines_as_added(client, db, world):
    plan = submitted(world, world.ha, world.users.head_a, planned=2, named=world.staff[:1])
    db.session.commit()
    login(client, world.users.head_a)
    changes = changes_section(text_of(client.get(f"/plans/{plan.id}")))
    assert "Nội dung lần đầu (chưa có lần nào trước)" in changes
    assert "Thêm dòng Thạc sĩ kinh tế: 2 người Cử thêm: Nguyễn Văn An (A01)" in changes


def dashboard_row(client, year: int) -> str:
    page = text_of(client.get("/"))
    assert f'<tr data-year="{year}">' in page, f"no row for {year} on the dashboard"
    return plain(page.split(f'<tr data-year="{year}">')[1].split("</tr>")[0]).replace(" :", ":")


def test_the_unit_heads_dashboard_shows_each_years_state_and_the_last_decision(client, db, world):
    head, admin = world.users.head_a, world.users.admin
    today = clock.today()
    this_year, next_year = today.year, today.year + 1
    # this year: approved with a comment, then a supplement submitted and waiting
    v1 = ops.start_plan(world.ha, this_year, head)
    ops.add_line(v1, ops.LineValues(world.refresher.id, None, 1), head, None)
    ops.submit(v1, head, today=date(this_year - 1, 11, 2))
    ops.approve(v1, admin, "Đồng ý, bổ sung nguồn trong năm", today=date(this_year - 1, 11, 20))
    v2 = ops.start_next_version(v1, head)
    ops.submit(v2, head, today=date(this_year, 1, 5))
    # next year: submitted, not yet approved
    nxt = ops.start_plan(world.ha, next_year, head)
    ops.add_line(nxt, ops.LineValues(world.refresher.id, None, 1), head, None)
    ops.submit(nxt, head, today=today)
    db.session.commit()

    login(client, head)
    row = dashboard_row(client, next_year)
    assert f"Lần 1: đã trình ngày {today:%d/%m/%Y}, chờ phê duyệt" in row
    assert "Đang có hiệu lực" not in row  # submitted is not in force
    assert "Chưa có" in row  # no decision yet

    row = dashboard_row(client, this_year)
    assert "Đang có hiệu lực lần 1" in row
    assert f"Lần 2: đã trình ngày 05/01/{this_year}, chờ phê duyệt" in row
    assert f"Đã phê duyệt ngày 20/11/{this_year - 1} — Đồng ý, bổ sung nguồn trong năm" in row

    ops.return_for_correction(db.session.get(Plan, v2.id), admin, "Thiếu người học", today=today)
    db.session.commit()
    row = dashboard_row(client, this_year)
    assert "Đang có hiệu lực lần 1" in row and "Lần 2: bị trả lại, cần sửa và trình lại" in row
    assert f"Trả lại ngày {today:%d/%m/%Y} — Thiếu người học" in row

    login(client, world.users.head_b)  # another unit's head sees only their own unit
    row = dashboard_row(client, next_year)
    assert "Chưa lập kế hoạch" in row and "Thiếu người học" not in text_of(client.get("/"))


def test_in_force_is_said_only_once_approved(client, db, world):
    plan = submitted(world, world.hb, world.users.head_b, planned=1, named=[world.outsider])
    db.session.commit()
    login(client, world.users.head_b)
    page = text_of(client.get(f"/plans/{plan.id}"))
    status = plain(page.split('id="plan-status"')[1].split("</dd>")[0])
    assert "Đã trình, chờ phê duyệt" in status and "Đang có hiệu lực" not in status
    assert "Đang có hiệu lực" not in plain(text_of(client.get(f"/plans/{plan.id}/versions")))
    listing = plain(text_of(client.get("/plans/")))
    assert "Chưa có (chưa được phê duyệt)" in listing

    ops.approve(plan, world.users.admin, None, as_of=AS_OF)
    db.session.commit()
    page = text_of(client.get(f"/plans/{plan.id}"))
    status = plain(page.split('id="plan-status"')[1].split("</dd>")[0])
    assert "Đã phê duyệt" in status and "Đang có hiệu lực" in status
