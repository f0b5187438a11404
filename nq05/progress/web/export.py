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


def figure_headers() -> list[str]:
    """The columns of one block: an indicator's (or one group's) figures then and now."""
    return [
        _("Ngày gốc: số người"),
        _("Ngày gốc: số đạt"),
        _("Ngày gốc: tỷ lệ (%)"),
        _("Hiện tại: số người"),
        _("Hiện tại: số đạt"),
        _("Hiện tại: tỷ lệ (%)"),
        _("Thay đổi (điểm %)"),
    ]


def report_headers() -> list[str]:
    return [_("Đối tượng"), _("Chỉ số"), *figure_headers(), _("Thay đổi"), _("Mục tiêu (%)")]


def count_headers() -> list[str]:
    return [_("Trình độ"), _("Chỉ tiêu"), _("Đã đạt"), _("Tỷ lệ đạt (%)"), _("Tình trạng"), _("Kết quả")]


#: where the shares and the change sit inside a block of figure_headers() (0 = its first column)
SHARE_OFFSETS = (2, 5, 6)
#: the first column of the indicator's own block; each group's block follows the whole table
FIRST_BLOCK = 3


def _figures(figures: dict) -> list:
    before, after = figures["baseline"], figures["as_of"]
    return [
        before["population"],
        before["holders"],
        before["share"],
        after["population"],
        after["holders"],
        after["share"],
        figures["delta_pp"],
    ]


def report_workbook(
    report: dict, programme_names: dict[str, str], period, group_labels: dict[str, str] | None = None
) -> bytes:
    """The report as a workbook; with a breakdown (``group_labels``), one block of columns per group
    to the right of the indicator's own, under a band naming the group."""
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
    groups = [g for g in (group_labels or {}) if g]
    headers = report_headers()
    block = len(figure_headers())
    starts = [len(headers) + 1 + i * block for i in range(len(groups))]
    if groups:
        _group_band(
            sheet,
            [(FIRST_BLOCK, len(headers), group_labels[""])]
            + [(start, start + block - 1, group_labels[g]) for start, g in zip(starts, groups, strict=True)],
        )
        headers += figure_headers() * len(groups)
    _header_row(sheet, headers)
    share_columns = [FIRST_BLOCK + o for o in SHARE_OFFSETS] + [len(report_headers())]
    share_columns += [start + o for start in starts for o in SHARE_OFFSETS]
    for ind in report["indicators"]:
        row = [
            wording.category_text(ind["category"]),
            wording.indicator_text(ind, programme_names),
            *_figures(ind),
            wording.change_text(ind["delta_pp"]),
            ind["target"],
        ]
        for group in ind.get("groups", ()):
            row += _figures(group)
        append_row(sheet, row)
        for column in share_columns:
            sheet.cell(row=sheet.max_row, column=column).number_format = SHARE_FORMAT
    if report["counts"]:
        append_row(sheet, [])
        append_row(sheet, [_("Chỉ tiêu số lượng giai đoạn %(period)s", period=period.code if period else "")])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        _header_row(sheet, count_headers() + [_("%(group)s: đã đạt", group=group_labels[g]) for g in groups])
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
                    *(g["achieved"] for g in count.get("groups", ())),
                ],
            )
            sheet.cell(row=sheet.max_row, column=4).number_format = SHARE_FORMAT
    widths = [42, 48, 12, 12, 12, 12, 12, 12, 14, 16, 12] + [12] * (block * len(groups))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C6" if groups else "C5"
    return workbook_bytes(book)


def _group_band(sheet, spans: list[tuple[int, int, str]]) -> None:
    """A row naming whose figures each block of columns holds: (first column, last column, name)."""
    values: list[str | None] = [None] * max(last for _first, last, _name in spans)
    for first, _last, name in spans:
        values[first - 1] = name
    append_row(sheet, values)
    row = sheet.max_row
    for first, last, _name in spans:
        cell = sheet.cell(row=row, column=first)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _header_row(sheet, headers: list[str]) -> None:
    append_row(sheet, headers)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
