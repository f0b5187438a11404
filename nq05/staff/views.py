"""Reading staff records: the unit tree, the staff list, a person's page."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user
from sqlalchemy import select

from nq05 import clock
from nq05.auth.access import is_admin, require_roles
from nq05.domain.levels import TRACK_LEVELS, TRACKS
from nq05.extensions import db
from nq05.staff import queries
from nq05.staff.access import (
    can_write_person,
    person_or_404,
    readable_unit_ids,
    writable_unit_ids,
)
from nq05.staff.blueprint import bp
from nq05.staff.forms import StaffFilterForm
from nq05.staff.groups import composition_of_row, composition_window
from nq05.staff.models import Person, Unit
from nq05.web.paging import paginate_rows

STAFF_ROLES = ("admin", "unit_head")
PER_PAGE = 50


def _branch_totals(units, counts: dict[int, int]) -> dict[int, int]:
    """Unit id -> the staff of the unit and its sub-units among ``units`` (added up in memory)."""
    children: dict[int | None, list[int]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit.id)
    totals: dict[int, int] = {}

    def total(unit_id: int) -> int:
        if unit_id not in totals:
            totals[unit_id] = counts.get(unit_id, 0) + sum(total(c) for c in children.get(unit_id, ()))
        return totals[unit_id]

    for unit in units:
        total(unit.id)
    return totals


@bp.route("/units/")
@require_roles(*STAFF_ROLES)
def units():
    readable = readable_unit_ids()
    rows = (
        db.session.execute(
            select(Unit).where(Unit.id.in_(sorted(readable))).order_by(Unit.sort_key, Unit.code)
        )
        .scalars()
        .all()
    )
    by_parent: dict[int | None, list[Unit]] = {}
    for unit in rows:
        parent = unit.parent_id if unit.parent_id in readable else None
        by_parent.setdefault(parent, []).append(unit)
    counts = queries.unit_staff_counts(clock.today(), None if is_admin() else readable)
    totals = _branch_totals(rows, counts)
    return render_template(
        "staff/units.html", by_parent=by_parent, counts=counts, totals=totals, writable=writable_unit_ids()
    )


@bp.route("/staff/")
@require_roles(*STAFF_ROLES)
def index():
    readable = readable_unit_ids()
    form = StaffFilterForm(request.args if request.args else None, units=queries.unit_choices(readable))
    unit_id = form.unit.data if form.unit.data in readable else None
    filters = queries.StaffFilters(
        q=(form.q.data or "").strip()[:100],
        unit_id=unit_id,
        with_sub_units=not form.only.data,
        category=form.category.data or "",
        levels={t: getattr(form, t).data for t in TRACKS if getattr(form, t).data},
        below_standard=bool(form.below.data),
        has_planned_position=bool(form.planned.data),
        include_former=bool(form.former.data),
    )
    today = clock.today()
    # one row per person: the composition of the whole list comes with each row of the page, and
    # its total is the list's count
    listed = queries.staff_query(filters, today).add_columns(*composition_window(Person))
    page = paginate_rows(
        listed, per_page=PER_PAGE, total=lambda rows: composition_of_row(rows[0]).total if rows else 0
    )
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "staff/index.html",
        form=form,
        page=page,
        args=args,
        tracks=TRACKS,
        level_codes=TRACK_LEVELS,
        today=today,
        can_add=bool(writable_unit_ids()),
        composition=composition_of_row(page.items[0]) if page.total else None,
    )


@bp.route("/staff/<int:person_id>")
@require_roles(*STAFF_ROLES)
def person(person_id: int):
    person_or_404(person_id)
    person = queries.load_person_page(person_id)
    today = clock.today()
    levels = queries.levels_of(person, today)
    current = queries.current_assignment(person, today)
    return render_template(
        "staff/person.html",
        person=person,
        levels=levels,
        current=current,
        timeline=sorted(person.qualifications, key=queries.timeline_key, reverse=True),
        position_standing=queries.standing(levels, current.position if current else None),
        planned_standing=queries.standing(levels, person.planned_position),
        tracks=TRACKS,
        today=today,
        can_edit=can_write_person(person.id),
        user=current_user,
    )
