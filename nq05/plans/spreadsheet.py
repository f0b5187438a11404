"""A plan as an Excel workbook, and a filled workbook back into a draft version.

The workbook has three sheets: the plan's identity, its lines, and the people named on them.
An upload is read within bounds (nq05.spreadsheets.reading), checked row by row and refused
whole, with every error named (sheet, row, column, message), or it becomes the unit's new draft
version. Only people the user may name are named back in errors (docs/security.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from nq05 import clock
from nq05.domain.codes import CATEGORIES
from nq05.extensions import db
from nq05.labels import label
from nq05.plans import operations, queries
from nq05.plans.models import Plan, PlanLine, PlanNominee
from nq05.spreadsheets.reading import UPLOAD_LIMITS, BoundedWorkbook, SpreadsheetRefused
from nq05.spreadsheets.writing import Workbook, append_row, workbook_bytes
from nq05.staff.models import Person, Unit

INFO_SHEET = "Thông tin"
LINES_SHEET = "Dòng kế hoạch"
NAMES_SHEET = "Người được cử"
INFO_ROWS = ("Đơn vị", "Tên đơn vị", "Năm", "Lần", "Trạng thái")
LINE_HEADERS = ("Mã chương trình", "Tên chương trình", "Đối tượng", "Số người dự kiến")
NAME_HEADERS = ("Mã chương trình", "Đối tượng", "Mã cán bộ", "Họ và tên")


@dataclass(frozen=True)
class UploadError:
    sheet: str
    #: 1-based row of the sheet (None: the sheet as a whole)
    row: int | None
    #: column letter (None: the row or sheet as a whole)
    column: str | None
    message: str


class UploadRefused(Exception):
    def __init__(self, errors: list[UploadError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def _bold_header(sheet, headers) -> None:
    append_row(sheet, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(14, len(header) + 4)


def export_plan(plan: Plan) -> bytes:
    """The plan version as an .xlsx workbook."""
    plan = queries.plan_with_content(plan.id) or plan
    book = Workbook()
    info = book.active
    info.title = INFO_SHEET
    status = label("plan_status", plan.status)
    for row_label, value in zip(
        INFO_ROWS, (plan.unit.code, plan.unit.name, plan.year, plan.version, status), strict=True
    ):
        append_row(info, [row_label, value])
    info.column_dimensions["A"].width = 16
    info.column_dimensions["B"].width = 40
    lines = book.create_sheet(LINES_SHEET)
    _bold_header(lines, LINE_HEADERS)
    names = book.create_sheet(NAMES_SHEET)
    _bold_header(names, NAME_HEADERS)
    for line in plan.lines:
        category = label("category", line.category)
        append_row(lines, [line.programme.code, line.programme.name, category, line.planned_count])
        for nominee in line.nominees:
            append_row(names, [line.programme.code, category, nominee.person.code, nominee.person.full_name])
    return workbook_bytes(book)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def category_codes() -> dict[str, str]:
    """What a category cell may say -> the category's code: its name (Vietnamese or English, any
    case) as the export writes it, or its code (the files of earlier versions)."""
    known = {_folded(code): code for code in CATEGORIES}
    for locale in ("vi", "en"):  # the app's languages (nq05.i18n.LANGUAGES)
        with force_locale(locale):
            known.update({_folded(label("category", code)): code for code in CATEGORIES})
    return known


def _whole_number(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value)
    return int(text) if text.isdigit() or (text.startswith("-") and text[1:].isdigit()) else None


@dataclass(frozen=True)
class _Line:
    programme_id: int
    category: str | None
    planned_count: int


def _rows(book: BoundedWorkbook, sheet: str):
    """(row number, cells) of the data rows, blank rows left out."""
    for number, cells in book.rows(sheet):
        if number > 1 and any(_text(c) for c in cells):  # the header is row 1
            yield number, list(cells) + [None] * 4


def _refusal_message(refused: SpreadsheetRefused) -> str:
    messages = {
        "too_many_rows": _l("Trang tính có quá %(max)s dòng.", **refused.params),
        "too_slow": _l("Đọc tệp quá %(seconds)s giây: tệp quá lớn hoặc bị lỗi.", **refused.params),
        "member_too_large": _l("Tệp quá lớn khi giải nén (quá %(mb)s MB một phần).", **refused.params),
        "too_large": _l("Tệp quá lớn khi giải nén (quá %(mb)s MB).", **refused.params),
        "too_many_members": _l("Tệp có quá nhiều thành phần để là một bảng tính."),
    }
    return str(messages.get(refused.key) or _l("Tệp tải lên không phải bảng tính Excel (.xlsx)."))


def read_upload(data: bytes, unit: Unit, year: int, today: date, actor=None) -> tuple[list[_Line], dict]:
    """The lines and names of a filled workbook, or UploadRefused with every error."""
    try:
        with BoundedWorkbook(data, UPLOAD_LIMITS) as book:
            return _read_book(book, unit, year, today, actor)
    except SpreadsheetRefused as refused:
        raise UploadRefused(
            [UploadError(refused.sheet or "", refused.row, None, _refusal_message(refused))]
        ) from None


def _read_book(book: BoundedWorkbook, unit: Unit, year: int, today: date, actor) -> tuple[list[_Line], dict]:
    errors: list[UploadError] = []

    def error(sheet, row, column, message):
        errors.append(UploadError(sheet, row, column, str(message)))

    missing = [s for s in (INFO_SHEET, LINES_SHEET, NAMES_SHEET) if s not in book.sheetnames]
    for sheet in missing:
        error(sheet, None, None, _l("Thiếu trang tính “%(sheet)s”.", sheet=sheet))
    if missing:
        raise UploadRefused(errors)

    info = {_text(row[0]): (n, row[1]) for n, row in book.rows(INFO_SHEET) if any(row)}
    unit_row, unit_code = info.get("Đơn vị", (1, None))
    if _text(unit_code) != unit.code:
        error(
            INFO_SHEET,
            unit_row,
            "B",
            _l("Mã đơn vị phải là %(code)s (đơn vị của kế hoạch này).", code=unit.code),
        )
    year_row, year_value = info.get("Năm", (3, None))
    if _whole_number(year_value) != year:
        error(INFO_SHEET, year_row, "B", _l("Năm kế hoạch phải là %(year)s.", year=year))

    programmes = queries.programmes_by_code()
    categories = category_codes()
    lines: dict[tuple[str, str | None], _Line] = {}
    #: every line key written on the sheet, valid or not: a name on a line with its own error
    #: is not reported a second time as "no such line"
    written: set[tuple[str, str | None]] = set()
    for number, (code, _name, category_cell, planned, *_rest) in _rows(book, LINES_SHEET):
        code, written_category = _text(code), _text(category_cell) or None
        category = categories.get(_folded(written_category)) if written_category else None
        written.add((code, category or written_category))
        programme = programmes.get(code)
        if not code:
            error(LINES_SHEET, number, "A", _l("Thiếu mã chương trình."))
        elif programme is None:
            error(LINES_SHEET, number, "A", _l("Không có chương trình mã “%(code)s”.", code=code))
        if written_category is not None and category is None:
            error(
                LINES_SHEET,
                number,
                "C",
                _l(
                    "Đối tượng “%(value)s” không hợp lệ; để trống hoặc ghi một trong: %(names)s.",
                    value=written_category,
                    names="; ".join(label("category", c) for c in CATEGORIES),
                ),
            )
        count = _whole_number(planned)
        if count is None or count < 0:
            error(LINES_SHEET, number, "D", _l("Số người dự kiến phải là số nguyên từ 0 trở lên."))
        if programme is None or count is None or count < 0 or (written_category and category is None):
            continue
        if (code, category) in lines:
            error(
                LINES_SHEET,
                number,
                "A",
                _l("Chương trình “%(code)s” với đối tượng này đã có ở dòng trên.", code=code),
            )
            continue
        lines[(code, category)] = _Line(programme.id, category, count)

    # only people the user may name are looked up: a code outside gets no name back
    nameable = queries.nameable_person_ids(unit.id, year, today, actor)
    name_rows = list(_rows(book, NAMES_SHEET))
    codes = {_text(r[2]) for _, r in name_rows if _text(r[2])}
    people = (
        {
            p.code: p
            for p in db.session.scalars(select(Person).where(Person.code.in_(codes), Person.id.in_(nameable)))
        }
        if codes and nameable
        else {}
    )
    named: dict[tuple[str, str | None], list[int]] = {}
    for number, (code, category_cell, person_code, *_rest) in name_rows:
        written_category = _text(category_cell) or None
        key = (
            _text(code),
            categories.get(_folded(written_category), written_category) if written_category else None,
        )
        person_code = _text(person_code)
        if key not in written:
            error(
                NAMES_SHEET,
                number,
                "A",
                _l(
                    "Không có dòng kế hoạch nào cho chương trình “%(code)s” với đối tượng này ở trang “%(sheet)s”.",
                    code=key[0],
                    sheet=LINES_SHEET,
                ),
            )
        person = people.get(person_code)
        if not person_code:
            error(NAMES_SHEET, number, "C", _l("Thiếu mã cán bộ."))
        elif person is None:
            error(
                NAMES_SHEET,
                number,
                "C",
                _l("Cán bộ mã “%(code)s” không thuộc đơn vị %(unit)s.", code=person_code, unit=unit.code),
            )
        elif key in lines and person.id in named.get(key, []):
            error(
                NAMES_SHEET,
                number,
                "C",
                _l("%(name)s đã được cử cho dòng này ở trên.", name=person.full_name),
            )
        elif key in lines:
            named.setdefault(key, []).append(person.id)
    if errors:
        raise UploadRefused(errors)
    return list(lines.values()), {lines[k]: ids for k, ids in named.items()}


def import_plan(
    data: bytes, unit: Unit, year: int, actor, *, lock_version: int | None = None, today: date | None = None
) -> Plan:
    """Make the filled workbook the unit's draft for ``year``.

    With no plan yet it becomes version 1; after an approved or returned version, the next
    version; a draft in progress has its content replaced (it is already the new version).
    """
    today = today or clock.today()
    lines, named = read_upload(data, unit, year, today, actor)
    latest = queries.latest_version(unit.id, year)
    if latest is None:
        plan = operations.start_plan(unit, year, actor)
        plan.events[-1].action = "uploaded"
    elif latest.status == "submitted":
        raise operations.PlanRefused("submitted_pending")
    elif latest.status == "draft":
        operations.ensure_editable(latest, actor, lock_version)
        plan = latest
        operations.record_event(plan, "uploaded", "draft", actor)
    else:
        plan = operations.start_next_version(latest, actor, action="uploaded")
    plan.lines.clear()
    db.session.flush()
    for position, line in enumerate(lines):
        new = PlanLine(
            programme_id=line.programme_id,
            category=line.category,
            planned_count=line.planned_count,
            position=position,
        )
        new.nominees = [PlanNominee(person_id=p, position=i) for i, p in enumerate(named.get(line, []))]
        plan.lines.append(new)
    operations.mark_changed(plan)
    operations.flush_or_refuse(db.session)
    return plan
