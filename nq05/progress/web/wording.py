"""The report's phrases the way the review writes them: ``tăng 13,5 điểm phần trăm``, ``194 thạc sĩ, đạt 97%``.

The numbers are the engine's (already rounded half away from zero); only their wording is here.
"""

from __future__ import annotations

from flask_babel import gettext as _

from nq05.labels import label, level_label
from nq05.web.formatting import number

#: the engine's status of a gap row (reports.md, "status"): badge tone
GAP_TONES = {"exceeded": "ok", "met": "ok", "on_track": "info", "behind": "danger"}


def change_text(delta_pp) -> str:
    """The change of a share in the glossary's words: 'tăng 13,5 điểm phần trăm', 'không đổi'."""
    if delta_pp is None:
        return ""
    if delta_pp > 0:
        return _("tăng %(n)s điểm phần trăm", n=number(delta_pp))
    if delta_pp < 0:
        return _("giảm %(n)s điểm phần trăm", n=number(-delta_pp))
    return _("không đổi")


def gap_text(gap) -> str:
    """What is still missing of a target: '82', or 'vượt 82' when the target is exceeded (never '-82')."""
    if gap is None:
        return ""
    if gap < 0:
        return _("vượt %(n)s", n=number(-gap))
    return number(gap)


def groups_text(groups: list[dict]) -> str:
    """How many of the people counted are in each group: 'Nữ: 120 · Nam: 74'."""
    return " · ".join(f"{label('group', g['group'])}: {number(g['achieved'], 0)}" for g in groups)


def count_text(count: dict) -> str:
    """'194 thạc sĩ, đạt 97%' (achieved, the level in lower case, the share of the target)."""
    level = level_label(count["track"], count["level"]).lower()
    if count["pct"] is None:
        return _("%(n)s %(level)s", n=number(count["achieved"], 0), level=level)
    return _(
        "%(n)s %(level)s, đạt %(pct)s%%",
        n=number(count["achieved"], 0),
        level=level,
        pct=number(count["pct"]),
    )


def count_status(status: str) -> str:
    return {"exceeded": _("vượt chỉ tiêu"), "met": _("đạt chỉ tiêu"), "below": _("chưa đạt chỉ tiêu")}[status]


def gap_status(status: str) -> str:
    return {
        "exceeded": _("Vượt chỉ tiêu"),
        "met": _("Đạt chỉ tiêu"),
        "on_track": _("Đúng tiến độ"),
        "behind": _("Chậm tiến độ"),
    }[status]


def indicator_text(indicator: dict, programme_names: dict[str, str]) -> str:
    """What an indicator measures: 'Trình độ chuyên môn từ Đại học trở lên' or 'Đã học xong: <programme>'."""
    if indicator["track"]:
        return _(
            "%(track)s từ %(level)s trở lên",
            track=label("track", indicator["track"]),
            level=level_label(indicator["track"], indicator["min_level"]),
        )
    code = indicator["programme"]
    return _("Đã học xong: %(programme)s", programme=programme_names.get(code, code))


def category_text(category: str | None) -> str:
    return label("category", category) if category else _("Toàn bộ cán bộ, công chức")


def target_text(row) -> str:
    """A count target's name: 'Thạc sĩ (Trình độ chuyên môn)'."""
    return _(
        "%(level)s (%(track)s)",
        level=level_label(row.track, row.level),
        track=label("track_short", row.track),
    )
