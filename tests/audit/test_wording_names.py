"""The audit log names what the reference desk, the demo clock and a result correction record:
no setting key, ratio, result or grade code reaches the page."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from nq05.audit import wording

ROOT = Path(__file__).resolve().parents[2]


def _describe(action: str, details: dict) -> list[tuple[str, str]]:
    entry = SimpleNamespace(action=action, details=details)
    return wording.describe(entry, wording.Names())


def test_a_setting_change_reads_as_the_settings_page_names_it(app):
    with app.test_request_context():
        assert wording.action_label("setting.update") == "Sửa thông số của tỉnh"
        assert wording.type_label("settings") == "Thông số của tỉnh"
        assert _describe("setting.update", {"key": "low_execution_threshold", "value": ["0.5", "0.4"]}) == [
            ("Thông số", "Ngưỡng tỷ lệ thực hiện thấp (%)"),
            ("Giá trị", "50% → 40%"),
        ]
        assert _describe("setting.update", {"key": "plan_due_month_day", "value": ["11-30", "12-15"]}) == [
            ("Thông số", "Hạn gửi kế hoạch năm sau (ngày/tháng)"),
            ("Giá trị", "30/11 → 15/12"),
        ]


def test_a_result_correction_names_the_result_and_the_grade(app):
    with app.test_request_context():
        described = _describe(
            "enrolment.corrected",
            {
                "result": ["failed", "completed"],
                "grade": [None, "good"],
                "certificate_on": [None, "2016-05-02"],
            },
        )
    assert described == [
        ("Kết quả", "Không đạt → Hoàn thành"),
        ("Xếp loại", "— → Giỏi"),
        ("Ngày cấp chứng chỉ, văn bằng", "— → 02/05/2016"),
    ]


def test_every_action_the_code_records_has_a_name():
    """Each literal action passed to ``record`` (or a feature's wrapper) is in ACTION_LABELS."""
    found = set()
    for path in (ROOT / "nq05").rglob("*.py"):
        found.update(re.findall(r"record\(\s*\"([a-z_]+\.[a-z_]+)\"", path.read_text(encoding="utf-8")))
    plan_events = {f"plan.{a}" for a in ("created", "copied", "uploaded", "supplemented", "submitted")}
    plan_events |= {f"plan.{a}" for a in ("approved", "returned", "forwarded", "district_review")}
    deletions = {f"{kind}.delete" for kind in ("position", "programme", "centre", "period")}
    missing = sorted((found | plan_events | deletions) - set(wording.ACTION_LABELS))
    assert len(found) >= 10
    assert not missing, missing


def test_the_district_review_setting_reads_as_the_admin_chose_it(app):
    with app.test_request_context():
        described = _describe(
            "plan.district_review", {"from": "default", "to": "off", "on": False, "sent_on": 3}
        )
    assert described == [
        ("Trạng thái trước", "Theo mặc định: bật khi các huyện có thủ trưởng"),
        ("Trạng thái sau", "Tắt: xã trình thẳng Ban Tổ chức"),
        ("Cấp huyện xét trước", "không"),
        ("Số kế hoạch chuyển lên", "3"),
    ]
