"""``nq05 demo``: fill an empty database with a realistic synthetic province."""

from __future__ import annotations

import sys
import time

import click
from flask.cli import with_appcontext
from flask_babel import format_decimal, format_number
from flask_babel import gettext as _

from nq05.cli import N_, Command, requires_schema
from nq05.demo.build import DemoProvince
from nq05.demo.messages import LOGIN_PURPOSES, TABLE_LABELS
from nq05.demo.write import tables_with_rows, write_demo
from nq05.exchange.load import delete_everything
from nq05.extensions import db
from nq05.postgres import analyze


@click.command("demo", cls=Command, help=N_("Tạo dữ liệu mẫu: một tỉnh giả lập cỡ tỉnh Lai Châu."))
@click.option(
    "--seed",
    type=int,
    default=2014,
    show_default=True,
    help=N_("Số khởi tạo ngẫu nhiên: cùng một số cho cùng một bộ dữ liệu."),
)
@click.option(
    "--scale",
    type=click.FloatRange(min=0.05, max=50),
    default=1.0,
    show_default=True,
    help=N_("Hệ số quy mô: 1 = cỡ tỉnh Lai Châu (khoảng 5.000 cán bộ, công chức); 20 = khoảng 100.000."),
)
@click.option("--replace", is_flag=True, help=N_("Xóa toàn bộ dữ liệu trước."))
@with_appcontext
@requires_schema
def demo_command(seed: int, scale: float, replace: bool) -> None:
    """Build a demo province (its help: ``help=`` above, in the command line's language)."""
    started = time.perf_counter()
    if not replace:
        present = tables_with_rows()
        if present:
            click.echo(
                _(
                    "Cơ sở dữ liệu đã có dữ liệu (bảng: %(tables)s). Dùng --replace để xóa hết và tạo dữ liệu mẫu.",
                    tables=", ".join(present),
                ),
                err=True,
            )
            sys.exit(1)
    click.echo(
        _(
            "Đang tạo dữ liệu mẫu (số khởi tạo %(seed)s, quy mô %(scale)s)...",
            seed=seed,
            scale=format_decimal(scale),
        )
    )
    province = DemoProvince(seed, scale)
    if replace:
        delete_everything()
    counts = write_demo(province)
    db.session.commit()
    analyze(db.session)
    click.echo(
        _(
            "Đã tạo xong dữ liệu mẫu trong %(seconds)s giây:",
            seconds=format_decimal(time.perf_counter() - started, "0.0"),
        )
    )
    for name, label in TABLE_LABELS.items():
        click.echo(f"  {label}: {format_number(counts[name])}")
    click.echo(_("Tài khoản đăng nhập (email / mật khẩu):"))
    for login in province.logins:
        purpose = str(LOGIN_PURPOSES[login.purpose]) % {"place": login.place}
        click.echo(f"  {login.email} / {login.password}  — {purpose}")
