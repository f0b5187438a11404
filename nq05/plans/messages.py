"""What the plans package says when it refuses something, in Vietnamese (msgids) or English."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

REFUSAL_MESSAGES = {
    # the workflow (nq05.domain.plan_workflow)
    "not_a_writer": _l("Chỉ thủ trưởng đơn vị hoặc Ban Tổ chức mới được lập và sửa kế hoạch."),
    "not_a_reviewer": _l("Chỉ Ban Tổ chức mới được duyệt hoặc trả lại kế hoạch."),
    "not_draft": _l(
        "Kế hoạch này không còn là dự thảo nên không sửa hay gửi được nữa; "
        "muốn thay đổi, hãy lập kế hoạch bổ sung, điều chỉnh."
    ),
    "empty_plan": _l("Kế hoạch chưa có dòng nào nên chưa gửi được."),
    "not_submitted": _l("Chỉ duyệt hoặc trả lại được kế hoạch đã gửi và đang chờ duyệt."),
    "comment_required": _l("Khi trả lại kế hoạch phải ghi rõ lý do để đơn vị sửa."),
    "not_latest": _l("Chỉ lập kế hoạch bổ sung, điều chỉnh từ lần mới nhất của kế hoạch."),
    "not_decided": _l(
        "Chỉ lập kế hoạch bổ sung, điều chỉnh khi lần mới nhất đã được phê duyệt hoặc bị trả lại."
    ),
    "plan_exists": _l("Đơn vị đã có kế hoạch cho năm này."),
    # saving
    "stale": _l(
        "Kế hoạch vừa được người khác lưu trong lúc bạn đang sửa, nên thay đổi của bạn CHƯA được lưu. "
        "Hãy tải lại trang để xem bản mới nhất rồi sửa lại."
    ),
    "duplicate_line": _l("Kế hoạch đã có một dòng cho chương trình và đối tượng này."),
    "negative_count": _l("Số người dự kiến phải là số nguyên từ 0 trở lên."),
    "unknown_programme": _l("Không có chương trình này."),
    "unknown_category": _l("Không có đối tượng cán bộ này."),
    "not_unit_staff": _l("Người này không phải cán bộ, công chức của đơn vị."),
    "line_not_in_plan": _l("Dòng này không thuộc kế hoạch."),
    "no_plan_last_year": _l("Năm trước đơn vị không có kế hoạch có hiệu lực để sao chép."),
    "submitted_pending": _l("Lần mới nhất của kế hoạch đang chờ duyệt; chờ Ban Tổ chức duyệt hoặc trả lại."),
    "errors_need_comment": _l(
        "Kế hoạch còn lỗi: muốn phê duyệt phải ghi ý kiến nêu lý do phê duyệt dù còn lỗi. "
        "Kế hoạch chưa được phê duyệt."
    ),
    # two-level review (the district)
    "awaiting_district": _l(
        "Kế hoạch của xã đang chờ huyện xem xét; Ban Tổ chức phê duyệt hoặc trả lại sau khi huyện chuyển lên."
    ),
    "not_at_district": _l("Kế hoạch này không ở bước chờ huyện xem xét."),
    "not_the_district": _l("Chỉ thủ trưởng huyện quản lý xã này mới được chuyển lên hoặc trả lại kế hoạch."),
    "unknown_choice": _l("Lựa chọn không hợp lệ."),
    # approving several at once
    "has_errors": _l("Kế hoạch còn lỗi nên không phê duyệt hàng loạt được; hãy mở và xem xét riêng."),
}


def refusal_message(code: str) -> str:
    return str(REFUSAL_MESSAGES[code])
