"""The dashboard's extension point: features register panels for a role.

    from nq05.web.dashboard import Panel, PanelItem, dashboard_panels

    def plans_due(user):
        return Panel(title=_("Kế hoạch"), items=[PanelItem(_("Hạn nộp kế hoạch 2027"), url=..., count=1)])

    dashboard_panels.register("unit_head", plans_due, order=10)

A panel function takes the signed-in user and returns a Panel, or None to show nothing. A panel
may instead name its own template (``template=...``, rendered with ``panel`` and ``context``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from nq05.domain.codes import ROLES


@dataclass
class PanelItem:
    text: str
    url: str | None = None
    #: a number shown as a badge (e.g. pending decisions)
    count: int | None = None
    #: info | warning | danger | ok: the badge colour
    tone: str = "info"


@dataclass
class Panel:
    title: str
    items: list[PanelItem] = field(default_factory=list)
    #: shown when there are no items
    empty_text: str | None = None
    #: a link under the panel: (text, url)
    more: tuple[str, str] | None = None
    #: a template of the feature's own, rendered instead of the item list
    template: str | None = None
    context: dict = field(default_factory=dict)


class PanelRegistry:
    def __init__(self) -> None:
        self._panels: list[tuple[int, str, Callable]] = []

    def register(self, role: str, func: Callable, order: int = 50) -> Callable:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        if not any(r == role and f is func for _, r, f in self._panels):
            self._panels.append((order, role, func))
        return func

    def panels_for(self, user) -> list[Panel]:
        found = []
        for _order, role, func in sorted(self._panels, key=lambda p: p[0]):
            if role == user.role:
                panel = func(user)
                if panel is not None:
                    found.append(panel)
        return found


dashboard_panels = PanelRegistry()
