"""``nq05 run`` (web app + worker + beat for local use) and ``nq05 notify ...``."""

from __future__ import annotations

import logging
import os
import secrets
import signal
import socket
import sys
from datetime import date

import click
import redis
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from werkzeug.serving import run_simple

from nq05 import clock
from nq05.cli import N_, Command, Group, requires_schema
from nq05.config import SecretKeyMissing, require_secret_key
from nq05.extensions import db
from nq05.i18n import LANGUAGES, cli_locale
from nq05.notify.delivery import deliver
from nq05.notify.dispatch import release_stale_claims, take_due_reminders
from nq05.notify.heartbeat import heartbeats
from nq05.notify.inprocess import InProcessRunner
from nq05.notify.models import REMINDER_STATUSES, Reminder
from nq05.notify.recompute import last_run, pending_units, recompute_units
from nq05.notify.scan import scan
from nq05.notify.supervise import Child, Supervisor, beat_command, worker_command
from nq05.notify.views import outcome_text, status_labels

NO_REDIS = _l(
    "Không kết nối được Redis (%(url)s): các công việc nền (lời nhắc, tính lại số liệu) chạy ngay trong "
    "tiến trình này, mỗi %(seconds)s giây. Khi triển khai thật, hãy đặt REDIS_URL và chạy worker Celery "
    "(xem docs/deploy.md)."
)


def redis_reachable(url: str) -> bool:
    if not url:
        return False
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2).ping())
    except Exception:  # noqa: BLE001
        return False


def _masked(url: str) -> str:
    if "@" in url:
        scheme, _, rest = url.partition("://")
        return f"{scheme}://***@{rest.rpartition('@')[2]}"
    return url or "REDIS_URL = ''"


def served_url(host: str, port: int) -> str:
    """The address a reader opens to reach ``nq05 run --host --port`` (a wildcard host: this
    machine's name)."""
    if host in ("0.0.0.0", "::", ""):
        host = socket.getfqdn()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


@click.command(
    "run",
    cls=Command,
    help=N_(
        "Chạy ứng dụng web trên máy này. Các tiến trình nền (worker và beat) chạy cùng khi có Redis, "
        "nếu không thì chạy ngay trong tiến trình web."
    ),
)
@click.option("--host", default="127.0.0.1", show_default=True, help=N_("Địa chỉ mạng để nhận kết nối."))
@click.option("--port", default=5000, show_default=True, type=int, help=N_("Cổng để nhận kết nối."))
@click.option("--concurrency", default=2, show_default=True, type=int, help=N_("Số tiến trình của worker."))
@click.option(
    "--tasks/--no-tasks", default=True, help=N_("Chạy hoặc không chạy các tiến trình nền (worker và beat).")
)
@click.option("--debug", is_flag=True, help=N_("Bật trình gỡ lỗi của Werkzeug (chỉ khi phát triển)."))
@with_appcontext
@requires_schema
def run_command(host: str, port: int, concurrency: int, tasks: bool, debug: bool) -> None:
    app = current_app._get_current_object()
    if debug and not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secrets.token_hex(32)  # the debugger is for development only
    try:
        require_secret_key(app)
    except SecretKeyMissing as missing:
        click.echo(str(missing), err=True)
        sys.exit(1)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not os.environ.get("BASE_URL"):
        # the links in the e-mails lead to this server; the worker and beat inherit the variable
        app.config["BASE_URL"] = os.environ["BASE_URL"] = served_url(host, port)
    supervisor = runner = None
    if tasks:
        url = app.config.get("REDIS_URL", "")
        if redis_reachable(url):
            schedule = app.config["NOTIFY_BEAT_SCHEDULE"] or os.path.join(
                app.instance_path, "celerybeat-schedule"
            )
            worker = Child("worker", worker_command(concurrency))
            beat = Child("beat", beat_command(schedule))
            supervisor = Supervisor([worker, beat])
            supervisor.start()
            click.echo(
                _(
                    "Hàng đợi công việc: Redis tại %(url)s. Đang khởi động worker Celery (tiến trình %(worker)s) và beat (tiến trình %(beat)s); nếu một trong hai dừng, nó được khởi động lại.",
                    url=_masked(url),
                    worker=worker.proc.pid,
                    beat=beat.proc.pid,
                )
            )
        else:
            interval = 5
            # Important enough to say in both languages, the user's first.
            for language in sorted(LANGUAGES, key=lambda code: code != cli_locale()):
                with force_locale(language):
                    click.echo(str(NO_REDIS) % {"url": _masked(url), "seconds": interval})
            runner = InProcessRunner(app, interval=interval)
            runner.start()
        if app.config.get("MAIL_SERVER"):
            click.echo(
                _(
                    "Thư nhắc gửi qua máy chủ SMTP %(server)s:%(port)s",
                    server=app.config["MAIL_SERVER"],
                    port=app.config["MAIL_PORT"],
                )
            )
        else:
            click.echo(
                _(
                    "Chưa đặt MAIL_SERVER: thư nhắc được ghi thành tệp .eml trong %(folder)s",
                    folder=os.path.abspath(app.config["MAIL_FOLDER"]),
                )
            )
    click.echo(_("Ứng dụng web: http://%(host)s:%(port)s/  (Ctrl-C để dừng)", host=host, port=port))

    def _terminate(signum, frame):
        raise SystemExit(0)

    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=debug)
    except KeyboardInterrupt:
        pass
    finally:
        click.echo(_("Đang dừng..."))
        if runner is not None:
            runner.stop()
        if supervisor is not None:
            supervisor.stop()
        signal.signal(signal.SIGTERM, previous)


