"""The ``nq05 import`` and ``nq05 export`` commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask_babel import gettext as _

from nq05.cli import N_, Command, requires_schema
from nq05.domain.fields import escaped
from nq05.exchange.destination import ExportRefused
from nq05.exchange.messages import message
from nq05.exchange.operations import export_bundle, import_bundle


@click.command("import", cls=Command, help=N_("Nhập bộ dữ liệu (thư mục CSV hoặc tệp .xlsx)."))
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--replace",
    is_flag=True,
    help=N_("Thay toàn bộ dữ liệu; nhật ký thay đổi được giữ lại."),
)
@requires_schema
def import_command(path: Path, replace: bool) -> None:
    """Load a bundle folder or .xlsx workbook."""
    result = import_bundle(path, replace=replace)
    if result.errors:
        for error in result.errors:
            click.echo(str(error), err=True)
        click.echo(_("Không nhập gì: bộ dữ liệu có %(count)s lỗi.", count=len(result.errors)), err=True)
        sys.exit(2)
    click.echo(_("Đã nhập %(path)s:", path=path))
    for name, count in result.counts.items():
        click.echo("  " + _("%(file)s: %(count)s dòng", file=name, count=count))


@click.command(
    "export", cls=Command, help=N_("Xuất bộ dữ liệu vào thư mục mới hoặc rỗng, hoặc tệp .xlsx mới.")
)
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--force",
    is_flag=True,
    help=N_("Ghi đè thư mục hoặc tệp đã có (không bao giờ theo liên kết tượng trưng)."),
)
@requires_schema
def export_command(path: Path, force: bool) -> None:
    """Write the database as a bundle into a new or empty folder, or a new .xlsx file."""
    try:
        counts = export_bundle(path, force=force)
    except ExportRefused as refused:
        click.echo(message(refused.key, {"path": escaped(str(refused.path))}), err=True)
        sys.exit(2)
    click.echo(_("Đã xuất ra %(path)s:", path=path))
    for name, count in counts.items():
        click.echo("  " + _("%(file)s: %(count)s dòng", file=name, count=count))
