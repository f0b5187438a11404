"""/progress/report: the review's table of shares then and now, and its .xlsx export."""

from __future__ import annotations

from datetime import date, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from nq05 import clock
from nq05.auth.access import is_admin, require_roles
from nq05.extensions import db
from nq05.labels import label
from nq05.progress import served  # the report of ``nq05 report``, as the queue stored it
from nq05.progress.web import charts, results, wording
from nq05.progress.web.blueprint import bp
from nq05.progress.web.export import report_workbook
from nq05.progress.web.forms import RecomputeForm, ReportForm
from nq05.reference.models import Programme
from nq05.spreadsheets.download import xlsx_download

READERS = ("admin", "unit_head")


def _report_request():
    """The form, the report served for the dates and period asked (defaults: the period
    containing today, its eve as the baseline, today as the as-of date; the figures as the task
    queue stored them, see progress/served.py) and the period."""
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
    key = served.report_key(baseline, as_of, period.code if period else None, form.by.data or None)
    return form, served.serve("report", key), period


def _report_args(form) -> dict:
    """The report's choices as the page's query string."""
    args = {
        "baseline": form.baseline.data.strftime("%d/%m/%Y"),
        "as_of": form.as_of.data.strftime("%d/%m/%Y"),
    }
    if form.period.data:
        args["period"] = form.period.data
    if form.by.data:
        args["by"] = form.by.data
    return args


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
    form, shown, period = _report_request()
    data = shown.payload if shown is not None else None
    context = {
        "form": form,
        "report": data,
        "served": shown,
        "period": period,
        "wording": wording,
        "recompute_form": RecomputeForm(formdata=None) if is_admin() and shown is not None else None,
        "report_args": _report_args(form) if shown is not None else {},
    }
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


@bp.route("/report/recompute", methods=["POST"])
@require_roles("admin")
def report_recompute():
    """The admin's "Tính lại": queue the report of these choices again (now, without a queue)."""
    form = ReportForm(request.form)
    form.fill_choices(results.periods())
    if not RecomputeForm(request.form).validate() or not form.validate() or not form.baseline.data:
        flash(_("Không tính lại được: mốc thời gian không hợp lệ."), "error")
        return redirect(url_for("progress.report"))
    as_of = form.as_of.data or clock.today()
    key = served.report_key(form.baseline.data, as_of, form.period.data or None, form.by.data or None)
    if served.queue_available():
        served.request("report", key, force=True)
        flash(_("Đã xếp hàng tính lại báo cáo; tải lại trang sau ít phút để xem số liệu mới."), "success")
    else:
        served.compute("report", key)
        flash(_("Đã tính lại báo cáo."), "success")
    form.as_of.data = as_of
    return redirect(url_for("progress.report", **_report_args(form)))


@bp.route("/report.xlsx")
@require_roles(*READERS)
def report_xlsx():
    form, shown, period = _report_request()
    if shown is None:
        abort(400)
    data = shown.payload
    if data is None:  # queued: the page says so
        return redirect(url_for("progress.report", **_report_args(form)))
    stream = report_workbook(data, programme_names(data), period, group_labels(data))
    name = f"bao-cao-tien-do-{data['baseline']}-{data['as_of']}.xlsx"
    return xlsx_download(stream, name)
