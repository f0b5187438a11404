"""Plain-language messages for the findings, Vietnamese first: one message and one fix per code.

A message names the numbers; a fix says what change would clear the finding (plan page). They are
worded in the current language: the reader's on a page, the command line's in ``nq05 realism``.
"""

from __future__ import annotations

import math
from datetime import date

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from nq05.i18n import in_sentence
from nq05.labels import label

#: what happened to a named person (STALE_PLAN)
EVENT_LABELS = {
    "left_unit": _l("đã chuyển khỏi đơn vị"),
    "qualified_elsewhere": _l("đã đạt trình độ theo đường khác"),
    "retired": _l("đã đến tuổi nghỉ hưu"),
}

#: code -> what is wrong, with its numbers
MESSAGES = {
    "MISSING_PLAN": _l(
        "Đơn vị %(unit)s chưa có kế hoạch năm %(year)s đã nộp hoặc được duyệt; hạn nộp là %(due)s"
    ),
    "OVER_POOL": _l(
        "Kế hoạch cử %(planned)s người học %(programme)s nhưng đơn vị chỉ có %(pool)s người đủ điều kiện"
    ),
    "INELIGIBLE_NOMINEE": _l("%(person)s không đủ điều kiện học %(programme)s: %(reasons)s"),
    "OVER_CAPACITY": _l(
        "Các kế hoạch năm %(year)s cần %(demand)s chỗ học %(programme)s nhưng các lớp chỉ có %(capacity)s chỗ"
    ),
    "UNCOVERED_STANDARD_GAP": _l(
        "%(below)s người chưa đạt chuẩn chức danh về %(track)s nhưng kế hoạch không có dòng nào "
        "nâng trình độ này"
    ),
    "BEHIND_PACE": _l(
        "Chỉ tiêu %(quota)s người; đến năm %(year)s cần lập kế hoạch ít nhất %(expected)s người "
        "nhưng mới có %(planned)s"
    ),
    "LOW_EXECUTION": _l(
        "Các năm trước kế hoạch cử %(planned_prior)s người nhưng chỉ %(completed_prior)s người "
        "hoàn thành (tỷ lệ %(rate)s), trong khi kế hoạch năm nay không giảm"
    ),
    "NO_NAMED_SOURCE": _l(
        "Kế hoạch cử %(planned)s người học %(programme)s nhưng mới nêu tên %(named)s người; lớp "
        "đầu tiên khai giảng %(class_start)s"
    ),
    "STALE_PLAN": _l(
        "%(person)s được nêu tên học %(programme)s nhưng %(event)s ngày %(event_date)s; kế hoạch "
        "chưa được điều chỉnh"
    ),
    "SUCCESSION_UNLINKED": _l(
        "%(person)s được quy hoạch chức danh %(planned_position)s, đủ điều kiện học %(programme)s "
        "nhưng chưa được nêu tên trong kế hoạch"
    ),
}

#: code -> the change that would clear it
FIXES = {
    "MISSING_PLAN": _l("Lập và nộp kế hoạch năm %(year)s"),
    "OVER_POOL": _l("Giảm số lượng xuống %(pool)s hoặc chọn chương trình khác"),
    "INELIGIBLE_NOMINEE": _l("Bỏ tên %(person)s hoặc thay bằng người khác"),
    "OVER_CAPACITY": _l("Giảm số lượng hoặc chuyển sang năm khác (%(excess)s người vượt số chỗ)"),
    "UNCOVERED_STANDARD_GAP": _l("Thêm dòng kế hoạch đào tạo về %(track)s"),
    "BEHIND_PACE": _l("Cần lập kế hoạch thêm %(missing)s người để theo kịp chỉ tiêu"),
    "LOW_EXECUTION": _l("Xem lại khả năng cử người đi học trước khi giữ số lượng như năm trước"),
    "NO_NAMED_SOURCE": _l("Cần nêu tên thêm %(missing)s người hoặc giảm số lượng xuống %(named)s"),
    "STALE_PLAN": _l("Lập phiên bản bổ sung, điều chỉnh kế hoạch để thay %(person)s"),
    "SUCCESSION_UNLINKED": _l("Cân nhắc nêu tên %(person)s trong kế hoạch"),
}


def _locale() -> str:
    return str(get_locale() or "vi")


def _format_number(value, locale: str) -> str:
    if isinstance(value, float):
        text = f"{value:g}" if value != int(value) else f"{int(value)}"
        return text.replace(".", ",") if locale == "vi" else text
    return str(value)


def _format_date(value, locale: str) -> str:
    return value.strftime("%d/%m/%Y") if locale == "vi" else value.isoformat()


def _values(finding) -> dict:
    locale = _locale()
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
        values["reasons"] = ", ".join(in_sentence(label("reason", r)) for r in finding.figures["reasons"])
    if "event" in finding.figures:
        values["event"] = str(EVENT_LABELS[finding.figures["event"]])
    if "track" in finding.figures:
        values["track"] = in_sentence(label("track", finding.figures["track"]))
    f = finding.figures
    if "planned" in f and "named" in f:
        values["missing"] = f["planned"] - f["named"]
    if "demand" in f:
        values["excess"] = f["demand"] - f["capacity"]
    if "expected" in f:
        values["missing"] = math.ceil(f["expected"] - f["planned"])
    return values


def finding_message(finding) -> str:
    return str(MESSAGES[finding.code]) % _values(finding)


def finding_fix(finding) -> str | None:
    fix = FIXES.get(finding.code)
    return str(fix) % _values(finding) if fix is not None else None
