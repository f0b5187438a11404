"""What the staff records put on the dashboard: staff counts, people below standard, and the share
of women and of ethnic minority staff."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from nq05 import clock
from nq05.staff import queries
from nq05.staff.access import readable_unit_ids, writable_unit_ids
from nq05.staff.groups import composition_of
from nq05.web.dashboard import Panel, PanelItem, dashboard_panels
from nq05.web.formatting import number


def staff_panel(user) -> Panel | None:
    today = clock.today()
    own = writable_unit_ids(user) if user.role == "unit_head" else readable_unit_ids(user)
    if not own:
        return None
    # the people unit_staff_counts counts in these units, once each: their number is the staff's
    who = composition_of(queries.current_staff_ids(own, today))
    staff = who.total
    below = queries.below_standard_count(own, today)
    unit_arg = {"unit": user.unit_id, "only": "y"} if user.role == "unit_head" else {}
    items = [
        PanelItem(_("Đang công tác"), url=url_for("staff.index", **unit_arg), count=staff),
        PanelItem(
            _("Chưa đạt chuẩn chức danh"),
            url=url_for("staff.index", below="y", **unit_arg),
            count=below,
            tone="danger" if below else "ok",
        ),
    ]
    if staff:
        items.append(
            PanelItem(
                _(
                    "Nữ %(women)s%% · dân tộc thiểu số %(minority)s%%",
                    women=number(who.percent("F")),
                    minority=number(who.percent("minority")),
                )
            )
        )
    return Panel(title=_("Cán bộ, công chức"), items=items)


def register_panels() -> None:
    dashboard_panels.register("unit_head", staff_panel, order=5)
    dashboard_panels.register("admin", staff_panel, order=5)
