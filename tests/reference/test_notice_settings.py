"""The settings page: who signs the official notices and whom they give as contact (``notice_*``,
docs/dev/notify.md) — shown and edited with the shared field rules, audited, and, since no figure
depends on them, saved without a recompute (domain.md's settings still recompute everything).
Two-level review stays the plans page's setting: the settings page links to it."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import select

from nq05.audit.models import AuditEntry
from nq05.notify.models import ALL_UNITS, RecomputeRequest
from nq05.reference.models import Setting
from nq05.reference.settings import load_notice_settings, load_settings
from tests import factories as f
from tests.reference.test_settings_periods_targets import SETTINGS as CHANGED_SETTINGS
from tests.web.helpers import login

#: the page's form as it comes with the defaults (domain.md's and the notices')
SETTINGS = {
    **CHANGED_SETTINGS,
    "retirement_age_male": "60",
    "retirement_age_female": "55",
    "plan_due_month_day": "30/11",
    "low_execution_threshold": "50",
}
NOTICES = {
    "notice_sender": "Sở Nội vụ tỉnh Lai Châu",
    "notice_contact_name": "Đồng chí Lò Thị Mai, Phòng Công chức, viên chức",
    "notice_contact_phone": "+84 213 3876 543",
    "notice_contact_email": "ccvc.snv@laichau.gov.vn",
    "notice_resubmit_days": "10",
}


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def outbox(db) -> set[str]:
    db.session.expire_all()
    return set(db.session.scalars(select(RecomputeRequest.unit_code)))


def empty_outbox(db) -> None:
    db.session.execute(RecomputeRequest.__table__.delete())
    db.session.commit()


def audit(db) -> list[tuple[str, dict]]:
    return [(e.action, e.details) for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_the_page_shows_the_notices_signature_with_its_defaults(client, db, users):
    login(client, users.admin)
    page = page_text(client.get("/admin/settings"))
    assert "Thông báo gửi qua thư điện tử" in page
    for label in ("Cơ quan gửi thông báo", "Đầu mối liên hệ", "Điện thoại liên hệ", "Thư điện tử liên hệ"):
        assert label in page
    assert 'value="Sở Nội vụ"' in page and 'value="Phòng Công chức, viên chức"' in page
    assert 'name="notice_resubmit_days"' in page and 'value="15"' in page


def test_the_admin_changes_the_signature_audited_and_nothing_is_recomputed(client, db, users):
    login(client, users.admin)
    empty_outbox(db)
    response = client.post("/admin/settings", data={**SETTINGS, **NOTICES}, follow_redirects=True)
    assert "số liệu tiến độ không thay đổi" in page_text(response)
    notices = load_notice_settings()
    assert (notices.sender, notices.contact_name) == (
        NOTICES["notice_sender"],
        NOTICES["notice_contact_name"],
    )
    assert (notices.contact_phone, notices.contact_email) == ("+84 213 3876 543", "ccvc.snv@laichau.gov.vn")
    assert notices.resubmit_days == 10
    # one audit entry per changed key, with what it was before
    assert audit(db) == [
        ("setting.update", {"key": "notice_sender", "value": ["Sở Nội vụ", "Sở Nội vụ tỉnh Lai Châu"]}),
        (
            "setting.update",
            {
                "key": "notice_contact_name",
                "value": ["Phòng Công chức, viên chức", NOTICES["notice_contact_name"]],
            },
        ),
        ("setting.update", {"key": "notice_contact_phone", "value": ["", "+84 213 3876 543"]}),
        ("setting.update", {"key": "notice_contact_email", "value": ["", "ccvc.snv@laichau.gov.vn"]}),
        ("setting.update", {"key": "notice_resubmit_days", "value": ["15", "10"]}),
    ]
    # no figure depends on the signature: no unit is marked for a recompute
    assert outbox(db) == set()
    # the page shows what was saved
    page = page_text(client.get("/admin/settings"))
    assert 'value="+84 213 3876 543"' in page and 'value="10"' in page
    # a domain setting on the same page still recomputes every unit
    response = client.post(
        "/admin/settings", data={**SETTINGS, **NOTICES, "retirement_age_female": "58"}, follow_redirects=True
    )
    assert "Các số liệu tiến độ sẽ được tính lại" in page_text(response)
    assert outbox(db) == {ALL_UNITS}
    assert load_settings().retirement_age_female == 58


def test_emptying_the_contact_leaves_it_out(client, db, users):
    f.setting("notice_contact_phone", "0213 3876 543")
    db.session.commit()
    login(client, users.admin)
    page = page_text(client.get("/admin/settings"))
    assert 'value="0213 3876 543"' in page
    assert client.post("/admin/settings", data={**SETTINGS, "notice_contact_phone": "  "}).status_code == 302
    assert load_notice_settings().contact_phone == ""


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        ("notice_contact_email", "ccvc.snv@", "Thư điện tử không hợp lệ."),
        ("notice_contact_email", "ccvc snv@laichau.gov.vn", "Thư điện tử không hợp lệ."),
        ("notice_contact_phone", "0213-3876-543", "Số điện thoại chỉ gồm chữ số và dấu cách"),
        ("notice_contact_phone", "3876", "từ 6 đến 15 chữ số"),
        ("notice_contact_phone", "0213 +3876 543", "Số điện thoại chỉ gồm chữ số và dấu cách"),
        ("notice_resubmit_days", "0", "Giá trị phải từ 1 đến 365."),
        ("notice_resubmit_days", "400", "Giá trị phải từ 1 đến 365."),
        ("notice_resubmit_days", "mười", "số nguyên"),
        ("notice_resubmit_days", "", "Vui lòng nhập số ngày."),
        ("notice_sender", " ", "Vui lòng nhập tên cơ quan gửi thông báo."),
        ("notice_sender", "Sở Nội vụ\nKý tên", "Không được có ký tự điều khiển"),
        ("notice_contact_name", "A" * 256, "Tối đa 255 ký tự."),
    ],
)
def test_a_bad_notice_setting_is_refused_and_nothing_is_saved(client, db, users, key, typed, message):
    login(client, users.admin)
    response = client.post("/admin/settings", data={**SETTINGS, **NOTICES, key: typed})
    assert response.status_code == 200
    page = page_text(response)
    assert message in page
    # what was typed is kept on the page, the other fields too
    assert 'value="ccvc.snv@laichau.gov.vn"' in page or key == "notice_contact_email"
    assert db.session.scalars(select(Setting)).all() == []
    assert audit(db) == []


def test_only_a_domain_setting_marks_the_units_whatever_writes_it(db):
    """The dependency itself (nq05/progress/dependencies.py), for writers other than the page: a
    notice key changes no figure, a domain.md key changes every unit's."""
    empty_outbox(db)
    f.setting("notice_contact_email", "ccvc.snv@laichau.gov.vn")
    db.session.commit()
    assert outbox(db) == set()
    row = db.session.get(Setting, "notice_contact_email")
    row.value = "vanthu.snv@laichau.gov.vn"
    db.session.commit()
    assert outbox(db) == set()
    f.setting("stale_grace_days", "45")
    db.session.commit()
    assert outbox(db) == {ALL_UNITS}
    empty_outbox(db)
    db.session.delete(db.session.get(Setting, "stale_grace_days"))
    db.session.commit()
    assert outbox(db) == {ALL_UNITS}


def test_two_level_review_is_reached_from_the_settings_page(client, db, users):
    login(client, users.admin)
    page = page_text(client.get("/admin/settings"))
    assert "Xem xét hai cấp" in page
    assert 'href="/plans/#district-review"' in page
    # the link leads to the one control there is
    plans = page_text(client.get("/plans/"))
    assert 'id="district-review"' in plans and 'action="/plans/district-review"' in plans
