"""The roster as an .xlsx workbook (openpyxl): one sheet, one row per person.

The result columns ("Kết quả" … "Lý do sửa kết quả") are the ones ``nq05.classes.upload`` reads
back: a centre fills them in and uploads the workbook (docs/dev/classes.md, "Results from the
roster .xlsx").
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from nq05.classes.results import grade_label, result_label
from nq05.labels import label
from nq05.spreadsheets.cells import sheet_title
from nq05.spreadsheets.writing import Workbook, append_row, workbook_bytes

#: the header of each column the upload reads: (the Vietnamese words, the words in the user's
#: language); the upload accepts either
HEADERS = {
    "code": ("Mã cán bộ", _l("Mã cán bộ")),
    "result": ("Kết quả", _l("Kết quả")),
    "on": ("Ngày có kết quả", _l("Ngày có kết quả")),
    "grade": ("Xếp loại hoặc điểm", _l("Xếp loại hoặc điểm")),
    "certificate_no": ("Số chứng chỉ, văn bằng", _l("Số chứng chỉ, văn bằng")),
    "certificate_on": ("Ngày cấp", _l("Ngày cấp")),
    "reason": ("Lý do sửa kết quả", _l("Lý do sửa kết quả")),
}


def header(key: str) -> str:
    return str(HEADERS[key][1])


def roster_workbook(training_class, rows, rates: dict[int, float] | None = None) -> bytes:
    """A workbook of the roster rows (as queries.roster gives them); ``rates``: enrolment id ->
    attendance rate (operations.attendance_rates)."""
    rates = rates or {}
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(training_class.code)
    programme = training_class.programme
    append_row(sheet, [_("Lớp"), training_class.code, programme.name])
    append_row(sheet, [_("Cơ sở đào tạo"), training_class.centre.name, training_class.place or ""])
    append_row(sheet, [_("Thời gian học"), training_class.start_date, training_class.end_date])
    # the fee and who pays, on the row of the seats (the rows above the header keep their places)
    append_row(
        sheet,
        [
            _("Số chỗ"),
            training_class.capacity,
            _("Kinh phí mỗi học viên (đồng)"),
            training_class.fee_per_head,
            _("Nguồn kinh phí"),
            training_class.funding_source or "",
        ],
    )
    append_row(sheet, [])
    fixed = [
        _("STT"),
        header("code"),
        _("Họ và tên"),
        _("Đơn vị công tác"),
        _("Trạng thái"),
        _("Ngày cử"),
        _("Ngày quyết định"),
        _("Lý do"),
        _("Tỷ lệ chuyên cần"),
        header("result"),
        header("on"),
        header("grade"),
        header("certificate_no"),
        header("certificate_on"),
        header("reason"),
    ]
    titles = [*fixed, *[d.day.strftime("%d/%m") for d in training_class.session_days]]
    append_row(sheet, titles)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for n, row in enumerate(rows, start=1):
        e = row.enrolment
        marks = []
        for day in training_class.session_days:
            present = row.attendance.get(day.id)
            marks.append("" if present is None else ("x" if present else _("vắng")))
        rate = rates.get(e.id)
        append_row(
            sheet,
            [
                n,
                row.person.code,
                row.person.full_name,
                row.unit.name if row.unit else "",
                label("enrolment_status", e.status),
                e.nominated_on,
                e.decided_on,
                e.reason or "",
                None if rate is None else round(rate, 4),
                result_label(e.result_kind),
                e.completed_on,
                grade_label(e.grade) or (float(e.score) if e.score is not None else None),
                e.certificate_no or "",
                e.certificate_on,
                "",
                *marks,
            ],
        )
    widths = (5, 12, 28, 28, 16, 12, 14, 30, 10, 22, 14, 12, 18, 12, 30)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for i in range(len(fixed) + 1, len(titles) + 1):
        sheet.column_dimensions[get_column_letter(i)].width = 7
    for row_cells in sheet.iter_rows(min_row=3):
        for cell in row_cells:
            if hasattr(cell.value, "year"):
                cell.number_format = "DD/MM/YYYY"
    for (cell,) in sheet.iter_rows(min_row=7, min_col=9, max_col=9):
        cell.number_format = "0.0%"
    sheet.freeze_panes = "D7"
    return workbook_bytes(book)
