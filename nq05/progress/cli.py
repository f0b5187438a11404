"""The progress commands: ``nq05 realism``, ``nq05 gaps``, ``nq05 report``, ``nq05 recompute``.

With ``--json`` only the JSON object is printed on stdout; without it, a readable table in the
command line's language (Vietnamese unless NQ05_LOCALE/LANG says English; see requires_schema).
"""

from __future__ import annotations

import json
import sys
from datetime import date

import click
from flask_babel import gettext as _
from sqlalchemy import select

from nq05 import clock
from nq05.cli import N_, Command, cli_language, requires_schema
from nq05.domain.groups import GROUPINGS
from nq05.extensions import db
from nq05.progress.gaps import find_period, gaps_json
from nq05.progress.realism import evaluate, findings_json
from nq05.progress.report import report_json
from nq05.progress.store import recompute
from nq05.progress.tables import gaps_table, realism_table, report_table, unit_progress_table
from nq05.progress.unit import unit_by_code, unit_progress_json
from nq05.staff.models import Unit


class DateParam(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            with cli_language():
                message = _("%(value)s không phải là ngày dạng YYYY-MM-DD.", value=repr(value))
            self.fail(message, param, ctx)


DATE = DateParam()

#: the options' help shared by several commands (Vietnamese msgids, shown in the command line's language)
AS_OF_HELP = N_("Tính đến ngày này, dạng YYYY-MM-DD (mặc định: hôm nay).")
PERIOD_HELP = N_("Mã giai đoạn, ví dụ 2016-2020.")
JSON_HELP = N_("In kết quả dạng JSON (mã và số liệu theo đặc tả).")


def _print_json(obj: dict) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=1))


def _check_unit(code: str | None) -> None:
    if code is None:
        return

    if db.session.scalar(select(Unit.id).where(Unit.code == code)) is None:
        click.echo(_("Không có đơn vị %(code)s", code=code), err=True)
        sys.exit(2)


@click.command("realism", cls=Command, help=N_("Kiểm tra tính sát thực tế của kế hoạch năm."))
@click.option("--year", type=int, required=True, help=N_("Năm kế hoạch."))
@click.option("--as-of", "as_of", type=DATE, default=None, help=AS_OF_HELP)
@click.option("--unit", "unit_code", default=None, help=N_("Chỉ đơn vị có mã này."))
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@requires_schema
def realism_command(year, as_of, unit_code, as_json):
    """Plan realism findings (shared/spec/realism.md)."""
    as_of = as_of or clock.today()
    _check_unit(unit_code)
    findings = evaluate(year, as_of, unit_code)
    if as_json:
        _print_json(findings_json(year, as_of, findings))
    else:
        click.echo(realism_table(year, as_of, findings))


@click.command("gaps", cls=Command, help=N_("Kế hoạch so với chỉ tiêu của một giai đoạn."))
@click.option("--period", "period_code", required=True, help=PERIOD_HELP)
@click.option("--as-of", "as_of", type=DATE, default=None, help=AS_OF_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@requires_schema
def gaps_command(period_code, as_of, as_json):
    """Plan versus quota (shared/spec/reports.md)."""
    as_of = as_of or clock.today()
    period = find_period(period_code)
    if period is None:
        click.echo(_("Không có giai đoạn %(code)s", code=period_code), err=True)
        sys.exit(2)
    data = gaps_json(period, as_of)
    if as_json:
        _print_json(data)
    else:
        click.echo(gaps_table(data))


@click.command("report", cls=Command, help=N_("Báo cáo tiến độ thực hiện chỉ tiêu."))
@click.option("--baseline", type=DATE, required=True, help=N_("Ngày mốc để so sánh, dạng YYYY-MM-DD."))
@click.option("--as-of", "as_of", type=DATE, default=None, help=AS_OF_HELP)
@click.option("--period", "period_code", default=None, help=PERIOD_HELP)
@click.option(
    "--by",
    "by",
    metavar="gender|minority",
    default=None,
    help=N_("Chia theo giới tính (gender) hoặc dân tộc thiểu số (minority)."),
)
@click.option(
    "--unit",
    "unit_code",
    default=None,
    help=N_("Chỉ đơn vị có mã này và các đơn vị trực thuộc."),
)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@requires_schema
def report_command(baseline, as_of, period_code, by, unit_code, as_json):
    """The progress report (shared/spec/reports.md), of the province or of one unit."""
    if by is not None and by not in GROUPINGS:
        click.echo(
            _(
                "Không có cách chia %(value)s: --by gender (nam, nữ) hoặc --by minority (dân tộc)",
                value=repr(by),
            ),
            err=True,
        )
        sys.exit(2)
    as_of = as_of or clock.today()
    period = None
    if period_code is not None:
        period = find_period(period_code)
        if period is None:
            click.echo(_("Không có giai đoạn %(code)s", code=period_code), err=True)
            sys.exit(2)
    if unit_code is not None:
        unit = unit_by_code(unit_code)
        if unit is None:
            click.echo(_("Không có đơn vị %(code)s", code=unit_code), err=True)
            sys.exit(2)
        data = unit_progress_json(unit, baseline, as_of, period, by)
        if as_json:
            _print_json(data)
        else:
            click.echo(unit_progress_table(data))
        return
    data = report_json(baseline, as_of, period, by)
    if as_json:
        _print_json(data)
    else:
        click.echo(report_table(data))


@click.command(
    "recompute",
    cls=Command,
    help=N_("Tính lại các kết quả lưu sẵn. Đó là các phát hiện về kế hoạch và các dòng chỉ tiêu."),
)
@click.option("--unit", "unit_code", default=None, help=N_("Chỉ đơn vị có mã này."))
@click.option("--as-of", "as_of", type=DATE, default=None, help=AS_OF_HELP)
@requires_schema
def recompute_command(unit_code, as_of):
    """Refresh the stored findings and target rows."""
    _check_unit(unit_code)
    result = recompute([unit_code] if unit_code else None, as_of=as_of)
    click.echo(
        _(
            "Đã tính lại: %(findings)s phát hiện, %(gaps)s dòng chỉ tiêu (%(when)s, giờ Việt Nam)",
            findings=result.findings,
            gaps=result.gap_rows,
            when=clock.vietnam_time(result.computed_at).strftime("%d/%m/%Y %H:%M:%S"),
        )
    )


COMMANDS = (realism_command, gaps_command, report_command, recompute_command)
