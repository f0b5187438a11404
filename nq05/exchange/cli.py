"""The ``nq05 import`` and ``nq05 export`` commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask_babel import gettext as _

from nq05.cli import requires_schema
from nq05.exchange.operations import export_bundle, import_bundle


@click.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--replace", is_flag=True, help="Thay toàn bộ dữ liệu / replace the whole database content.")
@requires_schema
def import_command(path: Path, replace: bool) -> None:
    """Nhập bộ dữ liệu (thư mục CSV hoặc .xlsx) / load a bundle folder or .xlsx workbook."""
    result = import_bundle(path, replace=replace)
    if result.errors:
        for error in result.errors:
            click.echo(str(error), err=True)
        click.echo(_("Không nhập gì: bộ dữ liệu có %(count)s lỗi.", count=len(result.errors)), err=True)
        sys.exit(2)
    click.echo(_("Đã nhập %(path)s:", path=path))
    for name, count in result.counts.items():
        click.echo("  " + _("%(file)s: %(count)s dòng", file=name, count=count))


@click.command("export")
@click.argument("path", type=click.Path(path_type=Path))
@requires_schema
def export_command(path: Path) -> None:
    """Xuất bộ dữ liệu (thư mục CSV hoặc .xlsx) / write the database as a bundle."""
    counts = export_bundle(path)
    click.echo(_("Đã xuất ra %(path)s:", path=path))
    for name, count in counts.items():
        click.echo("  " + _("%(file)s: %(count)s dòng", file=name, count=count))
