"""/progress/: each count target from plan to result (a funnel), and /progress/findings."""

from __future__ import annotations

from collections import Counter
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from nq05 import clock
from nq05.auth.access import is_admin, require_roles
from nq05.domain.codes import CATEGORIES
from nq05.extensions import db
from nq05.notify.outbox import request_recompute
from nq05.progress import served, store
from nq05.progress.realism.findings import RULE_CODES, SEVERITIES
from nq05.progress.web import charts, results, wording
from nq05.progress.web.blueprint import bp
from nq05.progress.web.forms import YEARS, DashboardForm, FindingsForm, RecomputeChoicesForm, RecomputeForm
from nq05.staff.access import unit_or_404, units_query_for
from nq05.staff.models import Unit
from nq05.web.paging import paginate_list

READERS = ("admin", "unit_head")
SEVERITY_ORDER = ("error", "warning", "info")
FINDINGS_PER_PAGE = 100
SEVERITY_TONES = {"error": "danger", "warning": "warning", "info": "info"}


def _locale() -> str:
    return str(get_locale() or "vi")


def _unit_filter(code: str | None) -> Unit | None:
    """The unit chosen in a filter, within the user's scope (404 otherwise, as for a record)."""
    if not code:
        return None
    unit = db.session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        abort(404)
    return unit_or_404(unit.id)


def _year_choice(form_year: str | None, as_of: date) -> int:
    try:
        year = int(form_year) if form_year else as_of.year
    except ValueError:
        return as_of.year
    return year if year in YEARS else as_of.year


@bp.route("/")
@require_roles(*READERS)
def dashboard():
    form = DashboardForm(request.args)
    all_periods = results.periods()
    units = db.session.scalars(units_query_for()).all()
    as_of = form.as_of.data or clock.today()
    year = _year_choice(form.year.data, as_of)
    form.fill_choices(all_periods, units, year)
    form.validate()
    period = results.period_for(all_periods, as_of, form.period.data)
    if form.period.data and period is None:
        abort(404)
    unit = _unit_filter(form.unit.data)
    category = form.category.data if form.category.data in CATEGORIES else None
    form.as_of.data, form.year.data = as_of, str(year)
    if period is not None:
        form.period.data = period.code
        rows, provenance = results.gap_rows(period, as_of)
    else:
        rows, provenance = [], None
    rows = [
        r
        for r in rows
        if results.gap_row_visible(r)
        and (unit is None or r.unit_id == unit.id)
        and (category is None or r.category == category)
    ]
    scope = [unit] if unit is not None else (None if is_admin() else units)
    by_rule, found_provenance = results.finding_code_counts(year, as_of, scope)
    by_severity = Counter()
    for code, n in by_rule.items():
        by_severity[SEVERITIES[code]] += n
    findings_args = {"year": year, "as_of": as_of.strftime("%d/%m/%Y")}
    if unit is not None:
        findings_args["unit"] = unit.code
    return render_template(
        "progress/dashboard.html",
        recompute_form=RecomputeForm(formdata=None) if is_admin() else None,
        recompute_args={
            "as_of": as_of.strftime("%d/%m/%Y"),
            "year": str(year),
            "period": period.code if period is not None else "",
        },
        form=form,
        unit_names={u.code: u.name for u in units},
        period=period,
        as_of=as_of,
        year=year,
        rows=rows,
        funnels={r.target_id: charts.funnel(r) for r in rows},
        status_counts=Counter(r.status for r in rows),
        provenance=provenance,
        findings_provenance=found_provenance,
        by_severity=[(s, by_severity.get(s, 0)) for s in SEVERITY_ORDER],
        by_rule=[(code, SEVERITIES[code], by_rule[code]) for code in RULE_CODES if by_rule.get(code)],
        findings_total=sum(by_rule.values()),
        findings_args=findings_args,
        severity_tones=SEVERITY_TONES,
        wording=wording,
    )