@click.group("notify", cls=Group, help=N_("Lời nhắc và hàng đợi công việc."))
def notify_group() -> None:
    pass


@notify_group.command("scan", help=N_("Tạo các lời nhắc đến hạn."))
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help=N_("Ngày cần xét, dạng YYYY-MM-DD (mặc định: hôm nay)."),
)
@click.option("--send", is_flag=True, help=N_("Gửi luôn các lời nhắc đang chờ từ tiến trình này."))
@with_appcontext
@requires_schema
def scan_command(today, send: bool) -> None:
    day: date = today.date() if today else clock.today()
    click.echo(
        _("Đã tạo %(count)s lời nhắc mới (ngày %(today)s).", count=scan(day), today=day.strftime("%d/%m/%Y"))
    )
    if send:
        _send_pending()


def _send_pending() -> None:
    release_stale_claims()
    ids = take_due_reminders(limit=100000)
    for reminder_id in ids:
        deliver(reminder_id)
    click.echo(_("Đã xử lý %(count)s lời nhắc đang chờ.", count=len(ids)))
    config = current_app.config
    if config.get("MAIL_SERVER"):
        click.echo(
            _(
                "Thư nhắc gửi qua máy chủ SMTP %(server)s:%(port)s",
                server=config["MAIL_SERVER"],
                port=config["MAIL_PORT"],
            )
        )
    else:
        click.echo(
            _(
                "Chưa đặt MAIL_SERVER: thư nhắc được ghi thành tệp .eml trong %(folder)s",
                folder=os.path.abspath(config["MAIL_FOLDER"]),
            )
        )


@notify_group.command("send", help=N_("Gửi ngay các lời nhắc đang chờ từ tiến trình này."))
@with_appcontext
@requires_schema
def send_command() -> None:
    _send_pending()


@notify_group.command("status", help=N_("Tình trạng hàng đợi công việc."))
@with_appcontext
@requires_schema
def status_command() -> None:
    labels = status_labels()
    counts = dict(db.session.execute(select(Reminder.status, func.count()).group_by(Reminder.status)).all())
    click.echo(_("Lời nhắc:"))
    for status in REMINDER_STATUSES:
        click.echo(f"  {labels[status]}: {counts.get(status, 0)}")
    beats = heartbeats()
    if beats:
        click.echo(_("Tiến trình nền trả lời lần cuối (giờ Việt Nam):"))
        for hb in beats:
            click.echo(f"  {hb.worker}: {_vn_time(hb.seen_at)}")
    else:
        click.echo(_("Chưa có tiến trình nền nào trả lời."))
    pending = [r.unit_code for r in pending_units()]
    click.echo(
        _(
            "Đơn vị chờ tính lại: %(units)s",
            units=", ".join(_("tất cả") if u == "*" else u for u in pending) or _("không có"),
        )
    )
    run = last_run()
    if run is None:
        click.echo(_("Tính lại số liệu lần cuối: chưa có"))
    else:
        click.echo(
            _(
                "Tính lại số liệu lần cuối: %(when)s (giờ Việt Nam), %(units)s, %(outcome)s",
                when=_vn_time(run.finished_at),
                units=_("tất cả đơn vị") if run.units == "*" else run.units,
                outcome=outcome_text(run.outcome),
            )
        )


def _vn_time(value) -> str:
    """dd/mm/yyyy HH:MM:SS in Vietnam time (the database's naive datetimes are UTC)."""
    return clock.vietnam_time(value).strftime("%d/%m/%Y %H:%M:%S")


@notify_group.command(
    "recompute",
    help=N_("Tính lại số liệu ngay. Nêu mã đơn vị để chỉ tính lại các đơn vị đó; không nêu: mọi đơn vị."),
)
@click.argument("units", nargs=-1)
@with_appcontext
@requires_schema
def recompute_command(units) -> None:
    codes = list(units) or None
    outcome = recompute_units(codes)
    click.echo(
        _(
            "Đã tính lại: %(units)s (%(outcome)s).",
            units=", ".join(codes) if codes else _("tất cả đơn vị"),
            outcome=outcome_text(outcome),
        )
    )
    if outcome != "ok":
        sys.exit(1)
