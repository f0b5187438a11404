"""Why a roster operation was refused, in words a unit head or centre can act on."""

from __future__ import annotations

from flask_babel import gettext as _

from nq05.domain.enrolment import TransitionRefused
from nq05.labels import label


def messages() -> dict[str, str]:
    """refusal code -> message in the user's language, with %(name)s placeholders for the params."""
    return {
        "dates_out_of_order": _("Ngày kết thúc phải sau hoặc bằng ngày khai giảng."),
        "capacity_negative": _("Số chỗ không được âm."),
        "deadline_after_start": _("Hạn đăng ký phải trước hoặc bằng ngày khai giảng."),
        "session_day_outside": _("Ngày học %(day)s nằm ngoài thời gian của lớp."),
        "code_taken": _("Mã lớp %(code)s đã được dùng."),
        "already_published": _("Lớp đã được thông báo chiêu sinh."),
        "class_not_published": _("Lớp chưa thông báo chiêu sinh, chưa nhận cử người."),
        "deadline_passed": _("Đã hết hạn cử người đi học lớp này (hạn cuối %(deadline)s)."),
        "already_nominated": _("Người này đã được cử vào lớp này rồi."),
        "overlapping_class": _("Người này đã được cử vào lớp %(other)s trùng thời gian học."),
        "not_eligible": _("Người này không đủ điều kiện: %(reasons)s."),
        "capacity_below_seats": _("Số chỗ không được nhỏ hơn %(taken)s chỗ đã nhận."),
        "class_full": _("Lớp đã đủ %(capacity)s chỗ; hãy đưa vào danh sách chờ."),
        "reason_required": _("Cần ghi lý do từ chối."),
        "unknown_decision": _("Quyết định không hợp lệ."),
        "nobody_chosen": _("Chưa chọn người nào."),
        "result_needs_date": _("Cần ghi ngày có kết quả."),
        "result_before_start": _("Ngày có kết quả không được trước ngày khai giảng (%(start)s)."),
        "result_after_today": _("Ngày có kết quả không được sau hôm nay (%(today)s)."),
        "unknown_result": _("Kết quả phải là hoàn thành, không đạt hoặc không hoàn thành khóa học."),
        "unknown_grade": _("Xếp loại phải là xuất sắc, giỏi, khá hoặc trung bình."),
        "score_out_of_scale": _("Điểm phải từ 0 đến %(scale)s (thang điểm của chương trình)."),
        "certificate_needs_completed": _("Chỉ người hoàn thành khóa học mới có số và ngày cấp chứng chỉ."),
        "certificate_date_outside": _(
            "Ngày cấp chứng chỉ phải từ ngày có kết quả (%(on)s) đến hôm nay (%(today)s)."
        ),
        "correction_needs_reason": _("Sửa kết quả đã ghi cần ghi lý do."),
        "attendance_below_minimum": _(
            "Tỷ lệ chuyên cần %(rate)s thấp hơn mức tối thiểu %(minimum)s%% của chương trình; "
            "hãy xác nhận nếu vẫn ghi hoàn thành."
        ),
        "not_in_class": _("Người này không có chỗ trong lớp."),
        "wrong_class": _("Ngày học không thuộc lớp này."),
        "fee_negative": _("Kinh phí mỗi học viên không được âm."),
        "future_day": _("Chưa đến ngày học %(day)s, chưa điểm danh được."),
        "transition": _("Không thể chuyển từ trạng thái «%(current)s» sang «%(target)s»."),
    }


def reason_messages() -> dict[str, str]:
    """eligibility reason code (realism.md order) -> plain words, for a nomination to a class."""
    return {
        "not_in_scope": _("không công tác tại đơn vị vào ngày khai giảng"),
        "already_qualified": _("đã có trình độ mà chương trình cấp (hoặc cao hơn)"),
        "prerequisite": _("chưa đạt trình độ tối thiểu chương trình yêu cầu"),
        "over_age": _("quá tuổi tối đa chương trình cho phép"),
        "insufficient_service": _("chưa đủ số năm công tác chương trình yêu cầu"),
        "retiring": _("đến tuổi nghỉ hưu trước khi khóa học kết thúc"),
        "already_enrolled": _("đang được cử học một lớp khác của chương trình này"),
    }


def reason_text(code: str) -> str:
    """An eligibility reason code in plain words, in the user's language."""
    return reason_messages().get(code, code)


def status_label(status: str) -> str:
    """An enrolment status as shown on screen, in the user's language."""
    return label("enrolment_status", status)


class RosterRefused(Exception):
    """A roster operation refused; ``code`` is stable, ``message`` is for people."""

    def __init__(self, code: str, *, reasons: list[str] | None = None, **params):
        self.code, self.reasons, self.params = code, list(reasons or []), params
        super().__init__(code)

    @classmethod
    def from_transition(cls, refused: TransitionRefused) -> RosterRefused:
        return cls("transition", current=refused.current, target=refused.target)

    @property
    def message(self) -> str:
        params = dict(self.params)
        if self.code == "transition":
            params = {"current": status_label(params["current"]), "target": status_label(params["target"])}
        if self.reasons:
            params["reasons"] = "; ".join(reason_text(r) for r in self.reasons)
        return messages()[self.code] % params

    def __str__(self) -> str:
        return self.message
