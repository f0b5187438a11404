"""What the reference data pages say when they refuse a change, in Vietnamese (msgids) or English."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

REFUSAL_MESSAGES = {
    "code_taken": _l("Mã %(code)s đã được dùng."),
    "end_before_start": _l("Ngày kết thúc phải từ ngày bắt đầu trở đi."),
    "period_overlaps": _l("Trùng thời gian với giai đoạn %(code)s (%(start)s – %(end)s)."),
    "period_in_use": _l(
        "Giai đoạn %(code)s đã có %(count)s chỉ tiêu: xóa các chỉ tiêu trước khi xóa giai đoạn."
    ),
    "bad_level": _l("Trình độ không hợp lệ."),
    "in_use": _l(
        "Không xóa được “%(name)s”: đang được dùng ở %(count)s bản ghi khác. Hãy chọn “Ngừng sử dụng”."
    ),
    "unused_delete": _l("“%(name)s” chưa được dùng ở bản ghi nào: hãy xóa thay vì ngừng sử dụng."),
    "share_over_100": _l("Chỉ tiêu tỷ lệ là phần trăm: từ 0 đến 100."),
    "target_taken": _l("Giai đoạn đã có chỉ tiêu này (cùng loại, trình độ, đối tượng và đơn vị)."),
    "indicator_level_or_programme": _l(
        "Chọn một trình độ tối thiểu hoặc một chương trình (không chọn cả hai)."
    ),
}


def _shown(value):
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else value


def refusal_message(code: str, params: dict) -> str:
    return str(REFUSAL_MESSAGES[code]) % {k: _shown(v) for k, v in params.items()}
