"""Readable tables for the command line, in the command line's language."""

from __future__ import annotations

from datetime import date

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from nq05.labels import label

HEADERS = {
    "realism": (
        _l("Mức"),
        _l("Loại phát hiện"),
        _l("Đơn vị"),
        _l("Nội dung"),
        _l("Cách khắc phục"),
    ),
    "gaps": (
        _l("Đơn vị"),
        _l("Đối tượng"),
        _l("Trình độ"),
        _l("Chỉ tiêu"),
        _l("Kế hoạch"),
        _l("Nêu tên"),
        _l("Cử học"),
        _l("Hoàn thành"),
        _l("Còn thiếu"),
        "%",
        _l("Tình trạng"),
    ),
    "report": (
        _l("Đối tượng"),
        _l("Chỉ số"),
        _l("Ngày gốc"),
        _l("Hiện tại"),
        _l("Tăng/giảm (điểm %)"),
        _l("Mục tiêu"),
    ),
    "counts": (_l("Trình độ"), _l("Chỉ tiêu"), _l("Đạt"), "%", _l("Tình trạng")),
}

STATUS = {
    "on_track": _l("đúng tiến độ"),
    "behind": _l("chậm"),
    "met": _l("đạt"),
    "exceeded": _l("vượt"),
    "below": _l("chưa đạt"),
}
SEVERITY = {"error": _l("lỗi"), "warning": _l("cảnh báo"), "info": _l("lưu ý")}
#: the groups of a breakdown (nq05.domain.groups), in the glossary's words
GROUP_NAMES = {
    "F": _l("nữ"),
    "M": _l("nam"),
    "minority": _l("dân tộc thiểu số"),
    "kinh": _l("dân tộc Kinh"),
    "unknown": _l("chưa rõ"),
}


def _english() -> bool:
    return str(get_locale() or "vi") == "en"


def _date(text: str) -> str:
    return text if _english() else date.fromisoformat(text).strftime("%d/%m/%Y")


def _num(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        text = f"{value:.1f}"
        return text if _english() else text.replace(".", ",")
    return str(value)


def render(headers, rows) -> str:
    headers = [str(h) for h in headers]
    rows = [[("" if c is None else str(c)) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def realism_table(year, as_of, findings) -> str:
    title = _(
        "Kết quả kiểm tra kế hoạch năm %(year)s (tính đến %(as_of)s): %(n)s phát hiện",
        year=year,
        as_of=_date(as_of.isoformat()),
        n=len(findings),
    )
    rows = [
        (
            SEVERITY[f.severity],
            label("finding", f.code),
            f.details.get("unit_name") or f.unit,
            f.message(),
            f.fix() or "",
        )
        for f in findings
    ]
    return title + "\n\n" + render(HEADERS["realism"], rows)


def gaps_table(data: dict) -> str:
    title = _(
        "Kế hoạch so với chỉ tiêu giai đoạn %(period)s (tính đến %(as_of)s)",
        period=data["period"],
        as_of=_date(data["as_of"]),
    )
    rows = [
        (
            r["unit"] or "",
            r["category"] or "",
            f"{r['track']}:{r['level']}",
            _num(r["target"]),
            r["planned"],
            r["named"],
            r["nominated"],
            r["completed"],
            _num(r["gap"]),
            _num(r["pct"]),
            STATUS[r["status"]] if r["status"] else "",
        )
        for r in data["rows"]
    ]
    return title + "\n\n" + render(HEADERS["gaps"], rows)


def report_table(data: dict) -> str:
    title = _(
        "Báo cáo tiến độ: %(baseline)s → %(as_of)s",
        baseline=_date(data["baseline"]),
        as_of=_date(data["as_of"]),
    )
    rows = []
    for ind in data["indicators"]:
        what = f"{ind['track']} ≥ {ind['min_level']}" if ind["track"] else ind["programme"]
        rows.append((ind["category"] or _("Tất cả"), what, *_then_and_now(ind), _num(ind["target"])))
        for group in ind.get("groups", ()):
            rows.append(("", f"  · {GROUP_NAMES[group['group']]}", *_then_and_now(group), ""))
    text = title + "\n\n" + render(HEADERS["report"], rows)
    if data["counts"]:
        counts = []
        for c in data["counts"]:
            counts.append(
                (
                    f"{c['track']}:{c['level']}",
                    _num(c["target"]),
                    c["achieved"],
                    _num(c["pct"]),
                    STATUS[c["status"]],
                )
            )
            for group in c.get("groups", ()):
                counts.append((f"  · {GROUP_NAMES[group['group']]}", "", group["achieved"], "", ""))
        text += "\n\n" + render(HEADERS["counts"], counts)
    return text


def unit_progress_table(data: dict) -> str:
    """``nq05 report --unit``: the unit's report, then its plan versus quota (with --period)."""
    others = len(data["units"]) - 1
    title = _(
        "Tiến độ của %(name)s (%(code)s) và %(n)s đơn vị trực thuộc",
        name=data["unit"]["name"],
        code=data["unit"]["code"],
        n=others,
    )
    text = title + "\n\n" + report_table(data)
    if data["gaps"] is not None:
        text += "\n\n" + gaps_table(data["gaps"])
        text += "\n" + _(
            "Dòng chỉ tiêu toàn tỉnh hoặc theo đối tượng: phần của đơn vị; % là phần đó so với chỉ tiêu."
        )
    return text


def _then_and_now(figures: dict) -> tuple[str, str, str]:
    """'holders/population = share%' at the baseline and now, and the change in points."""
    b, a = figures["baseline"], figures["as_of"]
    return (
        f"{b['holders']}/{b['population']} = {_num(b['share'])}%",
        f"{a['holders']}/{a['population']} = {_num(a['share'])}%",
        _num(figures["delta_pp"]),
    )
