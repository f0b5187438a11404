"""What the staff records say when they refuse a change, in Vietnamese (msgids) or English."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from nq05.web.formatting import date_vn

REFUSAL_MESSAGES = {
    "person_code_taken": _l("Đã có cán bộ mang mã %(code)s."),
    "unit_code_taken": _l("Mã %(code)s đã được dùng."),
    "overlapping_assignment": _l(
        "Trùng thời gian với quá trình công tác từ %(start)s đến %(end)s tại %(unit)s. "
        "Hãy kết thúc quá trình đó trước ngày bắt đầu của quá trình mới."
    ),
    "only_assignment": _l("Không thể xóa quá trình công tác duy nhất: mỗi cán bộ phải thuộc một đơn vị."),
    "awarded_before_birth": _l("Ngày cấp không thể trước ngày sinh."),
    "qualification_held": _l("Cán bộ này đã có trình độ này."),
    "conferred_by_class": _l("Trình độ do hoàn thành lớp học cấp không xóa ở đây; hãy sửa kết quả lớp học."),
    "moves_to_another_unit": _l(
        "Không thể thay đổi như vậy: cán bộ sẽ chuyển sang danh sách của đơn vị khác. "
        "Việc điều động do Ban Tổ chức cập nhật."
    ),
    "parent_cycle": _l("Đơn vị cấp trên không thể là chính đơn vị này hoặc đơn vị trực thuộc của nó."),
}


def refusal_message(code: str, params: dict) -> str:
    """The message of a refusal, its dates as dd/mm/yyyy and an open end as "nay" (to this day)."""
    shown = {k: date_vn(v) if isinstance(v, date) else v for k, v in params.items()}
    if "end" in shown and shown["end"] is None:
        shown["end"] = _("nay")
    return str(REFUSAL_MESSAGES[code]) % shown
