"""The audit log as the Board reads it: Vietnamese action names, field labels, names instead of
codes and ids, "—" for an empty value."""

from __future__ import annotations

from nq05.plans import operations as ops
from tests.plans.pages import make_world
from tests.progress.web.pages import text_of, visible_text
from tests.web.fixtures import users  # noqa: F401  (the fixture)
from tests.web.helpers import login


def test_a_plans_history_reads_in_words(client, db, users):  # noqa: F811
    world = make_world(db, users)
    head, admin = users.head_a, users.admin
    plan = ops.start_plan(world.ha, 2031, head)
    line = ops.add_line(plan, ops.LineValues(world.master.id, "DIST_CIVIL", 2), head, None)
    ops.set_named_people(plan, line.id, [world.staff[0].id, world.staff[1].id], head, None)
    ops.submit(plan, head)
    ops.approve(plan, admin, None)
    db.session.commit()
    login(client, admin)
    page = visible_text(text_of(client.get("/admin/audit?object_type=plans")))
    for words in (
        "Lập kế hoạch",
        "Thêm dòng kế hoạch",
        "Chọn người được cử đi học",
        "Trình kế hoạch",
        "Phê duyệt kế hoạch",
        "Chương trình: Thạc sĩ kinh tế",
        "Đối tượng: Công chức cơ quan Đảng, chính quyền, MTTQ và các đoàn thể cấp huyện",
        "Người được cử: Nguyễn Văn An, Trần Thị Bích",
        "Trạng thái trước: Đã trình, chờ phê duyệt",
        "Ý kiến: —",
    ):
        assert words in page, words
    for code in ("plan.approved", "submitted", "programme_id", "DIST_CIVIL", "None", "comment"):
        assert code not in page, code
    assert f"{world.staff[0].id} → {world.staff[1].id}" not in page


def test_a_change_shows_old_and_new_values_by_name(client, db, users):  # noqa: F811
    from tests.staff.conftest import make_staff

    staff = make_staff(db, users)
    login(client, users.head_a)
    client.post(f"/staff/{staff.binh.id}/qualifications/new", data={"qualification": "pol:intermediate"})
    login(client, users.admin)
    page = visible_text(text_of(client.get("/admin/audit?action=qualification.add")))
    assert "Thêm trình độ" in page and "Đỗ Thị Bình" in page
    assert "Loại trình độ: Lý luận chính trị" in page and "Trình độ: Trung cấp" in page
    assert "Ngày cấp: —" in page
    assert "intermediate" not in page and "qualification.add" not in page
