"""/progress/report: the review's table of shares then and now, and its .xlsx export."""

from __future__ import annotations

from datetime import date, timedelta

from flask import abort, render_template, request
from flask_babel import gettext as _
from sqlalchemy import select

from nq05 import clock
from nq05.auth.access import require_roles
from nq05.extensions import db
from nq05.labels import label
from nq05.progress.report import report_json  # the same function as ``nq05 report``
from nq05.progress.web import charts, results, wording
from nq05.progress.web.blueprint import bp
from nq05.progress.web.export import report_workbook
from nq05.progress.web.forms import ReportForm
from nq05.reference.models import Programme
from nq05.spreadsheets.download import xlsx_download

READERS = ("admin", "unit_head")


def _report_request():
    """The form and the engine's report for the dates and period asked (defaults: the period
    containing today, its eve as the baseline, today as the as-of date)."""
    form = ReportForm(request.args)
    all_periods = results.periods()
    form.fill_choices(all_periods)
    asked = bool(request.args)
    valid = form.validate() if asked else True
    as_of = form.as_of.data or clock.today()
    if asked:
        period = results.period_for(all_periods, as_of, form.period.data) if form.period.data else None
        if form.period.data and period is None:
            abort(404)
    else:
        period = results.period_for(all_periods, as_of)
    default_baseline = period.start_date - timedelta(days=1) if period else date(as_of.year - 1, 12, 31)
    baseline = form.baseline.data or default_baseline
    if not valid:
        return form, None, period
    form.baseline.data, form.as_of.data = baseline, as_of
    form.period.data = period.code if period else ""
    return form, report_json(baseline, as_of, period, form.by.data or None), period


def group_labels(report: dict) -> dict[str, str] | None:
    """The names of the report's groups ("" for everyone), or None without a breakdown."""
    first = next((i for i in report["indicators"] if "groups" in i), None)
    if first is None:
        return None
    return {"": _("Tất cả"), **{g["group"]: label("group", g["group"]) for g in first["groups"]}}


def programme_names(report: dict) -> dict[str, str]:
    codes = [i["programme"] for i in report["indicators"] if i["programme"]]
    if not codes:
        return {}
    return dict(
        db.session.execute(select(Programme.code, Programme.name).where(Programme.code.in_(codes))).all()
    )


def by_category(report: dict) -> list[tuple[str | None, list[dict]]]:
    """The indicators grouped by staff category, in the order of indicators.csv."""
    groups: dict[str | None, list[dict]] = {}
    for indicator in report["indicators"]:
        groups.setdefault(indicator["category"], []).append(indicator)
    return list(groups.items())


@bp.route("/report")
@require_roles(*READERS)
def report():
    form, data, period = _report_request()
    context = {"form": form, "report": data, "period": period, "wording": wording}
    if data is not None:
        names = programme_names(data)
        labels = group_labels(data)
        baseline_label = _("Ngày gốc")
        as_of_label = _("Hiện tại")
        context.update(
            names=names,
            group_labels=labels,
            groups=[
                (
                    category,
                    indicators,
                    charts.shares(
                        indicators,
                        [wording.indicator_text(i, names) for i in indicators],
                        baseline_label,
                        as_of_label,
                        labels,
                    ),
                )
                for category, indicators in by_category(data)
            ],
            export_args=request.args.to_dict(),
        )
    return render_template("progress/report.html", **context)


@bp.route("/report.xlsx")
@require_roles(*READERS)
def report_xlsx():
    form, data, period = _report_request()
    if data is None:
        abort(400)
    stream = report_workbook(data, programme_names(data), period, group_labels(data))
    name = f"bao-cao-tien-do-{data['baseline']}-{data['as_of']}.xlsx"
    return xlsx_download(stream, name)
