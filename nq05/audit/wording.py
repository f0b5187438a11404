"""The audit log in the office's words: what was done, to which kind of record, each detail with its
label and value, names instead of codes and ids, "—" for an empty value.

The entries keep what was recorded (codes, ids, ISO dates); only the page words them. Names of the
people, programmes, units, positions and centres an entry mentions are read once per page
(``Names.for_entries``), from the tables by name: the log outlives the records it talks about and
must not depend on the features that write to it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from nq05.extensions import db
from nq05.labels import label, level_label
from nq05.web.formatting import date_vn, number, percent

EMPTY = "—"

#: action code -> what a reader calls it
ACTION_LABELS = {
    "plan.created": _l("Lập kế hoạch"),
    "plan.copied": _l("Lập kế hoạch từ kế hoạch năm trước"),
    "plan.uploaded": _l("Tải lên kế hoạch từ tệp Excel"),
    "plan.supplemented": _l("Lập kế hoạch bổ sung, điều chỉnh"),
    "plan.submitted": _l("Trình kế hoạch"),
    "plan.approved": _l("Phê duyệt kế hoạch"),
    "plan.returned": _l("Trả lại kế hoạch"),
    "plan.line_add": _l("Thêm dòng kế hoạch"),
    "plan.line_change": _l("Sửa dòng kế hoạch"),
    "plan.line_remove": _l("Xóa dòng kế hoạch"),
    "plan.names": _l("Chọn người được cử đi học"),
    "plan.forwarded": _l("Chuyển kế hoạch lên Ban Tổ chức"),
    "plan.district_review": _l("Đổi cách xét kế hoạch của cấp xã"),
    "class.schedule": _l("Mở lớp"),
    "class.publish": _l("Thông báo chiêu sinh"),
    "class.update": _l("Sửa thông tin lớp"),
    "class.session_days": _l("Đặt lịch học"),
    "class.timetable": _l("Sửa thời khóa biểu"),
    "enrolment.nominated": _l("Cử đi học"),
    "enrolment.accepted": _l("Nhận vào lớp"),
    "enrolment.waitlisted": _l("Đưa vào danh sách chờ"),
    "enrolment.rejected": _l("Không nhận vào lớp"),
    "enrolment.withdrawn": _l("Rút tên khỏi lớp"),
    "enrolment.completed": _l("Xác nhận hoàn thành khóa học"),
    "enrolment.failed": _l("Xác nhận không đạt"),
    "enrolment.promoted": _l("Chuyển từ danh sách chờ vào lớp"),
    "enrolment.attendance": _l("Điểm danh"),
    "enrolment.corrected": _l("Sửa kết quả học tập"),
    "person.create": _l("Thêm cán bộ, công chức"),
    "person.update": _l("Sửa thông tin cán bộ, công chức"),
    "assignment.add": _l("Thêm quá trình công tác"),
    "assignment.update": _l("Sửa quá trình công tác"),
    "assignment.delete": _l("Xóa quá trình công tác"),
    "qualification.add": _l("Thêm trình độ"),
    "qualification.delete": _l("Xóa trình độ"),
    "qualification.confer": _l("Ghi nhận trình độ sau khóa học"),
    "qualification.move": _l("Sửa ngày cấp trình độ sau khóa học"),
    "qualification.withdraw": _l("Bỏ trình độ đã ghi nhận sau khóa học"),
    "unit.create": _l("Thêm đơn vị"),
    "unit.update": _l("Sửa đơn vị"),
    "position.create": _l("Thêm chức danh"),
    "position.update": _l("Sửa chức danh"),
    "position.delete": _l("Xóa chức danh"),
    "programme.create": _l("Thêm chương trình"),
    "programme.update": _l("Sửa chương trình"),
    "programme.delete": _l("Xóa chương trình"),
    "centre.create": _l("Thêm cơ sở đào tạo, bồi dưỡng"),
    "centre.update": _l("Sửa cơ sở đào tạo, bồi dưỡng"),
    "centre.delete": _l("Xóa cơ sở đào tạo, bồi dưỡng"),
    "setting.update": _l("Sửa thông số của tỉnh"),
    "period.create": _l("Thêm giai đoạn"),
    "period.update": _l("Sửa giai đoạn"),
    "period.delete": _l("Xóa giai đoạn"),
    "target.create": _l("Thêm chỉ tiêu"),
    "target.update": _l("Sửa chỉ tiêu"),
    "target.delete": _l("Xóa chỉ tiêu"),
    "indicator.create": _l("Thêm chỉ số báo cáo"),
    "indicator.update": _l("Sửa chỉ số báo cáo"),
    "indicator.delete": _l("Xóa chỉ số báo cáo"),
    "demo_date.update": _l("Chuyển ngày giả định của dữ liệu mẫu"),
    "user.create": _l("Tạo tài khoản"),
    "user.update": _l("Sửa tài khoản"),
    "user.set_password": _l("Đặt lại mật khẩu"),
    "user.change_password": _l("Đổi mật khẩu"),
    "user.sign_out_everywhere": _l("Đăng xuất khỏi mọi thiết bị"),
    "bundle.import": _l("Nhập dữ liệu"),
}

#: the kind of record (its table) -> its name
TYPE_LABELS = {
    "plans": _l("Kế hoạch"),
    "training_classes": _l("Lớp"),
    "classes": _l("Lớp"),
    "class_session_days": _l("Ngày học"),
    "settings": _l("Thông số của tỉnh"),
    "plan_settings": _l("Thông số của tỉnh"),
    "periods": _l("Giai đoạn"),
    "targets": _l("Chỉ tiêu"),
    "indicators": _l("Chỉ số báo cáo"),
    "demo_clock": _l("Ngày giả định của dữ liệu mẫu"),
    "enrolments": _l("Cử đi học"),
    "people": _l("Cán bộ, công chức"),
    "assignments": _l("Quá trình công tác"),
    "qualifications": _l("Trình độ"),
    "units": _l("Đơn vị"),
    "positions": _l("Chức danh"),
    "programmes": _l("Chương trình"),
    "centres": _l("Cơ sở đào tạo, bồi dưỡng"),
    "users": _l("Tài khoản"),
    "bundleimport": _l("Dữ liệu nhập"),
}

#: a detail's key -> its label
FIELD_LABELS = {
    "year": _l("Năm"),
    "version": _l("Lần"),
    "from": _l("Trạng thái trước"),
    "to": _l("Trạng thái sau"),
    "comment": _l("Ý kiến"),
    "programme_id": _l("Chương trình"),
    "category": _l("Đối tượng"),
    "planned": _l("Số người dự kiến"),
    "named": _l("Người được cử"),
    "class": _l("Lớp"),
    "capacity": _l("Số chỗ"),
    "changes": _l("Thay đổi"),
    "days": _l("Ngày học"),
    "person": _l("Cán bộ, công chức"),
    "person_name": _l("Họ và tên"),
    "reason": _l("Lý do"),
    "track": _l("Loại trình độ"),
    "level": _l("Trình độ"),
    "awarded_on": _l("Ngày cấp"),
    "enrolment": _l("Lượt cử đi học"),
    "day": _l("Ngày"),
    "present": _l("Có mặt"),
    "note": _l("Ghi chú"),
    "code": _l("Mã"),
    "full_name": _l("Họ và tên"),
    "name": _l("Tên"),
    "gender": _l("Giới tính"),
    "birth_date": _l("Ngày sinh"),
    "ethnicity": _l("Dân tộc"),
    "email": _l("Thư điện tử"),
    "planned_position_id": _l("Chức danh quy hoạch"),
    "unit_id": _l("Đơn vị"),
    "position_id": _l("Chức danh"),
    "centre_id": _l("Cơ sở đào tạo, bồi dưỡng"),
    "start_date": _l("Từ ngày"),
    "end_date": _l("Đến ngày"),
    "role": _l("Vai trò"),
    "active": _l("Đang hoạt động"),
    "password": _l("Mật khẩu"),
    "kind": _l("Loại chương trình"),
    "duration_months": _l("Thời gian học (tháng)"),
    "max_age": _l("Tuổi tối đa"),
    "min_service_years": _l("Số năm công tác tối thiểu"),
    "min_edu": _l("Tối thiểu: giáo dục phổ thông"),
    "min_pro": _l("Tối thiểu: chuyên môn"),
    "min_pol": _l("Tối thiểu: lý luận chính trị"),
    "min_sm": _l("Tối thiểu: quản lý nhà nước"),
    "pre_edu": _l("Điều kiện: giáo dục phổ thông"),
    "pre_pro": _l("Điều kiện: chuyên môn"),
    "pre_pol": _l("Điều kiện: lý luận chính trị"),
    "pre_sm": _l("Điều kiện: quản lý nhà nước"),
    "level_of_unit": _l("Cấp"),
    "parent_id": _l("Đơn vị cấp trên"),
    "start": _l("Ngày khai giảng"),
    "end": _l("Ngày kết thúc"),
    "start_date_of_class": _l("Ngày khai giảng"),
    "enrol_deadline": _l("Hạn cử người"),
    "place": _l("Địa điểm"),
    "replace": _l("Thay toàn bộ dữ liệu"),
    "rows": _l("Số dòng"),
    "key": _l("Thông số"),
    "value": _l("Giá trị"),
    "errors": _l("Số lỗi khi quyết định"),
    "today": _l("Ngày giả định"),
    "on": _l("Cấp huyện xét trước"),
    "sent_on": _l("Số kế hoạch chuyển lên"),
    "period_id": _l("Giai đoạn"),
    "min_level": _l("Trình độ tối thiểu"),
    "position": _l("Thứ tự"),
    "previous_awarded_on": _l("Ngày cấp trước đó"),
    "result": _l("Kết quả"),
    "grade": _l("Xếp loại"),
    "score": _l("Điểm"),
    "completed_on": _l("Ngày hoàn thành"),
    "certificate_no": _l("Số chứng chỉ, văn bằng"),
    "certificate_on": _l("Ngày cấp chứng chỉ, văn bằng"),
}

#: the province's choice of two-level review of commune plans (the plans' district_review setting)
DISTRICT_REVIEW_LABELS = {
    "default": _l("Theo mặc định: bật khi các huyện có thủ trưởng"),
    "on": _l("Bật"),
    "off": _l("Tắt: xã trình thẳng Ban Tổ chức"),
}

#: a detail's key -> the (table, column) its ids or codes name
NAMED_BY = {
    "programme_id": ("programmes", "id", "name"),
    "unit_id": ("units", "id", "name"),
    "parent_id": ("units", "id", "name"),
    "position_id": ("positions", "id", "name"),
    "planned_position_id": ("positions", "id", "name"),
    "centre_id": ("centres", "id", "name"),
    "named": ("people", "id", "full_name"),
    "person": ("people", "code", "full_name"),
    "period_id": ("periods", "id", "code"),
}

_VERSION = re.compile(r"\bv(\d+)\b")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T")


def action_label(action: str) -> str:
    found = ACTION_LABELS.get(action)
    return str(found) if found is not None else action


def type_label(object_type: str) -> str:
    found = TYPE_LABELS.get(object_type)
    return str(found) if found is not None else object_type


@dataclass
class Names:
    """(table, key column) -> {key: name}, for the entries of one page."""

    found: dict = field(default_factory=dict)

    @classmethod
    def for_entries(cls, entries) -> Names:
        wanted: dict[tuple, set] = defaultdict(set)
        for entry in entries:
            for key, value in (entry.details or {}).items():
                if key not in NAMED_BY:
                    continue
                table, column, _name = NAMED_BY[key]
                values = value if isinstance(value, list) else [value]
                wanted[(table, column)].update(v for v in values if v is not None and not isinstance(v, list))
        names = cls()
        tables = db.Model.metadata.tables
        for (table_name, column), keys in wanted.items():
            table = tables.get(table_name)
            if table is None or not keys:
                continue
            name_column = next(n for t, c, n in NAMED_BY.values() if t == table_name)
            rows = db.session.execute(
                select(table.c[column], table.c[name_column]).where(
                    table.c[column].in_(sorted(keys, key=str))
                )
            ).all()
            names.found[(table_name, column)] = dict(rows)
        return names

    def name(self, key: str, value):
        table, column, _name = NAMED_BY[key]
        return self.found.get((table, column), {}).get(value)


def _plain_value(key: str, value, entry, names: Names) -> str:
    """One recorded value as a reader reads it."""
    if value is None or value == "":
        return EMPTY
    if key in NAMED_BY:
        found = names.name(key, value)
        if found:
            return found
        if key == "person" and (entry.details or {}).get("person_name"):
            return entry.details["person_name"]
    if isinstance(value, bool):
        return str(_l("có")) if value else str(_l("không"))
    if key in ("from", "to") and entry.action == "plan.district_review":
        found = DISTRICT_REVIEW_LABELS.get(value)
        return str(found) if found is not None else str(value)
    if key in ("from", "to"):
        kind = "enrolment_status" if entry.action.startswith("enrolment.") else "plan_status"
        return label(kind, value)
    if key == "category":
        return label("category", value)
    if key == "track":
        return label("track", value)
    if key == "level" and entry.action.startswith("unit."):
        return label("unit_level", value)
    if key == "level":
        return level_label((entry.details or {}).get("track"), value)
    if key == "comment" and entry.action in ("plan.supplemented", "plan.uploaded", "plan.copied"):
        return _VERSION.sub(lambda m: str(_l("lần %(n)s")) % {"n": m.group(1)}, str(value))
    if key.startswith(("min_", "pre_")) and key[4:] in ("edu", "pro", "pol", "sm"):
        return level_label(key[4:], value)
    if key == "role":
        return label("role", value)
    if key == "key" and entry.action == "setting.update":
        return label("setting", value)
    if key == "value" and entry.action == "setting.update":
        return _setting_value((entry.details or {}).get("key"), value)
    if key in ("result", "grade"):
        return label(key, value)
    if key == "min_level":
        return level_label((entry.details or {}).get("track"), value)
    if key == "gender":
        return label("gender", value)
    if key == "kind":
        return label("programme_kind", value)
    if isinstance(value, str) and _ISO_DATE.match(value):
        return date_vn(value)
    if isinstance(value, str) and _ISO_DATETIME.match(value):
        return date_vn(value[:10])
    if isinstance(value, int | float):
        return number(value, 2) if key not in ("year", "version") else str(value)
    return str(value)


def _setting_value(key: str | None, value) -> str:
    """A setting as the settings page shows it: the deadline 30/11, the threshold in per cent."""
    text = str(value)
    if key == "plan_due_month_day" and re.match(r"^\d{2}-\d{2}$", text):
        month, day = text.split("-")
        return f"{day}/{month}"
    if key == "low_execution_threshold":
        try:
            return percent(float(text))
        except ValueError:
            return text
    return text


def _field_label(key: str) -> str:
    if _ISO_DATE.match(key):  # a timetable change is keyed by its day
        return date_vn(key)
    found = FIELD_LABELS.get(key) or TYPE_LABELS.get(key)
    return str(found) if found is not None else key


def describe(entry, names: Names) -> list[tuple[str, str]]:
    """(label, value) of each detail of an entry: 'Trạng thái trước: Dự thảo', 'Ý kiến: —',
    'Người được cử: Nguyễn Văn An, Lò Thị Bình', a change 'Số chỗ: 30 → 40'."""
    details = dict(entry.details or {})
    if "person" in details and "person_name" in details:
        details.pop("person_name")  # the person is named by 'person' already
    out = []
    for key, value in details.items():
        out.append((_field_label(key), _value_text(key, value, entry, names)))
    return out


def _value_text(key: str, value, entry, names: Names) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{_field_label(k)}: {_value_text(k, v, entry, names)}" for k, v in value.items())
    if isinstance(value, list):
        if key in ("named", "days") or len(value) != 2:
            items = [_plain_value(key, v, entry, names) for v in value]
            return ", ".join(items) if items else EMPTY
        old, new = value
        return f"{_plain_value(key, old, entry, names)} → {_plain_value(key, new, entry, names)}"
    return _plain_value(key, value, entry, names)
