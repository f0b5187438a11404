"""Readable tables for the command line, in Vietnamese or English."""

from __future__ import annotations

from datetime import date

HEADERS = {
    "realism": (
        ("Mức", "Mã", "Đơn vị", "Chương trình", "Đối tượng", "Người", "Lớp", "Nội dung"),
        ("Severity", "Code", "Unit", "Programme", "Category", "Person", "Class", "Message"),
    ),
    "gaps": (
        (
            "Đơn vị",
            "Đối tượng",
            "Trình độ",
            "Chỉ tiêu",
            "Kế hoạch",
            "Nêu tên",
            "Cử học",
            "Hoàn thành",
            "Còn thiếu",
            "%",
            "Tình trạng",
        ),
        (
            "Unit",
            "Category",
            "Level",
            "Target",
            "Planned",
            "Named",
            "Nominated",
            "Completed",
            "Gap",
            "%",
            "Status",
        ),
    ),
    "report": (
        ("Đối tượng", "Chỉ số", "Ngày gốc", "Hiện tại", "Tăng/giảm (điểm %)", "Mục tiêu"),
        ("Category", "Indicator", "Baseline", "As of", "Change (pp)", "Target"),
    ),
    "counts": (
        ("Trình độ", "Chỉ tiêu", "Đạt", "%", "Tình trạng"),
        ("Level", "Target", "Achieved", "%", "Status"),
    ),
}

TITLES = {
    "realism": (
        "Kết quả kiểm tra kế hoạch năm {year} (tính đến {as_of}): {n} phát hiện",
        "Plan findings for {year} as of {as_of}: {n} findings",
    ),
    "gaps": (
        "Kế hoạch so với chỉ tiêu giai đoạn {period} (tính đến {as_of})",
        "Plan versus quota, period {period}, as of {as_of}",
    ),
    "report": ("Báo cáo tiến độ: {baseline} → {as_of}", "Progress report: {baseline} → {as_of}"),
}

STATUS = {
    "on_track": ("đúng tiến độ", "on track"),
    "behind": ("chậm", "behind"),
    "met": ("đạt", "met"),
    "exceeded": ("vượt", "exceeded"),
    "below": ("chưa đạt", "below"),
}
SEVERITY = {"error": ("lỗi", "error"), "warning": ("cảnh báo", "warning"), "info": ("lưu ý", "info")}
ALL_STAFF = ("Tất cả", "All staff")
#: the groups of a breakdown (nq05.domain.groups), in the glossary's words
GROUP_NAMES = {
    "F": ("nữ", "women"),
    "M": ("nam", "men"),
    "minority": ("dân tộc thiểu số", "ethnic minorities"),
    "kinh": ("dân tộc Kinh", "Kinh"),
    "unknown": ("chưa rõ", "not recorded"),
}


def _i(locale: str) -> int:
    return 1 if locale == "en" else 0


def _date(text: str, locale: str) -> str:
    return date.fromisoformat(text).strftime("%d/%m/%Y") if locale != "en" else text


def _num(value, locale: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        text = f"{value:.1f}"
        return text.replace(".", ",") if locale != "en" else text
    return str(value)


def render(headers, rows) -> str:
    rows = [[("" if c is None else str(c)) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def realism_table(year, as_of, findings, locale: str) -> str:
    i = _i(locale)
    title = TITLES["realism"][i].format(year=year, as_of=_date(as_of.isoformat(), locale), n=len(findings))
    rows = [
        (
            SEVERITY[f.severity][i],
            f.code,
            f.unit,
            f.programme,
            f.category,
            f.person,
            f.class_code,
            f.message(locale),
        )
        for f in findings
    ]
    return title + "\n\n" + render(HEADERS["realism"][i], rows)


def gaps_table(data: dict, locale: str) -> str:
    i = _i(locale)
    title = TITLES["gaps"][i].format(period=data["period"], as_of=_date(data["as_of"], locale))
    rows = [
        (
            r["unit"] or "",
            r["category"] or "",
            f"{r['track']}:{r['level']}",
            _num(r["target"], locale),
            r["planned"],
            r["named"],
            r["nominated"],
            r["completed"],
            _num(r["gap"], locale),
            _num(r["pct"], locale),
            STATUS[r["status"]][i],
        )
        for r in data["rows"]
    ]
    return title + "\n\n" + render(HEADERS["gaps"][i], rows)


def report_table(data: dict, locale: str) -> str:
    i = _i(locale)
    title = TITLES["report"][i].format(
        baseline=_date(data["baseline"], locale), as_of=_date(data["as_of"], locale)
    )
    rows = []
    for ind in data["indicators"]:
        what = f"{ind['track']} ≥ {ind['min_level']}" if ind["track"] else ind["programme"]
        rows.append(
            (ind["category"] or ALL_STAFF[i], what, *_then_and_now(ind, locale), _num(ind["target"], locale))
        )
        for group in ind.get("groups", ()):
            rows.append(("", f"  · {GROUP_NAMES[group['group']][i]}", *_then_and_now(group, locale), ""))
    text = title + "\n\n" + render(HEADERS["report"][i], rows)
    if data["counts"]:
        counts = []
        for c in data["counts"]:
            counts.append(
                (
                    f"{c['track']}:{c['level']}",
                    _num(c["target"], locale),
                    c["achieved"],
                    _num(c["pct"], locale),
                    STATUS[c["status"]][i],
                )
            )
            for group in c.get("groups", ()):
                counts.append((f"  · {GROUP_NAMES[group['group']][i]}", "", group["achieved"], "", ""))
        text += "\n\n" + render(HEADERS["counts"][i], counts)
    return text


def _then_and_now(figures: dict, locale: str) -> tuple[str, str, str]:
    """'holders/population = share%' at the baseline and now, and the change in points."""
    b, a = figures["baseline"], figures["as_of"]
    return (
        f"{b['holders']}/{b['population']} = {_num(b['share'], locale)}%",
        f"{a['holders']}/{a['population']} = {_num(a['share'], locale)}%",
        _num(figures["delta_pp"], locale),
    )
