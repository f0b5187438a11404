"""Readable tables for the command line, in the command line's language."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from nq05.extensions import db
from nq05.labels import label
from nq05.progress.web import wording
from nq05.reference.models import Programme
from nq05.staff.models import Unit

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
        _l("Thay đổi"),
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
    units = _unit_names({r["unit"] for r in data["rows"] if r["unit"]})
    rows = [
        (
            units.get(r["unit"], r["unit"]) if r["unit"] else _("Toàn tỉnh"),
            label("category", r["category"]) if r["category"] else _("Tất cả"),
            wording.target_text(SimpleNamespace(track=r["track"], level=r["level"])),
            _num(r["target"]),
            r["planned"],
            r["named"],
            r["nominated"],
            r["completed"],
            wording.gap_text(r["gap"]),
            _percent(r["pct"]),
            STATUS[r["status"]] if r["status"] else "",
        )
        for r in data["rows"]
    ]
    return title + "\n\n" + render(HEADERS["gaps"], rows)


def _unit_names(codes) -> dict[str, str]:
    if not codes:
        return {}
    return dict(db.session.execute(select(Unit.code, Unit.name).where(Unit.code.in_(sorted(codes)))).all())


def _percent(value) -> str:
    return "-" if value is None else wording.number(value) + "%"


def report_table(data: dict) -> str:
    title = _(
        "Báo cáo tiến độ: %(baseline)s → %(as_of)s",
        baseline=_date(data["baseline"]),
        as_of=_date(data["as_of"]),
    )
    codes = {ind["programme"] for ind in data["indicators"] if ind.get("programme")}
    programmes = (
        dict(
            db.session.execute(select(Programme.code, Programme.name).where(Programme.code.in_(codes))).all()
        )
        if codes
        else {}
    )
    rows = []
    for ind in data["indicators"]:
        target = "-" if ind["target"] is None else wording.number(ind["target"]) + "%"
        rows.append(
            (
                wording.category_text(ind["category"]),
                wording.indicator_text(ind, programmes),
                *_then_and_now(ind),
                target,
            )
        )
        for group in ind.get("groups", ()):
            rows.append(("", f"  · {GROUP_NAMES[group['group']]}", *_then_and_now(group), ""))
    text = title + "\n\n" + render(HEADERS["report"], rows)
    if data["counts"]:
        counts = []
        for c in data["counts"]:
            counts.append(
                (
                    wording.target_text(SimpleNamespace(track=c["track"], level=c["level"])),
                    _num(c["target"]),
                    c["achieved"],
                    _percent(c["pct"]),
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
    """'holders/population = share%' at the baseline and now, and the change in percentage points."""
    b, a = figures["baseline"], figures["as_of"]
    return (
        f"{b['holders']}/{b['population']} = {wording.number(b['share'])}%",
        f"{a['holders']}/{a['population']} = {wording.number(a['share'])}%",
        wording.change_text(figures["delta_pp"]),
    )
