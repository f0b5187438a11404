"""The progress report as an .xlsx workbook: the same table as the page, numbers as numbers."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from nq05.progress.web import wording
from nq05.spreadsheets.cells import sheet_title
from nq05.spreadsheets.writing import Workbook, append_row, workbook_bytes
from nq05.web.formatting import date_vn
from nq05.web.labels import label, level_label

HEADER_FILL = PatternFill("solid", fgColor="EEF1F4")
SHARE_FORMAT = "0.0"


def report_headers() -> list[str]:
    return [
        _("Đối tượng"),
        _("Chỉ số"),
        _("Ngày gốc: số người"),
        _("Ngày gốc: số đạt"),
        _("Ngày gốc: tỷ lệ (%)"),
        _("Hiện tại: số người"),
        _("Hiện tại: số đạt"),
        _("Hiện tại: tỷ lệ (%)"),
        _("Thay đổi (điểm %)"),
        _("Thay đổi"),
        _("Mục tiêu (%)"),
    ]


def count_headers() -> list[str]:
    return [_("Trình độ"), _("Chỉ tiêu"), _("Đã đạt"), _("Tỷ lệ đạt (%)"), _("Tình trạng"), _("Kết quả")]


def report_workbook(report: dict, programme_names: dict[str, str], period) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(_("Báo cáo tiến độ"))
    baseline, as_of = date.fromisoformat(report["baseline"]), date.fromisoformat(report["as_of"])
    append_row(sheet, [_("Báo cáo tiến độ đào tạo, bồi dưỡng cán bộ, công chức")])
    sheet["A1"].font = Font(bold=True, size=13)
    line = _("Ngày gốc %(baseline)s, tính đến %(as_of)s", baseline=date_vn(baseline), as_of=date_vn(as_of))
    if period is not None:
        line += " · " + _("Giai đoạn %(period)s", period=period.code)
    append_row(sheet, [line])
    append_row(sheet, [])
    _header_row(sheet, report_headers())
    for ind in report["indicators"]:
        before, after = ind["baseline"], ind["as_of"]
        append_row(
            sheet,
            [
                wording.category_text(ind["category"]),
                wording.indicator_text(ind, programme_names),
                before["population"],
                before["holders"],
                before["share"],
                after["population"],
                after["holders"],
                after["share"],
                ind["delta_pp"],
                wording.change_text(ind["delta_pp"]),
                ind["target"],
            ],
        )
        for column in (5, 8, 9, 11):
            sheet.cell(row=sheet.max_row, column=column).number_format = SHARE_FORMAT
    if report["counts"]:
        append_row(sheet, [])
        append_row(sheet, [_("Chỉ tiêu số lượng giai đoạn %(period)s", period=period.code if period else "")])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        _header_row(sheet, count_headers())
        for count in report["counts"]:
            append_row(
                sheet,
                [
                    f"{level_label(count['track'], count['level'])} ({label('track_short', count['track'])})",
                    count["target"],
                    count["achieved"],
                    count["pct"],
                    wording.count_status(count["status"]),
                    wording.count_text(count),
                ],
            )
            sheet.cell(row=sheet.max_row, column=4).number_format = SHARE_FORMAT
    for index, width in enumerate((42, 48, 12, 12, 12, 12, 12, 12, 14, 16, 12), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C5"
    return workbook_bytes(book)


def _header_row(sheet, headers: list[str]) -> None:
    append_row(sheet, headers)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
