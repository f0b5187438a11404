"""Vietnamese labels (translated to English in the catalog) for the codes of domain.md.

Templates use the ``label`` global: ``{{ label('category', person.category) }}``; Python code uses
``label(kind, code)`` or the dicts, e.g. for form choices: ``choices('category')``.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from nq05.domain.levels import TRACK_LEVELS, TRACKS
from nq05.domain.sorting import vn_sort_key
from nq05.i18n import current_locale_name

ROLE_LABELS = {
    "admin": _l("Ban Tổ chức / Sở Nội vụ"),
    "unit_head": _l("Thủ trưởng đơn vị"),
    "centre_staff": _l("Cơ sở đào tạo"),
}

CATEGORY_LABELS = {
    "TU": _l("Cán bộ diện Ban Thường vụ Tỉnh ủy quản lý"),
    "PROV_LEAD": _l("Trưởng, phó phòng và tương đương cấp tỉnh"),
    "PROV_CIVIL": _l("Công chức cơ quan Đảng, chính quyền, MTTQ và các đoàn thể cấp tỉnh"),
    "DIST_LEAD": _l("Trưởng, phó phòng và tương đương cấp huyện"),
    "DIST_CIVIL": _l("Công chức cơ quan Đảng, chính quyền, MTTQ và các đoàn thể cấp huyện"),
    "COMM_CADRE": _l("Cán bộ cấp xã"),
    "COMM_CIVIL": _l("Công chức cấp xã"),
}

TRACK_LABELS = {
    "edu": _l("Trình độ giáo dục phổ thông"),
    "pro": _l("Trình độ chuyên môn"),
    "pol": _l("Lý luận chính trị"),
    "sm": _l("Quản lý nhà nước"),
}

#: Short track names for table headers.
TRACK_SHORT_LABELS = {
    "edu": _l("Học vấn"),
    "pro": _l("Chuyên môn"),
    "pol": _l("Lý luận chính trị"),
    "sm": _l("Quản lý nhà nước"),
}

#: Levels are keyed by (track, level): the same code ("elementary") reads the same on two tracks,
#: but "none" and the degree names do not.
LEVEL_LABELS = {
    ("edu", "primary"): _l("Tiểu học"),
    ("edu", "lower_secondary"): _l("Trung học cơ sở"),
    ("edu", "upper_secondary"): _l("Trung học phổ thông"),
    ("pro", "none"): _l("Chưa qua đào tạo"),
    ("pro", "elementary"): _l("Sơ cấp"),
    ("pro", "intermediate"): _l("Trung cấp"),
    ("pro", "college"): _l("Cao đẳng"),
    ("pro", "bachelor"): _l("Đại học"),
    ("pro", "master"): _l("Thạc sĩ"),
    ("pro", "doctor"): _l("Tiến sĩ"),
    ("pol", "none"): _l("Chưa qua đào tạo"),
    ("pol", "elementary"): _l("Sơ cấp"),
    ("pol", "intermediate"): _l("Trung cấp"),
    ("pol", "advanced"): _l("Cao cấp / cử nhân"),
    ("sm", "none"): _l("Chưa qua bồi dưỡng"),
    ("sm", "specialist"): _l("Chuyên viên"),
    ("sm", "principal"): _l("Chuyên viên chính"),
    ("sm", "senior"): _l("Chuyên viên cao cấp"),
}

UNIT_LEVEL_LABELS = {
    "province": _l("Cấp tỉnh"),
    "district": _l("Cấp huyện"),
    "commune": _l("Cấp xã"),
}

GENDER_LABELS = {"M": _l("Nam"), "F": _l("Nữ")}

#: the groups of the report's breakdowns (nq05.domain.groups)
GROUP_LABELS = {
    "F": _l("Nữ"),
    "M": _l("Nam"),
    "minority": _l("Dân tộc thiểu số"),
    "kinh": _l("Dân tộc Kinh"),
    "unknown": _l("Chưa rõ"),
}

#: the report's breakdowns (``nq05 report --by``)
BREAKDOWN_LABELS = {
    "gender": _l("Nam – nữ"),
    "minority": _l("Dân tộc thiểu số – Kinh – chưa rõ"),
}

PROGRAMME_KIND_LABELS = {
    "degree": _l("Đào tạo (văn bằng)"),
    "certificate": _l("Bồi dưỡng (chứng chỉ)"),
    "refresher": _l("Bồi dưỡng, cập nhật kiến thức"),
}

PLAN_STATUS_LABELS = {
    "draft": _l("Dự thảo"),
    "submitted": _l("Đã trình, chờ phê duyệt"),
    "approved": _l("Đã phê duyệt"),
    "returned": _l("Trả lại"),
}

ENROLMENT_STATUS_LABELS = {
    "nominated": _l("Được cử"),
    "accepted": _l("Được nhận"),
    "waitlisted": _l("Danh sách chờ"),
    "rejected": _l("Không được nhận"),
    "withdrawn": _l("Rút tên"),
    "completed": _l("Hoàn thành"),
    "failed": _l("Không đạt"),
}

#: The result of an enrolment and its grade (domain.md; the same words as the roster's).
RESULT_LABELS = {
    "completed": _l("Hoàn thành"),
    "failed": _l("Không đạt"),
    "unfinished": _l("Không hoàn thành khóa học"),
}
GRADE_LABELS = {
    "excellent": _l("Xuất sắc"),
    "good": _l("Giỏi"),
    "fair": _l("Khá"),
    "average": _l("Trung bình"),
}

TARGET_KIND_LABELS = {"count": _l("Số người"), "share": _l("Tỷ lệ")}

#: Eligibility reason codes, in the order of domain/eligibility.py REASONS (realism.md "Terms").
REASON_LABELS = {
    "not_in_scope": _l("Không thuộc đơn vị (hoặc đối tượng) của dòng kế hoạch"),
    "already_qualified": _l("Đã đạt trình độ mà chương trình cấp"),
    "prerequisite": _l("Chưa đạt trình độ tiên quyết"),
    "over_age": _l("Quá tuổi quy định"),
    "insufficient_service": _l("Chưa đủ số năm công tác"),
    "retiring": _l("Đến tuổi nghỉ hưu trước khi học xong"),
    "already_enrolled": _l("Đang được cử học một lớp khác của chương trình"),
}

#: Realism finding codes (realism.md).
FINDING_LABELS = {
    "MISSING_PLAN": _l("Chưa có kế hoạch"),
    "OVER_POOL": _l("Số cử học vượt số người đủ điều kiện"),
    "INELIGIBLE_NOMINEE": _l("Người được cử không đủ điều kiện"),
    "OVER_CAPACITY": _l("Nhu cầu vượt khả năng đào tạo"),
    "UNCOVERED_STANDARD_GAP": _l("Thiếu chuẩn chưa được đưa vào kế hoạch"),
    "BEHIND_PACE": _l("Chậm so với chỉ tiêu"),
    "LOW_EXECUTION": _l("Tỷ lệ thực hiện thấp"),
    "NO_NAMED_SOURCE": _l("Chưa nêu tên đủ người được cử"),
    "STALE_PLAN": _l("Kế hoạch không còn sát thực tế"),
    "SUCCESSION_UNLINKED": _l("Chưa gắn với quy hoạch"),
}

#: The province's settings (domain.md ``SETTING_DEFAULTS``), as the settings page names them.
SETTING_LABELS = {
    "retirement_age_male": _l("Tuổi nghỉ hưu của nam"),
    "retirement_age_female": _l("Tuổi nghỉ hưu của nữ"),
    "plan_due_month_day": _l("Hạn gửi kế hoạch năm sau (ngày/tháng)"),
    "low_execution_threshold": _l("Ngưỡng tỷ lệ thực hiện thấp (%)"),
    "source_window_days": _l("Thời hạn lập danh sách cử đi học (ngày)"),
    "stale_grace_days": _l("Thời gian cho phép trước khi kế hoạch không còn sát thực tế (ngày)"),
    "notice_sender": _l("Cơ quan gửi thông báo"),
    "notice_contact_name": _l("Đầu mối liên hệ"),
    "notice_contact_phone": _l("Điện thoại liên hệ"),
    "notice_contact_email": _l("Thư điện tử liên hệ"),
    "notice_resubmit_days": _l("Thời hạn trình lại kế hoạch bị trả lại (ngày)"),
}

SEVERITY_LABELS = {"error": _l("Lỗi"), "warning": _l("Cảnh báo"), "info": _l("Lưu ý")}

_KINDS = {
    "role": ROLE_LABELS,
    "category": CATEGORY_LABELS,
    "track": TRACK_LABELS,
    "track_short": TRACK_SHORT_LABELS,
    "unit_level": UNIT_LEVEL_LABELS,
    "gender": GENDER_LABELS,
    "group": GROUP_LABELS,
    "breakdown": BREAKDOWN_LABELS,
    "programme_kind": PROGRAMME_KIND_LABELS,
    "plan_status": PLAN_STATUS_LABELS,
    "enrolment_status": ENROLMENT_STATUS_LABELS,
    "status": {**PLAN_STATUS_LABELS, **ENROLMENT_STATUS_LABELS},
    "target_kind": TARGET_KIND_LABELS,
    "reason": REASON_LABELS,
    "finding": FINDING_LABELS,
    "severity": SEVERITY_LABELS,
    "setting": SETTING_LABELS,
    "result": RESULT_LABELS,
    "grade": GRADE_LABELS,
}


def label(kind: str, code, track: str | None = None) -> str:
    """The label of ``code`` in the list ``kind``; the code itself when unknown, '' for None.

    For levels pass the track: ``label('level', 'bachelor', 'pro')``.
    """
    if code is None or code == "":
        return ""
    key = (current_locale_name(), kind, code, track)
    found = _SEEN.get(key)
    if found is None:
        text = _label(kind, code, track)
        if text is None:
            return str(code)
        found = _SEEN[key] = text
    return found


#: (locale, kind, code, track) -> the label: a page shows hundreds of labels, each a look-up in
#: the catalogs through Flask-Babel's context (about 10 µs); the catalogs do not change while the
#: process runs. Bounded by the lists above and the locales (unknown codes are not kept).
_SEEN: dict[tuple, str] = {}


def _label(kind: str, code, track: str | None) -> str | None:
    if kind == "level":
        found = LEVEL_LABELS.get((track, code))
        if found is None:  # a level given without its track: any track that knows it
            found = next((v for (_t, c), v in LEVEL_LABELS.items() if c == code), None)
    else:
        found = _KINDS[kind].get(code)
    return None if found is None else str(found)


def level_label(track: str, level: str | None) -> str:
    return label("level", level, track)


#: the lists a select offers in the Vietnamese order of their names (the others keep the spec's
#: order: statuses, levels and tracks have an order of their own)
BY_NAME = {"category"}


def choices(kind: str, blank: str | None = None) -> list[tuple[str, str]]:
    """(code, label) pairs for a select field, in the order of the spec (by name for the kinds
    of ``BY_NAME``); optional blank first."""
    pairs = [(code, str(text)) for code, text in _KINDS[kind].items()]
    if kind in BY_NAME:
        pairs.sort(key=lambda pair: (vn_sort_key(pair[1]), pair[0]))
    return ([("", blank)] if blank is not None else []) + pairs


def level_choices(track: str, blank: str | None = None) -> list[tuple[str, str]]:
    pairs = [(lv, level_label(track, lv)) for lv in TRACK_LEVELS[track]]
    return ([("", blank)] if blank is not None else []) + pairs


def qualification_choices() -> dict:
    """Level choices grouped by track: values are 'track:level'."""
    return {
        str(label("track", track)): [(f"{track}:{lv}", level_label(track, lv)) for lv in TRACK_LEVELS[track]]
        for track in TRACKS
    }
