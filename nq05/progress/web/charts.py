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
    #: nobody is counted (a share of an empty population: drawn as "nobody", not as 0%)
    empty: bool = False

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
class SharePair:
    """The share at the baseline and now, of an indicator or of one group of its people."""

    #: the group's code ("" for all the indicator's people)
    key: str
    #: the group's name (None: the indicator's own figures, drawn without a label)
    label: str | None
    baseline: Bar
    as_of: Bar
    #: y of the label's baseline
    label_y: float


@dataclass
class ShareGroup:
    title: str
    y: float
    pairs: list[SharePair]
    #: x of the target's mark (a share target of the period), or None
    target_x: float | None
    target: float | None
    #: top and bottom of the target's mark
    mark_top: float
    mark_bottom: float


@dataclass
class ShareChart:
    width: int
    height: int
    left: int
    right: int
    groups: list[ShareGroup]
    #: the 0, 25, 50, 75, 100% grid lines: (x, percent)
    ticks: list[tuple[float, int]]
    #: right edge of the groups' labels (0 when there are none)
    label_right: int = 0
    #: x of the indicators' titles
    title_x: int = 8


def shares(
    indicators: list[dict],
    titles: list[str],
    baseline_label: str,
    as_of_label: str,
    group_labels: dict[str, str] | None = None,
) -> ShareChart:
    """Per indicator, the share at the baseline and now on a 0–100% scale, with the target marked.

    With ``group_labels`` (a breakdown), each indicator gets a labelled pair of bars for all its
    people and one per group (its ``groups``), so the groups' shares are compared then and now.
    """
    label_width = 124 if group_labels else 0
    left, area, bar_height, title_height, pair_gap, group_gap = 8 + label_width, 300, 14, 20, 6, 14
    if not group_labels:
        bar_height = 16
    pair_height = 2 * bar_height + 4
    groups = []
    y = 4.0
    for ind, title in zip(indicators, titles, strict=True):
        figures: list[tuple[str, str | None, dict]] = [("", None, ind)]
        if group_labels:
            figures = [("", group_labels[""], ind)]
            figures += [(g["group"], group_labels[g["group"]], g) for g in ind.get("groups", ())]
        pairs = []
        top = y + title_height
        for i, (key, label, fig) in enumerate(figures):
            pair_y = top + i * (pair_height + pair_gap)
            bars = []
            for side, text, bar_y in (
                ("baseline", baseline_label, pair_y),
                ("as_of", as_of_label, pair_y + bar_height + 4),
            ):
                value = float(fig[side]["share"])
                empty = fig[side]["population"] == 0
                bars.append(Bar(side, text, value, left, bar_y, _scale(value, area), bar_height, empty))
            pairs.append(SharePair(key, label, *bars, pair_y + bar_height + 6))
        bottom = pairs[-1].as_of.y + bar_height
        target = ind.get("target")
        groups.append(
            ShareGroup(
                title=title,
                y=y + 14,
                pairs=pairs,
                target_x=left + _scale(float(target), area) if target is not None else None,
                target=target,
                mark_top=top - 3,
                mark_bottom=bottom + 3,
            )
        )
        y = bottom + group_gap
    ticks = [(left + _scale(p, area), p) for p in (0, 25, 50, 75, 100)]
    return ShareChart(
        left + area + 110,
        int(y) + 18,
        left,
        left + area,
        groups,
        ticks,
        label_right=left - 6 if group_labels else 0,
    )


def _scale(percent: float, area: float) -> float:
    return min(max(percent, 0.0), 100.0) / 100 * area
