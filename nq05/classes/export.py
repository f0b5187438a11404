"""The roster as an .xlsx workbook (openpyxl): one sheet, one row per person."""

from __future__ import annotations

from flask_babel import gettext as _
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from nq05.labels import label
from nq05.spreadsheets.cells import sheet_title
from nq05.spreadsheets.writing import Workbook, append_row, workbook_bytes


def roster_workbook(training_class, rows) -> bytes:
    """A workbook of the roster rows (as queries.roster gives them)."""
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
    header = [
        _("STT"),
        _("Mã cán bộ"),
        _("Họ và tên"),
        _("Đơn vị công tác"),
        _("Trạng thái"),
        _("Ngày cử"),
        _("Ngày quyết định"),
        _("Ngày có kết quả"),
        _("Lý do"),
        *[d.day.strftime("%d/%m") for d in training_class.session_days],
    ]
    append_row(sheet, header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for n, row in enumerate(rows, start=1):
        e = row.enrolment
        marks = []
        for day in training_class.session_days:
            present = row.attendance.get(day.id)
            marks.append("" if present is None else ("x" if present else _("vắng")))
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
                e.completed_on,
                e.reason or "",
                *marks,
            ],
        )
    for column, width in zip("ABCDEFGHI", (5, 12, 28, 28, 16, 12, 14, 14, 30), strict=True):
        sheet.column_dimensions[column].width = width
    for i in range(len(header) - 9):
        sheet.column_dimensions[get_column_letter(10 + i)].width = 7
    for row_cells in sheet.iter_rows(min_row=3):
        for cell in row_cells:
            if hasattr(cell.value, "year"):
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "D7"
    return workbook_bytes(book)
