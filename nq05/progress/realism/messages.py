"""Plain-language messages for the findings, Vietnamese first: one template pair per code.

A message names the numbers; a fix says what change would clear the finding (plan page).
"""

from __future__ import annotations

import math
from datetime import date

from nq05.i18n_cli import cli_locale

REASON_LABELS: dict[str, tuple[str, str]] = {
    "not_in_scope": ("không thuộc đơn vị/đối tượng", "not in the unit or category"),
    "already_qualified": ("đã có trình độ này", "already holds the level"),
    "prerequisite": ("chưa đủ trình độ đầu vào", "lacks a prerequisite"),
    "over_age": ("quá tuổi", "over the age limit"),
    "insufficient_service": ("chưa đủ thâm niên công tác", "too few years of service"),
    "retiring": ("sắp đến tuổi nghỉ hưu", "retires before the course ends"),
    "already_enrolled": ("đang được cử học chương trình này", "already enrolled in this programme"),
}

EVENT_LABELS: dict[str, tuple[str, str]] = {
    "left_unit": ("đã chuyển khỏi đơn vị", "left the unit"),
    "qualified_elsewhere": ("đã đạt trình độ theo đường khác", "reached the level elsewhere"),
    "retired": ("đã đến tuổi nghỉ hưu", "reached retirement"),
}

