"""What rosters put on the dashboard: decisions waiting at a centre, classes open to a unit."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select

from nq05 import clock
from nq05.classes.access import class_clause
from nq05.classes.models import Enrolment, TrainingClass
from nq05.extensions import db
from nq05.web.dashboard import Panel, PanelItem, dashboard_panels

#: at most this many classes are listed in a panel
SHOWN = 6


def centre_panel(user) -> Panel | None:
    """Centre staff (and admin): classes with nominations waiting for a decision; unpublished ones."""
    pending = db.session.execute(
        select(TrainingClass.id, TrainingClass.code, func.count(Enrolment.id))
        .join(Enrolment, Enrolment.class_id == TrainingClass.id)
        .where(class_clause(user, write=True), Enrolment.status == "nominated")
        .group_by(TrainingClass.id, TrainingClass.code, TrainingClass.start_date)
        .order_by(TrainingClass.start_date)
        .limit(SHOWN)
    ).all()
    unpublished = db.session.scalar(
        select(func.count())
        .select_from(TrainingClass)
        .where(class_clause(user, write=True), TrainingClass.is_published.is_(False))
    )
    items = [
        PanelItem(
            _("Lớp %(code)s: người được cử chờ xét", code=code),
            url=url_for("classes.roster", class_id=cid),
            count=n,
            tone="warning",
        )
        for cid, code, n in pending
    ]
    if unpublished:
        items.append(
            PanelItem(
                _("Lớp chưa thông báo chiêu sinh"),
                url=url_for("classes.index"),
                count=unpublished,
                tone="info",
            )
        )
    return Panel(
        title=_("Lớp học"),
        items=items,
        empty_text=_("Không có người được cử nào chờ xét."),
        more=(_("Tất cả lớp học"), url_for("classes.index")),
    )


def unit_panel(user) -> Panel | None:
    """Unit heads: published classes still taking nominations, soonest deadline first."""
    today = clock.today()
    last_day = func.coalesce(TrainingClass.enrol_deadline, TrainingClass.start_date)
    open_classes = db.session.execute(
        select(TrainingClass.id, TrainingClass.code, TrainingClass.enrol_deadline, TrainingClass.start_date)
        .where(
            class_clause(user),
            TrainingClass.is_published.is_(True),
            or_(
                TrainingClass.enrol_deadline >= today,
                and_(TrainingClass.enrol_deadline.is_(None), TrainingClass.start_date > today),
            ),
        )
        .order_by(last_day, TrainingClass.code)
        .limit(SHOWN)
    ).all()
    return Panel(
        title=_("Lớp đang nhận cử người"),
        items=[
            PanelItem(
                _("Lớp %(code)s, khai giảng %(day)s", code=code, day=start.strftime("%d/%m/%Y")),
                url=url_for("classes.nominate", class_id=cid),
            )
            for cid, code, _deadline, start in open_classes
        ],
        empty_text=_("Hiện không có lớp nào nhận cử người."),
        more=(_("Tất cả lớp học"), url_for("classes.index")),
    )


def register_panels() -> None:
    dashboard_panels.register("centre_staff", centre_panel, order=10)
    dashboard_panels.register("unit_head", unit_panel, order=40)
