"""/progress/units/<id>: one unit's progress, the report and the plan-versus-quota funnel of the
unit and its sub-units (nq05/progress/unit.py, the same figures as ``nq05 report --unit``).

A unit head opens their own unit's (and their sub-units'); the admin picks any unit; centre staff
have none. The unit is loaded by the staff feature's guard (``unit_or_404``): a unit out of the
user's scope is a 404, as for any record. ``by`` (gender | minority) breaks the report down as on
the province's report page: a sub-row per group under each indicator (``nq05 report --unit --by``)."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from flask import abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectField
from wtforms.validators import Optional

from nq05 import clock
from nq05.auth.access import require_roles
from nq05.domain.groups import GROUPINGS
from nq05.domain.sorting import vn_sort_key
from nq05.extensions import db
from nq05.labels import choices
from nq05.progress.unit import unit_progress_json
from nq05.progress.web import charts, results, wording
from nq05.progress.web.blueprint import bp
from nq05.progress.web.forms import DayField, GetForm
from nq05.reference.models import Programme
from nq05.staff.access import readable_unit_ids, unit_or_404, units_query_for
from nq05.staff.models import Unit

READERS = ("admin", "unit_head")


class UnitProgressForm(GetForm):
    period = SelectField(_l("Giai đoạn"), validators=[Optional()])
    as_of = DayField(_l("Tính đến ngày"), description=_l("ngày/tháng/năm"))
    by = SelectField(_l("Chia theo nhóm"), validators=[Optional()])


class UnitPickForm(GetForm):
    unit = SelectField(_l("Đơn vị"), coerce=int, validate_choice=False)


@bp.route("/units/")
@require_roles(*READERS)
def unit_progress_index():
    """A unit head goes to their own unit's page; the admin picks a unit."""
    if current_user.role == "unit_head":
        if current_user.unit_id is None:
            abort(404)
        return redirect(url_for("progress.unit_progress", unit_id=current_user.unit_id))
    form = UnitPickForm(request.args)
    units = db.session.scalars(units_query_for()).all()
    form.unit.choices = [(u.id, u.name) for u in units]
    if request.args.get("unit"):
        if form.validate() and any(u.id == form.unit.data for u in units):
            return redirect(url_for("progress.unit_progress", unit_id=form.unit.data))
        abort(404)
    return render_template("progress/unit_pick.html", form=form)


@bp.route("/units/<int:unit_id>")
@require_roles(*READERS)
def unit_progress(unit_id: int):
    unit = unit_or_404(unit_id)
    form = UnitProgressForm(request.args)
    all_periods = results.periods()
    form.period.choices = [(p.code, p.code) for p in all_periods]
    form.by.choices = choices("breakdown", blank=str(_l("Không chia nhóm")))
    form.validate()  # an unknown breakdown: the field says so and the report is not broken down
    by = form.by.data if form.by.data in GROUPINGS else None
    as_of = form.as_of.data or clock.today()
    period = results.period_for(all_periods, as_of, form.period.data)
    if form.period.data and period is None:
        abort(404)
    form.as_of.data = as_of
    if period is not None:
        form.period.data = period.code
    baseline = period.start_date - timedelta(days=1) if period else date(as_of.year - 1, 12, 31)
    data = unit_progress_json(unit, baseline, as_of, period, by)
    rows = [SimpleNamespace(target_id=i, **row) for i, row in enumerate((data["gaps"] or {}).get("rows", []))]
    names = dict(db.session.execute(select(Unit.code, Unit.name).where(Unit.code.in_(data["units"]))).all())
    programmes = [i["programme"] for i in data["indicators"] if i["programme"]]
    programme_names = (
        dict(
            db.session.execute(
                select(Programme.code, Programme.name).where(Programme.code.in_(programmes))
            ).all()
        )
        if programmes
        else {}
    )
    parent = db.session.get(Unit, unit.parent_id) if unit.parent_id else None
    return render_template(
        "progress/unit.html",
        unit=unit,
        parent=parent if parent is not None and parent.id in readable_unit_ids() else None,
        sub_units=sorted(
            ((code, names.get(code, code)) for code in data["units"][1:]),
            key=lambda u: (vn_sort_key(u[1]), u[0]),
        ),
        form=form,
        data=data,
        period=period,
        baseline=baseline,
        as_of=as_of,
        rows=rows,
        by=by,
        populated=any(i["as_of"]["population"] or i["baseline"]["population"] for i in data["indicators"]),
        funnels={r.target_id: charts.funnel(r) for r in rows},
        unit_names=names,
        programme_names=programme_names,
        wording=wording,
    )