TRACK_LABELS: dict[str, tuple[str, str]] = {
    "edu": ("trình độ giáo dục phổ thông", "general education"),
    "pro": ("trình độ chuyên môn", "professional qualification"),
    "pol": ("lý luận chính trị", "political theory"),
    "sm": ("quản lý nhà nước", "state management"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    "MISSING_PLAN": (
        "Đơn vị {unit} chưa có kế hoạch năm {year} đã nộp hoặc được duyệt; hạn nộp là {due}",
        "Unit {unit} has no submitted or approved plan for {year}; it was due on {due}",
    ),
    "OVER_POOL": (
        "Kế hoạch cử {planned} người học {programme} nhưng đơn vị chỉ có {pool} người đủ điều kiện",
        "The plan sends {planned} people to {programme} but the unit has only {pool} eligible",
    ),
    "INELIGIBLE_NOMINEE": (
        "{person} không đủ điều kiện học {programme}: {reasons}",
        "{person} is not eligible for {programme}: {reasons}",
    ),
    "OVER_CAPACITY": (
        "Các kế hoạch năm {year} cần {demand} chỗ học {programme} nhưng các lớp chỉ có {capacity} chỗ",
        "The {year} plans need {demand} places in {programme} but its classes have only {capacity}",
    ),
    "UNCOVERED_STANDARD_GAP": (
        "{below} người chưa đạt chuẩn chức danh về {track} nhưng kế hoạch không có dòng nào nâng trình độ này",
        "{below} staff are below their position's standard in {track} but no plan line raises it",
    ),
    "BEHIND_PACE": (
        "Chỉ tiêu {quota} người; đến năm {year} cần lập kế hoạch ít nhất {expected} người nhưng mới có {planned}",
        "Quota of {quota}: by {year} at least {expected} should be planned, only {planned} are",
    ),
    "LOW_EXECUTION": (
        "Các năm trước kế hoạch cử {planned_prior} người nhưng chỉ {completed_prior} người hoàn thành "
        "(tỷ lệ {rate}), trong khi kế hoạch năm nay không giảm",
        "Earlier plans sent {planned_prior} people but only {completed_prior} completed (rate {rate}), "
        "and this year's plan is no smaller",
    ),
    "NO_NAMED_SOURCE": (
        "Kế hoạch cử {planned} người học {programme} nhưng mới nêu tên {named} người; lớp đầu tiên khai giảng {class_start}",
        "The plan sends {planned} people to {programme} but names only {named}; the first class starts on {class_start}",
    ),
    "STALE_PLAN": (
        "{person} được nêu tên học {programme} nhưng {event} ngày {event_date}; kế hoạch chưa được điều chỉnh",
        "{person}, named for {programme}, {event} on {event_date}; the plan has not been corrected",
    ),
    "SUCCESSION_UNLINKED": (
        "{person} được quy hoạch chức danh {planned_position}, đủ điều kiện học {programme} nhưng chưa được nêu tên trong kế hoạch",
        "{person} is planned for position {planned_position} and eligible for {programme} but is named on no line",
    ),
}

FIXES: dict[str, tuple[str, str]] = {
    "MISSING_PLAN": ("Lập và nộp kế hoạch năm {year}", "Draw up and submit the {year} plan"),
    "OVER_POOL": (
        "Giảm số lượng xuống {pool} hoặc chọn chương trình khác",
        "Lower the number to {pool} or choose another programme",
    ),
    "INELIGIBLE_NOMINEE": (
        "Bỏ tên {person} hoặc thay bằng người khác",
        "Remove {person} or name someone else",
    ),
    "OVER_CAPACITY": (
        "Giảm số lượng hoặc chuyển sang năm khác ({excess} người vượt số chỗ)",
        "Lower the number or move it to another year ({excess} over capacity)",
    ),
    "UNCOVERED_STANDARD_GAP": (
        "Thêm dòng kế hoạch đào tạo về {track}",
        "Add a plan line that trains {track}",
    ),
    "BEHIND_PACE": (
        "Cần lập kế hoạch thêm {missing} người để theo kịp chỉ tiêu",
        "Plan {missing} more people to keep pace with the quota",
    ),
    "LOW_EXECUTION": (
        "Xem lại khả năng cử người đi học trước khi giữ số lượng như năm trước",
        "Check the unit can actually send people before keeping last year's numbers",
    ),
    "NO_NAMED_SOURCE": (
        "Cần nêu tên thêm {missing} người hoặc giảm số lượng xuống {named}",
        "Name {missing} more people or lower the number to {named}",
    ),
    "STALE_PLAN": (
        "Lập phiên bản bổ sung, điều chỉnh kế hoạch để thay {person}",
        "Submit a corrected version of the plan replacing {person}",
    ),
    "SUCCESSION_UNLINKED": (
        "Cân nhắc nêu tên {person} trong kế hoạch",
        "Consider naming {person} on the plan",
    ),
}


def _pick(pair: tuple[str, str], locale: str | None) -> str:
    return pair[1] if (locale or cli_locale()) == "en" else pair[0]


def _format_number(value, locale: str) -> str:
    if isinstance(value, float):
        text = f"{value:g}" if value != int(value) else f"{int(value)}"
        return text.replace(".", ",") if locale == "vi" else text
    return str(value)


def _format_date(value, locale: str) -> str:
    return value.strftime("%d/%m/%Y") if locale == "vi" else value.isoformat()


def _values(finding, locale: str) -> dict:

    values = {
        "unit": finding.unit or "",
        "year": finding.year,
        "programme": finding.programme or "",
        "person": (f"{finding.person_name} ({finding.person})" if finding.person_name else finding.person)
        or "",
        "class": finding.class_code or "",
    }
    for key, value in finding.figures.items():
        if isinstance(value, date):
            values[key] = _format_date(value, locale)
        elif isinstance(value, float | int):
            values[key] = _format_number(value, locale)
        else:
            values[key] = value
    if "reasons" in finding.figures:
        values["reasons"] = ", ".join(_pick(REASON_LABELS[r], locale) for r in finding.figures["reasons"])
    if "event" in finding.figures:
        values["event"] = _pick(EVENT_LABELS[finding.figures["event"]], locale)
    if "track" in finding.figures:
        values["track"] = _pick(TRACK_LABELS[finding.figures["track"]], locale)
    f = finding.figures
    if "planned" in f and "named" in f:
        values["missing"] = f["planned"] - f["named"]
    if "demand" in f:
        values["excess"] = f["demand"] - f["capacity"]
    if "expected" in f:
        values["missing"] = math.ceil(f["expected"] - f["planned"])
    return values


def finding_message(finding, locale: str | None = None) -> str:
    locale = locale or cli_locale()
    return _pick(MESSAGES[finding.code], locale).format(**_values(finding, locale))


def finding_fix(finding, locale: str | None = None) -> str | None:
    locale = locale or cli_locale()
    pair = FIXES.get(finding.code)
    return _pick(pair, locale).format(**_values(finding, locale)) if pair else None
