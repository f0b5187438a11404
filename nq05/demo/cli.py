"""``nq05 demo``: fill an empty database with a realistic synthetic province."""

from __future__ import annotations

import sys
import time

import click
from flask.cli import with_appcontext

from nq05.cli import requires_schema
from nq05.demo.build import DemoProvince
from nq05.demo.messages import TABLE_LABELS
from nq05.demo.write import tables_with_rows, write_demo
from nq05.extensions import db
from nq05.i18n_cli import cli_locale, cli_text
from nq05.postgres import analyze


@click.command("demo")
@click.option(
    "--seed",
    type=int,
    default=2014,
    show_default=True,
    help="Hạt giống ngẫu nhiên / random seed: the same seed gives the same data.",
)
@click.option(
    "--scale",
    type=click.FloatRange(min=0.05, max=50),
    default=1.0,
    show_default=True,
    help="Hệ số quy mô / scale: 1 = Lai Châu (about 5,000 staff); 20 = about 100,000.",
)
@click.option("--replace", is_flag=True, help="Xóa toàn bộ dữ liệu trước / empty the database first.")
@with_appcontext
@requires_schema
def demo_command(seed: int, scale: float, replace: bool) -> None:
    """Tạo dữ liệu mẫu: một tỉnh giả lập cỡ Lai Châu / build a demo province."""
    started = time.perf_counter()
    if not replace:
        present = tables_with_rows()
        if present:
            click.echo(cli_text("demo_not_empty", tables=", ".join(present)), err=True)
            sys.exit(1)
    click.echo(cli_text("demo_building", seed=seed, scale=f"{scale:g}"))
    province = DemoProvince(seed, scale)
    if replace:
        from nq05.exchange.load import delete_everything

        delete_everything()
    counts = write_demo(province)
    db.session.commit()
    analyze(db.session)
    click.echo(cli_text("demo_done", seconds=f"{time.perf_counter() - started:.1f}"))
    for name, label in TABLE_LABELS.items():
        number = f"{counts[name]:,}"
        if cli_locale() == "vi":
            number = number.replace(",", ".")  # Vietnamese thousands separator
        click.echo(f"  {cli_text(label)}: {number}")
    click.echo(cli_text("demo_logins"))
    for login in province.logins:
        purpose = cli_text(f"demo_login_{login.purpose}", place=login.place)
        click.echo(f"  {login.email} / {login.password}  — {purpose}")
