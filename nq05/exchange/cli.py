"""The ``nq05 import`` and ``nq05 export`` commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from nq05.cli import requires_schema
from nq05.exchange.operations import export_bundle, import_bundle
from nq05.i18n_cli import cli_text


@click.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--replace", is_flag=True, help="Replace the whole database content / Thay toàn bộ dữ liệu.")
@requires_schema
def import_command(path: Path, replace: bool) -> None:
    """Load a bundle folder or .xlsx workbook / Nhập bộ dữ liệu."""
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
@requires_schema
def export_command(path: Path) -> None:
    """Write the database as a bundle folder, or .xlsx / Xuất bộ dữ liệu."""
    counts = export_bundle(path)
    click.echo(cli_text("export_done", path=path))
    for name, count in counts.items():
        click.echo(cli_text("rows_line", file=name, count=count))