@bp.route("/recompute", methods=["POST"])
@require_roles("admin")
def recompute():
    """The admin's "Tính lại" on the dashboard: the stored results are recomputed in full (the
    outbox's ``*``, for the queue's next sweep), and the figures of the date shown, when they are
    a stored view (another date than the recompute's), are queued again (computed now without a
    queue)."""
    form = RecomputeChoicesForm(request.form)
    if not RecomputeForm(request.form).validate() or not form.validate():
        flash(_("Không tính lại được: lựa chọn không hợp lệ."), "error")
        return redirect(url_for("progress.dashboard"))
    as_of = form.as_of.data or clock.today()
    year = _year_choice(form.year.data, as_of)
    keys = [("findings", served.findings_key(year, as_of))]
    if form.period.data:
        keys.append(("gaps", served.gaps_key(form.period.data, as_of)))
    for kind, key in keys:
        if not served.exists(kind, key):
            continue
        if served.queue_available():
            served.request(kind, key, force=True)
        else:
            served.compute(kind, key)
    request_recompute(db.session)
    db.session.commit()
    flash(_("Đã xếp hàng tính lại số liệu; tải lại trang sau ít phút để xem số liệu mới."), "success")
    args = {"as_of": as_of.strftime("%d/%m/%Y"), "year": year}
    if form.period.data:
        args["period"] = form.period.data
    return redirect(url_for("progress.dashboard", **args))


@bp.route("/findings")
@require_roles(*READERS)
def findings():
    form = FindingsForm(request.args)
    all_periods = results.periods()
    units = db.session.scalars(units_query_for()).all()
    as_of = form.as_of.data or clock.today()
    year = _year_choice(form.year.data, as_of)
    years = sorted({y for p in all_periods for y in range(p.start_date.year, p.end_date.year + 1)} | {year})
    form.fill_choices(years, units)
    form.validate()
    form.as_of.data, form.year.data = as_of, str(year)
    unit = _unit_filter(form.unit.data)
    severity = form.severity.data if form.severity.data in SEVERITY_ORDER else None
    rule = form.rule.data if form.rule.data in RULE_CODES else None
    scope = [unit] if unit is not None else (None if is_admin() else units)
    provenance = results.stored_findings_provenance(year, as_of, scope)
    if provenance is not None:
        # stored and fresh for these units: filtered, counted and paged in SQL
        unit_ids = None if scope is None else {u.id for u in scope}
        codes = None
        if rule is not None or severity is not None:
            codes = [
                c
                for c in RULE_CODES
                if (rule is None or c == rule) and (severity is None or SEVERITIES[c] == severity)
            ]
        page = db.paginate(store.stored_findings_query(year, unit_ids, codes), per_page=FINDINGS_PER_PAGE)
        shown = store.as_findings(page.items)
        counts = Counter()
        for code, n in store.stored_finding_counts(year, unit_ids, codes).items():
            counts[SEVERITIES[code]] += n
        total = page.total
        in_force = results.plans_in_force(year, {f.unit_id for f in shown if f.plan_id is None and f.unit_id})
    else:
        found, provenance = results.findings(year, as_of)
        found = [
            f
            for f in found
            if results.finding_visible(f)
            and (unit is None or f.unit_id == unit.id)
            and (severity is None or f.severity == severity)
            and (rule is None or f.code == rule)
        ]
        page = paginate_list(found, per_page=FINDINGS_PER_PAGE)
        shown, total, counts = page.items, len(found), Counter(f.severity for f in found)
        in_force = results.plans_in_force(year, {f.unit_id for f in shown if f.plan_id is None and f.unit_id})
    items = [(f, f.message(), results.plan_link_id(f, in_force)) for f in shown]
    return render_template(
        "progress/findings.html",
        form=form,
        unit_names={u.code: u.name for u in units},
        items=items,
        page=page,
        total=total,
        page_args={k: v for k, v in request.args.items() if k != "page"},
        year=year,
        as_of=as_of,
        provenance=provenance,
        severity_tones=SEVERITY_TONES,
        counts=counts,
    )
