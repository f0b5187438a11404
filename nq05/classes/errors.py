"""Why a roster operation was refused, in words a unit head or centre can act on."""

from __future__ import annotations

from flask_babel import gettext

from nq05.domain.enrolment import TransitionRefused


def N_(msgid: str) -> str:
    """Mark a message for extraction (pybabel -k N_); it is translated where it is shown."""
    return msgid


#: refusal code -> message (Vietnamese msgid; %(name)s placeholders filled from the params)
MESSAGES = {
    "dates_out_of_order": N_("Ngày kết thúc phải sau hoặc bằng ngày khai giảng."),
    "capacity_negative": N_("Số chỗ không được âm."),
    "deadline_after_start": N_("Hạn đăng ký phải trước hoặc bằng ngày khai giảng."),
    "session_day_outside": N_("Ngày học %(day)s nằm ngoài thời gian của lớp."),
    "code_taken": N_("Mã lớp %(code)s đã được dùng."),
    "already_published": N_("Lớp đã được công bố."),
    "class_not_published": N_("Lớp chưa được công bố, chưa nhận cử người."),
    "deadline_passed": N_("Đã hết hạn cử người đi học lớp này (hạn cuối %(deadline)s)."),
    "already_nominated": N_("Người này đã được cử vào lớp này rồi."),
    "overlapping_class": N_("Người này đã được cử vào lớp %(other)s trùng thời gian học."),
    "not_eligible": N_("Người này không đủ điều kiện: %(reasons)s."),
    "class_full": N_("Lớp đã đủ %(capacity)s chỗ; hãy đưa vào danh sách chờ."),
    "reason_required": N_("Cần ghi lý do từ chối."),
    "result_needs_date": N_("Cần ghi ngày có kết quả."),
    "result_before_start": N_("Ngày có kết quả không được trước ngày khai giảng."),
    "unknown_result": N_("Kết quả phải là hoàn thành hoặc không đạt."),
    "not_in_class": N_("Người này không có chỗ trong lớp."),
    "wrong_class": N_("Ngày học không thuộc lớp này."),
    "transition": N_("Không thể chuyển từ trạng thái «%(current)s» sang «%(target)s»."),
}

#: eligibility reason code (realism.md order) -> plain words
REASON_MESSAGES = {
    "not_in_scope": N_("không công tác tại đơn vị vào ngày khai giảng"),
    "already_qualified": N_("đã có trình độ mà chương trình cấp (hoặc cao hơn)"),
    "prerequisite": N_("chưa đạt trình độ tối thiểu chương trình yêu cầu"),
    "over_age": N_("quá tuổi tối đa chương trình cho phép"),
    "insufficient_service": N_("chưa đủ số năm công tác chương trình yêu cầu"),
    "retiring": N_("đến tuổi nghỉ hưu trước khi khóa học kết thúc"),
    "already_enrolled": N_("đang được cử học một lớp khác của chương trình này"),
}

#: enrolment status -> its name on screen
STATUS_LABELS = {
    "nominated": N_("Đã cử"),
    "accepted": N_("Được nhận"),
    "waitlisted": N_("Danh sách chờ"),
    "rejected": N_("Bị từ chối"),
    "withdrawn": N_("Đã rút"),
    "completed": N_("Hoàn thành"),
    "failed": N_("Không đạt"),
}


def reason_text(code: str) -> str:
    """An eligibility reason code in plain words, in the user's language."""
    return gettext(REASON_MESSAGES[code]) if code in REASON_MESSAGES else code


def status_label(status: str) -> str:
    """An enrolment status as shown on screen, in the user's language."""
    return gettext(STATUS_LABELS[status]) if status in STATUS_LABELS else status


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
        return gettext(MESSAGES[self.code], **params)

    def __str__(self) -> str:
        return self.message
