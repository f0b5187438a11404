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
from nq05.cli import requires_schema
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
            self.fail(f"{value!r} is not a date YYYY-MM-DD", param, ctx)


DATE = DateParam()


def _print_json(obj: dict) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=1))


def _check_unit(code: str | None) -> None:
    if code is None:
        return

    if db.session.scalar(select(Unit.id).where(Unit.code == code)) is None:
        click.echo(_("Không có đơn vị %(code)s", code=code), err=True)
        sys.exit(2)


@click.command("realism")
@click.option("--year", type=int, required=True, help="Năm kế hoạch / plan year")
@click.option("--as-of", "as_of", type=DATE, default=None, help="Ngày đánh giá / evaluation date (today)")
@click.option("--unit", "unit_code", default=None, help="Chỉ đơn vị này / only this unit")
@click.option("--json", "as_json", is_flag=True, help="In JSON")
@requires_schema
def realism_command(year, as_of, unit_code, as_json):
    """Kiểm tra tính thực tế của kế hoạch / plan realism findings."""
    as_of = as_of or clock.today()
    _check_unit(unit_code)
    findings = evaluate(year, as_of, unit_code)
    if as_json:
        _print_json(findings_json(year, as_of, findings))
    else:
        click.echo(realism_table(year, as_of, findings))


@click.command("gaps")
@click.option("--period", "period_code", required=True, help="Giai đoạn / period code")
@click.option("--as-of", "as_of", type=DATE, default=None)
@click.option("--json", "as_json", is_flag=True)
@requires_schema
def gaps_command(period_code, as_of, as_json):
    """Kế hoạch so với chỉ tiêu / plan versus quota."""
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


@click.command("report")
@click.option("--baseline", type=DATE, required=True)
@click.option("--as-of", "as_of", type=DATE, default=None)
@click.option("--period", "period_code", default=None)
@click.option(
    "--by",
    "by",
    metavar="gender|minority",
    default=None,
    help="Chia theo giới tính hoặc dân tộc / break down by gender or ethnic group",
)
@click.option(
    "--unit",
    "unit_code",
    default=None,
    help="Chỉ đơn vị này và các đơn vị trực thuộc / only this unit and its sub-units",
)
@click.option("--json", "as_json", is_flag=True)
@requires_schema
def report_command(baseline, as_of, period_code, by, unit_code, as_json):
    """Báo cáo tiến độ / progress report."""
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


@click.command("recompute")
@click.option("--unit", "unit_code", default=None, help="Chỉ đơn vị này / only this unit")
@click.option("--as-of", "as_of", type=DATE, default=None)
@requires_schema
def recompute_command(unit_code, as_of):
    """Tính lại kết quả lưu sẵn / refresh the stored findings and target rows."""
    _check_unit(unit_code)
    result = recompute([unit_code] if unit_code else None, as_of=as_of)
    click.echo(
        _(
            "Đã tính lại: %(findings)s phát hiện, %(gaps)s dòng chỉ tiêu (%(when)s)",
            findings=result.findings,
            gaps=result.gap_rows,
            when=result.computed_at.isoformat(timespec="seconds"),
        )
    )


COMMANDS = (realism_command, gaps_command, report_command, recompute_command)
