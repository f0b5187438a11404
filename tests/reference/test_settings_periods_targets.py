"""The Organisation Board's desk: the province's settings, periods and their targets — the
import's rules, an audit entry per change, the recompute of what the change touches, admin only."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from nq05.audit.models import AuditEntry
from nq05.notify.models import ALL_UNITS, RecomputeRequest
from nq05.reference.models import Period, Setting, Target
from nq05.reference.settings import load_settings
from tests import factories as f
from tests.web.helpers import login


def page_text(response) -> str:
    return response.get_data(as_text=True)


def outbox(db) -> set[str]:
    return set(db.session.scalars(select(RecomputeRequest.unit_code)))


def actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


SETTINGS = {
    "retirement_age_male": "62",
    "retirement_age_female": "60",
    "plan_due_month_day": "15/10",
    "low_execution_threshold": "40",
    "source_window_days": "60",
    "stale_grace_days": "30",
    # the notices' signature, as the page shows it by default (tests/reference/test_notice_settings.py)
    "notice_sender": "Sở Nội vụ",
    "notice_contact_name": "Phòng Công chức, viên chức",
    "notice_contact_phone": "",
    "notice_contact_email": "",
    "notice_resubmit_days": "15",
}


def test_admin_changes_the_settings_as_read_on_the_page(client, db, users):
    login(client, users.admin)
    page = page_text(client.get("/admin/settings"))
    # the defaults, the way the page reads them: the deadline as day/month, the threshold in %
    assert 'value="30/11"' in page and 'value="50"' in page and 'value="60"' in page
    db.session.execute(RecomputeRequest.__table__.delete())
    db.session.commit()
    response = client.post("/admin/settings", data=SETTINGS)
    assert response.status_code == 302
    settings = load_settings()
    assert (settings.retirement_age_male, settings.retirement_age_female) == (62, 60)
    assert settings.plan_due_month_day == (10, 15) and settings.low_execution_threshold == 0.4
    # one audit entry per changed setting; nothing for the unchanged ones
    assert actions(db) == ["setting.update"] * 4
    assert outbox(db) == {ALL_UNITS}
    # saving the same values again changes nothing
    client.post("/admin/settings", data=SETTINGS)
    assert len(actions(db)) == 4


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        ("retirement_age_male", "95", "Cần một số nguyên từ 40 đến 80."),
        ("plan_due_month_day", "31/02", "Cần một ngày trong năm dạng ngày/tháng, ví dụ 30/11."),
        ("plan_due_month_day", "11-30", "Cần một ngày trong năm dạng ngày/tháng, ví dụ 30/11."),
        ("low_execution_threshold", "120", "Cần một tỷ lệ từ 0 đến 100%."),
        ("stale_grace_days", "ba mươi", "Cần một số nguyên từ 0 đến 3650."),
    ],
)
def test_a_bad_setting_is_refused_and_nothing_is_saved(client, db, users, key, typed, message):
    login(client, users.admin)
    page = page_text(client.post("/admin/settings", data={**SETTINGS, key: typed}))
    assert message in page
    assert db.session.scalars(select(Setting)).all() == []
    assert actions(db) == []


def test_admin_adds_a_period_and_its_targets(client, db, users):
    login(client, users.admin)
    response = client.post(
        "/admin/periods/new", data={"code": "2016-2020", "start_date": "2016-01-01", "end_date": "2020-12-31"}
    )
    assert response.status_code == 302
    period = db.session.scalars(select(Period)).one()
    db.session.execute(RecomputeRequest.__table__.delete())
    db.session.commit()
    data = {"kind": "count", "level": "pro:master", "category": "", "unit_id": "", "value": "200"}
    assert client.post(f"/admin/periods/{period.id}/targets/new", data=data).status_code == 302
    assert outbox(db) == {ALL_UNITS}  # a province-wide target: every unit's figures
    share = {
        "kind": "share",
        "level": "edu:upper_secondary",
        "category": "COMM_CIVIL",
        "unit_id": "",
        "value": "87,5",
    }
    assert client.post(f"/admin/periods/{period.id}/targets/new", data=share).status_code == 302
    targets = db.session.scalars(select(Target).order_by(Target.id)).all()
    assert [(t.kind, t.track, t.level, t.category, t.value) for t in targets] == [
        ("count", "pro", "master", None, 200.0),
        ("share", "edu", "upper_secondary", "COMM_CIVIL", 87.5),
    ]
    page = page_text(client.get(f"/admin/periods/{period.id}"))
    assert "Thạc sĩ" in page and "87,5%" in page and "Công chức cấp xã" in page
    assert actions(db) == ["period.create", "target.create", "target.create"]
    # the same target twice is refused on the page, and nothing is added
    page = page_text(client.post(f"/admin/periods/{period.id}/targets/new", data=data))
    assert "Giai đoạn đã có chỉ tiêu này" in page
    assert db.session.query(Target).count() == 2


def test_a_unit_quota_recomputes_only_that_unit(client, db, users):
    period = f.period()
    db.session.commit()
    db.session.execute(RecomputeRequest.__table__.delete())
    db.session.commit()
    login(client, users.admin)
    data = {
        "kind": "count",
        "level": "pol:intermediate",
        "category": "",
        "unit_id": users.units["HA"].id,
        "value": "12",
    }
    assert client.post(f"/admin/periods/{period.id}/targets/new", data=data).status_code == 302
    assert outbox(db) == {"HA"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "share", "value": "120"}, "Chỉ tiêu tỷ lệ là phần trăm: từ 0 đến 100."),
        ({"value": "-3"}, "Giá trị không được âm."),
        ({"value": "1.234"}, "Cần nhập một số (phần thập phân sau dấu phẩy, ví dụ 13,5)."),
        ({"value": "2000000000"}, "Giá trị phải từ 0 đến 1.000.000.000."),
        ({"level": "pro:giao_su"}, "Trình độ không hợp lệ."),
    ],
)
def test_a_bad_target_is_refused_with_its_reason(client, db, users, change, message):
    period = f.period()
    db.session.commit()
    login(client, users.admin)
    data = {"kind": "count", "level": "pro:master", "category": "", "unit_id": "", "value": "10", **change}
    response = client.post(f"/admin/periods/{period.id}/targets/new", data=data)
    assert response.status_code == 200
    assert message in page_text(response)
    assert db.session.query(Target).count() == 0


def test_periods_may_not_overlap_nor_end_before_they_start(client, db, users):
    f.period("2011-2015", "2011-01-01", "2015-12-31")
    db.session.commit()
    login(client, users.admin)
    page = page_text(
        client.post(
            "/admin/periods/new", data={"code": "X", "start_date": "2015-06-01", "end_date": "2020-12-31"}
        )
    )
    assert "Trùng thời gian với giai đoạn 2011-2015 (01/01/2011 – 31/12/2015)." in page
    page = page_text(
        client.post(
            "/admin/periods/new", data={"code": "Y", "start_date": "2020-01-01", "end_date": "2016-01-01"}
        )
    )
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi." in page
    assert db.session.query(Period).count() == 1


def test_a_period_with_targets_is_kept_an_empty_one_deleted(client, db, users):
    used = f.period("2011-2015", "2011-01-01", "2015-12-31")
    f.target(used, "pro", "master", 10)
    empty = f.period("2016-2020", "2016-01-01", "2020-12-31")
    db.session.commit()
    used_id, empty_id = used.id, empty.id
    login(client, users.admin)
    response = client.post(f"/admin/periods/{used_id}/delete", follow_redirects=True)
    assert "Giai đoạn 2011-2015 đã có 1 chỉ tiêu" in page_text(response)
    assert client.post(f"/admin/periods/{empty_id}/delete").status_code == 302
    assert [p.code for p in db.session.scalars(select(Period))] == ["2011-2015"]
    target = db.session.scalars(select(Target)).one()
    assert client.post(f"/admin/targets/{target.id}/delete").status_code == 302
    assert db.session.query(Target).count() == 0
    assert actions(db) == ["period.delete", "target.delete"]


def test_editing_a_target_keeps_the_form_values_and_audits_the_change(client, db, users):
    period = f.period()
    target = f.target(period, "pro", "master", 10)
    db.session.commit()
    login(client, users.admin)
    page = page_text(client.get(f"/admin/targets/{target.id}"))
    assert 'value="10"' in page and re.search(r'<option[^>]*selected[^>]*value="pro:master"', page)
    data = {"kind": "count", "level": "pro:master", "category": "", "unit_id": "", "value": "12,5"}
    assert client.post(f"/admin/targets/{target.id}", data=data).status_code == 302
    db.session.refresh(target)
    assert target.value == 12.5
    entry = db.session.scalars(select(AuditEntry)).one()
    assert entry.action == "target.update" and entry.details == {"value": [10.0, 12.5]}
    assert entry.object_label == "Số người · Chuyên môn: Thạc sĩ · 2011-2015"


@pytest.mark.parametrize("who", ["head_a", "centre_1"])
def test_the_desk_is_the_admins(client, db, users, who):
    period = f.period()
    target = f.target(period, "pro", "master", 10)
    db.session.commit()
    login(client, getattr(users, who))
    for path in (
        "/admin/settings",
        "/admin/periods",
        f"/admin/periods/{period.id}",
        f"/admin/periods/{period.id}/quotas",
        f"/admin/targets/{target.id}",
    ):
        assert client.get(path).status_code == 403, path
    assert client.post("/admin/settings", data=SETTINGS).status_code == 403
    assert client.post(f"/admin/targets/{target.id}/delete").status_code == 403
    assert db.session.query(Target).count() == 1 and db.session.query(Setting).count() == 0
