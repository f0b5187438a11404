"""The ``nq05 import`` and ``nq05 export`` commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from nq05.cli import requires_schema
from nq05.domain.fields import escaped
from nq05.exchange.destination import ExportRefused
from nq05.exchange.operations import export_bundle, import_bundle
from nq05.i18n_cli import cli_text


@click.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--replace",
    is_flag=True,
    help="Thay toàn bộ dữ liệu; nhật ký thay đổi được giữ lại / "
    "replace the whole database content; the audit log is kept.",
)
@requires_schema
def import_command(path: Path, replace: bool) -> None:
    """Nhập bộ dữ liệu (thư mục CSV hoặc .xlsx) / load a bundle folder or .xlsx workbook."""
    result = import_bundle(path, replace=replace)
    if result.errors:
        for error in result.errors:
            click.echo(str(error), err=True)
        click.echo(cli_text("import_failed", count=len(result.errors)), err=True)
        sys.exit(2)
    click.echo(cli_text("import_done", path=path))
    for name, count in result.counts.items():
        click.echo(cli_text("rows_line", file=name, count=count))


@click.command("export")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--force",
    is_flag=True,
    help="Ghi đè thư mục hoặc tệp đã có (không bao giờ theo liên kết tượng trưng) / "
    "overwrite an existing folder or file (symlinks are never followed).",
)
@requires_schema
def export_command(path: Path, force: bool) -> None:
    """Xuất bộ dữ liệu vào thư mục mới hoặc rỗng, hoặc tệp .xlsx mới / write the database as a
    bundle into a new or empty folder, or a new .xlsx file."""
    try:
        counts = export_bundle(path, force=force)
    except ExportRefused as refused:
        click.echo(cli_text(refused.key, path=escaped(str(refused.path))), err=True)
        sys.exit(2)
    click.echo(cli_text("export_done", path=path))
    for name, count in counts.items():
        click.echo(cli_text("rows_line", file=name, count=count))
