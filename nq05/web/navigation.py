"""The main menu: the team's conventional pages (team URL map), each shown to the roles that use it.

Entries are keyed by URL path, not endpoint name, and appear only once a rule for that path is
registered: a feature's page shows up in the menu as soon as its blueprint exists. A feature with
a page not listed here calls ``add_nav_item``.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request
from flask_babel import lazy_pgettext

ALL_ROLES = ("admin", "unit_head", "centre_staff")


@dataclass(frozen=True)
class NavItem:
    path: str
    label: object
    roles: tuple[str, ...]
    order: int = 50


# Menu labels have their own translation context ("menu"), so "Đơn vị" (Units) in the menu and
# "Đơn vị" (Unit) on a form translate independently.
NAV_ITEMS: list[NavItem] = [
    NavItem("/", lazy_pgettext("menu", "Tổng quan"), ALL_ROLES, 0),
    NavItem("/units/", lazy_pgettext("menu", "Đơn vị"), ("admin", "unit_head"), 10),
    NavItem("/staff/", lazy_pgettext("menu", "Cán bộ, công chức"), ("admin", "unit_head"), 20),
    NavItem("/plans/", lazy_pgettext("menu", "Kế hoạch"), ("admin", "unit_head"), 30),
    NavItem("/classes/", lazy_pgettext("menu", "Lớp học"), ALL_ROLES, 40),
    NavItem("/progress/", lazy_pgettext("menu", "Tiến độ"), ("admin", "unit_head"), 50),
    NavItem("/admin/positions", lazy_pgettext("menu", "Chức danh"), ("admin",), 58),
    NavItem("/admin/programmes", lazy_pgettext("menu", "Chương trình"), ("admin",), 60),
    NavItem("/admin/centres", lazy_pgettext("menu", "Cơ sở đào tạo"), ("admin",), 61),
    NavItem("/admin/users", lazy_pgettext("menu", "Người dùng"), ("admin",), 70),
    NavItem("/admin/reminders", lazy_pgettext("menu", "Nhắc việc"), ("admin",), 75),
    NavItem("/admin/audit", lazy_pgettext("menu", "Nhật ký"), ("admin",), 80),
]


def add_nav_item(path: str, label, roles: tuple[str, ...], order: int = 50) -> None:
    if not any(item.path == path for item in NAV_ITEMS):
        NAV_ITEMS.append(NavItem(path, label, tuple(roles), order))


def _known_paths() -> set[str]:
    paths = current_app.extensions.get("nq05_nav_paths")
    if paths is None:
        paths = {rule.rule for rule in current_app.url_map.iter_rules() if "GET" in (rule.methods or ())}
        current_app.extensions["nq05_nav_paths"] = paths
    return paths


def nav_for(user) -> list[dict]:
    """Menu entries for the user: label, url and whether the current page is in that section."""
    if user is None or not user.is_authenticated:
        return []
    known = _known_paths()
    here = request.path
    entries = []
    for item in sorted(NAV_ITEMS, key=lambda i: i.order):
        if user.role not in item.roles or item.path not in known:
            continue
        active = here == item.path if item.path == "/" else here.startswith(item.path.rstrip("/"))
        entries.append({"label": str(item.label), "url": request.script_root + item.path, "active": active})
    return entries
