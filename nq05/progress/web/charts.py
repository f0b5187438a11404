"""Geometry of the server-drawn SVG charts (no script, no CDN: the page's CSP forbids both).

Templates (``progress/_charts.html``) draw the shapes; this module only places them, in the
units of each chart's viewBox.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

#: funnel stages of a count target, in order (reports.md: target → planned → named → nominated → completed)
FUNNEL_STAGES = (
    ("target", _l("Chỉ tiêu")),
    ("planned", _l("Kế hoạch")),
    ("named", _l("Nêu tên")),
    ("nominated", _l("Cử học")),
    ("completed", _l("Hoàn thành")),
)


@dataclass
class Bar:
    key: str
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float

    @property
    def text_x(self) -> float:
        return self.x + self.width + 6

    @property
    def text_y(self) -> float:
        return self.y + self.height * 0.72


@dataclass
class FunnelChart:
    width: int
    height: int
    label_width: int
    bars: list[Bar]


def funnel(row) -> FunnelChart:
    """One horizontal bar per stage, scaled to the largest figure of the row."""
    label_width, bar_area, bar_height, gap = 86, 200, 18, 6
    values = [(key, str(text), float(getattr(row, key) or 0)) for key, text in FUNNEL_STAGES]
    top = max((v for _k, _t, v in values), default=0) or 1
    bars = []
    for i, (key, text, value) in enumerate(values):
        width = max(value, 0) / top * bar_area
        bars.append(Bar(key, text, value, label_width, 4 + i * (bar_height + gap), width, bar_height))
    return FunnelChart(label_width + bar_area + 44, 8 + len(bars) * (bar_height + gap), label_width, bars)


@dataclass
class ShareGroup:
    title: str
    y: float
    baseline: Bar
    as_of: Bar
    #: x of the target's mark (a share target of the period), or None
    target_x: float | None
    target: float | None


@dataclass
class ShareChart:
    width: int
    height: int
    left: int
    right: int
    groups: list[ShareGroup]
    #: the 0, 25, 50, 75, 100% grid lines: (x, percent)
    ticks: list[tuple[float, int]]


def shares(indicators: list[dict], titles: list[str], baseline_label: str, as_of_label: str) -> ShareChart:
    """Per indicator, the share at the baseline and now on a 0–100% scale, with the target marked."""
    left, area, bar_height, title_height, group_gap = 8, 300, 16, 20, 14
    group_height = title_height + 2 * bar_height + 4 + group_gap
    groups = []
    for i, (ind, title) in enumerate(zip(indicators, titles, strict=True)):
        y = 4 + i * group_height
        before = float(ind["baseline"]["share"])
        after = float(ind["as_of"]["share"])
        target = ind.get("target")
        groups.append(
            ShareGroup(
                title=title,
                y=y + 14,
                baseline=Bar(
                    "baseline",
                    baseline_label,
                    before,
                    left,
                    y + title_height,
                    _scale(before, area),
                    bar_height,
                ),
                as_of=Bar(
                    "as_of",
                    as_of_label,
                    after,
                    left,
                    y + title_height + bar_height + 4,
                    _scale(after, area),
                    bar_height,
                ),
                target_x=left + _scale(float(target), area) if target is not None else None,
                target=target,
            )
        )
    ticks = [(left + _scale(p, area), p) for p in (0, 25, 50, 75, 100)]
    return ShareChart(left + area + 110, 22 + len(groups) * group_height, left, left + area, groups, ticks)


def _scale(percent: float, area: float) -> float:
    return min(max(percent, 0.0), 100.0) / 100 * area
