"""Results uploaded from the roster .xlsx: the exported roster with its result columns filled in.

All rows or none: every row is read and checked first (errors located by sheet, row and column, in
the user's language); then each result goes through ``operations.record_result``, the operation
the roster's form uses, in one transaction; a refusal there is reported at its row and nothing is
kept. Reading is bounded (``nq05.spreadsheets.reading``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from nq05.classes import operations
from nq05.classes.errors import RosterRefused
from nq05.classes.export import HEADERS
from nq05.classes.models import Enrolment
from nq05.classes.results import parse_date, parse_grade, parse_result
from nq05.extensions import db
from nq05.spreadsheets.cells import sheet_title
from nq05.spreadsheets.reading import MB, BoundedWorkbook, SpreadsheetRefused, XlsxLimits
from nq05.staff.models import Person

#: a roster: a few hundred people; the attendance columns may run far to the right, unread
ROSTER_LIMITS = XlsxLimits(
    max_rows=5_000, max_columns=40, max_member_bytes=8 * MB, max_total_bytes=32 * MB, seconds=10
)
REQUIRED = ("code", "result", "on")
#: the column a refusal of record_result points at
REFUSAL_COLUMN = {
    "result_before_start": "on",
    "result_after_today": "on",
    "result_needs_date": "on",
    "unknown_grade": "grade",
    "score_out_of_scale": "grade",
    "certificate_needs_completed": "certificate_no",
    "certificate_date_outside": "certificate_on",
    "correction_needs_reason": "reason",
}


@dataclass(frozen=True)
class UploadError:
    sheet: str
    row: int | None
    column: str | None
    message: str


class UploadRefused(Exception):
    def __init__(self, errors: list[UploadError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass
class UploadOutcome:
    changed: int = 0
    unchanged: int = 0
    awarded: int = 0
    moved: int = 0
    withdrawn: int = 0


@dataclass
class _Row:
    number: int
    enrolment: Enrolment
    result: str
    on: date
    grade: str | None
    score: Decimal | None
    certificate_no: str | None
    certificate_on: date | None
    reason: str | None


def _plain(value) -> str:
    return " ".join(unicodedata.normalize("NFC", str(value or "")).strip().lower().split())


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def import_results(
    data: bytes, training_class, *, confirm_low_attendance: bool = False, actor=None
) -> UploadOutcome:
    """Record the results written in the roster workbook ``data``; UploadRefused lists every error.
    The caller commits (or rolls back on UploadRefused)."""
    try:
        with BoundedWorkbook(data, ROSTER_LIMITS) as book:
            sheet, rows, columns = _read(book, training_class)
    except SpreadsheetRefused as refused:
        raise UploadRefused(
            [UploadError(refused.sheet or "", refused.row, None, _refusal_message(refused))]
        ) from None
    return _record(sheet, rows, columns, confirm_low_attendance, actor)


def _refusal_message(refused: SpreadsheetRefused) -> str:
    messages = {
        "too_many_rows": _l("Trang tính có quá %(max)s dòng.", **refused.params),
        "too_slow": _l("Đọc tệp quá %(seconds)s giây: tệp quá lớn hoặc bị lỗi.", **refused.params),
        "member_too_large": _l("Tệp quá lớn khi giải nén (quá %(mb)s MB một phần).", **refused.params),
        "too_large": _l("Tệp quá lớn khi giải nén (quá %(mb)s MB).", **refused.params),
        "too_many_members": _l("Tệp có quá nhiều thành phần để là một bảng tính."),
    }
    return str(messages.get(refused.key) or _l("Tệp tải lên không phải bảng tính Excel (.xlsx)."))


def _read(book: BoundedWorkbook, training_class) -> tuple[str, list[_Row], dict[str, int]]:
    errors: list[UploadError] = []
    name = sheet_title(training_class.code)
    if name not in book.sheetnames:
        raise UploadRefused(
            [
                UploadError(
                    name,
                    None,
                    None,
                    str(
                        _l(
                            "Thiếu trang tính «%(sheet)s» (tải danh sách của lớp này, điền kết quả rồi tải lên).",
                            sheet=name,
                        )
                    ),
                )
            ]
        )
    lines = list(book.rows(name))
    columns: dict[str, int] = {}
    header_row = None
    wanted = {key: {_plain(vi), _plain(str(words))} for key, (vi, words) in HEADERS.items()}
    for number, values in lines:
        found = {
            key: i for i, v in enumerate(values) for key, names in wanted.items() if v and _plain(v) in names
        }
        if "code" in found:
            header_row, columns = number, found
            break
    if header_row is None:
        raise UploadRefused(
            [UploadError(name, None, None, str(_l("Không tìm thấy dòng tiêu đề có cột «Mã cán bộ».")))]
        )
    missing = [key for key in REQUIRED if key not in columns]
    if missing:
        raise UploadRefused(
            [
                UploadError(
                    name, header_row, None, str(_l("Thiếu cột «%(column)s».", column=HEADERS[key][1]))
                )
                for key in missing
            ]
        )

    def letter(key: str) -> str:
        return get_column_letter(columns[key] + 1)

    def cell(values, key):
        return values[columns[key]] if key in columns else None

    body = [(n, v) for n, v in lines if n > header_row and _text(cell(v, "code"))]
    codes = {_text(cell(v, "code")) for _, v in body}
    enrolments = {
        code: enrolment
        for code, enrolment in db.session.execute(
            select(Person.code, Enrolment)
            .join(Enrolment, Enrolment.person_id == Person.id)
            .where(Enrolment.class_id == training_class.id, Person.code.in_(codes))
        ).all()
    }
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for number, values in body:

        def error(key, message, number=number):
            errors.append(UploadError(name, number, letter(key) if key in columns else None, str(message)))

        errors_before = len(errors)
        code = _text(cell(values, "code"))
        if code in seen:
            error("code", _l("Mã cán bộ %(code)s đã có ở dòng %(row)s.", code=code, row=seen[code]))
            continue
        seen[code] = number
        filled = [
            key
            for key in ("result", "on", "grade", "certificate_no", "certificate_on")
            if _text(cell(values, key))
        ]
        if not filled:
            continue  # no result written on this row: left as it is
        enrolment = enrolments.get(code)
        if enrolment is None:
            error("code", _l("Mã cán bộ %(code)s không có trong danh sách học viên của lớp.", code=code))
            continue
        if enrolment.status not in ("accepted", "completed", "failed"):
            error("result", _l("%(code)s không có chỗ trong lớp: không ghi được kết quả.", code=code))
            continue
        result = parse_result(_text(cell(values, "result")))
        if result is None:
            error(
                "result",
                _l(
                    "Kết quả «%(value)s» không hợp lệ: ghi hoàn thành, không đạt hoặc không hoàn thành khóa học.",
                    value=_text(cell(values, "result")),
                ),
            )
        on = certificate_on = None
        try:
            on = parse_date(cell(values, "on"))
            if on is None:
                error("on", _l("Cần ghi ngày có kết quả."))
        except ValueError:
            error(
                "on", _l("Ngày «%(value)s» không hợp lệ (viết dd/mm/yyyy).", value=_text(cell(values, "on")))
            )
        try:
            certificate_on = parse_date(cell(values, "certificate_on"))
        except ValueError:
            error(
                "certificate_on",
                _l(
                    "Ngày «%(value)s» không hợp lệ (viết dd/mm/yyyy).",
                    value=_text(cell(values, "certificate_on")),
                ),
            )
        grade = score = None
        try:
            grade, score = parse_grade(cell(values, "grade"))
        except ValueError:
            error(
                "grade",
                _l(
                    "Xếp loại «%(value)s» không hợp lệ: ghi xuất sắc, giỏi, khá, trung bình hoặc một điểm số.",
                    value=_text(cell(values, "grade")),
                ),
            )
        certificate_no = _text(cell(values, "certificate_no")) or None
        if certificate_no and len(certificate_no) > 64:
            error("certificate_no", _l("Số chứng chỉ dài quá 64 ký tự."))
        reason = _text(cell(values, "reason"))[:1000] or None
        if len(errors) == errors_before:
            rows.append(
                _Row(number, enrolment, result, on, grade, score, certificate_no, certificate_on, reason)
            )
    if errors:
        raise UploadRefused(errors)
    return name, rows, columns


def _record(sheet: str, rows: list[_Row], columns: dict[str, int], confirm: bool, actor) -> UploadOutcome:
    """Each row through record_result, as the form does; a refusal is reported at its row."""
    errors: list[UploadError] = []
    outcome = UploadOutcome()
    for row in rows:
        try:
            done = operations.record_result(
                row.enrolment,
                row.result,
                row.on,
                grade=row.grade,
                score=row.score,
                certificate_no=row.certificate_no,
                certificate_on=row.certificate_on,
                reason=row.reason,
                confirm_low_attendance=confirm,
                actor=actor,
            )
        except RosterRefused as refused:
            key = REFUSAL_COLUMN.get(refused.code, "result")
            column = get_column_letter(columns[key] + 1) if key in columns else None
            errors.append(UploadError(sheet, row.number, column, refused.message))
            continue
        if done.changed:
            outcome.changed += 1
        else:
            outcome.unchanged += 1
        if done.qualification_change:
            setattr(outcome, done.qualification_change, getattr(outcome, done.qualification_change) + 1)
    if errors:
        raise UploadRefused(errors)
    return outcome
