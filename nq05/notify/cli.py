"""``nq05 run`` (web app + worker + beat for local use) and ``nq05 notify ...``."""

from __future__ import annotations

import logging
import os
import secrets
import signal
import subprocess
import sys
import time
from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from nq05.cli import requires_schema
from nq05.config import SecretKeyMissing, require_secret_key
from nq05.i18n_cli import cli_locale, cli_text, register_messages

NO_REDIS = (
    "Không kết nối được Redis ({url}): các công việc nền (lời nhắc, tính lại số liệu) chạy ngay trong "
    "tiến trình này, mỗi {seconds} giây. Khi triển khai thật, hãy đặt REDIS_URL và chạy worker Celery "
    "(xem docs/deploy.md).",
    "Redis is not reachable ({url}): background tasks (reminders, recomputation) run inside this "
    "process, every {seconds} seconds. In production set REDIS_URL and run Celery workers "
    "(see docs/deploy.md).",
)

register_messages(
    {
        "run_redis": (
            "Hàng đợi công việc: Redis tại {url}. Đang khởi động một worker Celery và beat (tiến trình {pid}).",
            "Task queue: Redis at {url}. Starting a Celery worker and beat (process {pid}).",
        ),
        "run_mail_folder": (
            "Chưa đặt MAIL_SERVER: thư nhắc được ghi thành tệp .eml trong {folder}",
            "No MAIL_SERVER: reminder emails are written as .eml files to {folder}",
        ),
        "run_mail_smtp": (
            "Thư nhắc gửi qua máy chủ SMTP {server}:{port}",
            "Reminder emails go to SMTP {server}:{port}",
        ),
        "run_web": (
            "Ứng dụng web: http://{host}:{port}/  (Ctrl-C để dừng)",
            "Web app: http://{host}:{port}/  (Ctrl-C to stop)",
        ),
        "run_stopping": ("Đang dừng...", "Stopping..."),
        "run_worker_died": (
            "Worker Celery đã dừng (mã {code}); các công việc nền sẽ chờ đến khi có worker.",
            "The Celery worker stopped (code {code}); background tasks wait for a worker.",
        ),
        "notify_scanned": (
            "Đã tạo {count} lời nhắc mới (ngày {today}).",
            "{count} new reminder(s) (date {today}).",
        ),
        "notify_sent": ("Đã xử lý {count} lời nhắc đang chờ.", "{count} pending reminder(s) processed."),
        "notify_recomputed": ("Đã tính lại: {units} ({outcome}).", "Recomputed: {units} ({outcome})."),
        "notify_none": ("tất cả đơn vị", "all units"),
    }
)


def redis_reachable(url: str) -> bool:
    if not url:
        return False
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2).ping())
    except Exception:  # noqa: BLE001
        return False


def _masked(url: str) -> str:
    if "@" in url:
        scheme, _, rest = url.partition("://")
        return f"{scheme}://***@{rest.rpartition('@')[2]}"
    return url or "REDIS_URL = ''"


def _die_with_parent() -> None:
    """In the child: get SIGTERM when nq05 run dies, even by kill -9 (Linux)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - not Linux: Ctrl-C and SIGTERM still stop the worker
        pass


def start_worker(concurrency: int, schedule: str) -> subprocess.Popen:
    cmd = [
        sys.executable, "-m", "celery", "-A", "nq05.notify.worker", "worker", "--beat",
        "-Q", "mail,recompute", "--concurrency", str(concurrency), "--schedule", schedule,
        "--loglevel", "INFO", "--without-mingle", "--without-gossip",
    ]  # fmt: skip
    return subprocess.Popen(cmd, start_new_session=True, preexec_fn=_die_with_parent)


def stop_process_group(proc: subprocess.Popen, timeout: float = 15.0) -> None:
    """SIGTERM to the child and its pool processes (warm shutdown), SIGKILL if they linger."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:  # the worker, its pool and its beat: the whole group
        proc.poll()
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(5)


@click.command(
    "run",
    help="Chạy ứng dụng web, worker và beat cho máy cá nhân / run the web app, a worker and beat locally.",
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--concurrency", default=2, show_default=True, type=int, help="worker processes")
@click.option("--tasks/--no-tasks", default=True, help="start background tasks (worker and beat)")
@click.option("--debug", is_flag=True, help="Werkzeug debugger")
@with_appcontext
@requires_schema
def run_command(host: str, port: int, concurrency: int, tasks: bool, debug: bool) -> None:
    from werkzeug.serving import run_simple

    from nq05.notify.inprocess import InProcessRunner

    app = current_app._get_current_object()
    if debug and not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secrets.token_hex(32)  # the debugger is for development only
    try:
        require_secret_key(app)
    except SecretKeyMissing as missing:
        click.echo(str(missing), err=True)
        sys.exit(1)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    worker = runner = None
    if tasks:
        url = app.config.get("REDIS_URL", "")
        if redis_reachable(url):
            schedule = app.config["NOTIFY_BEAT_SCHEDULE"] or os.path.join(
                app.instance_path, "celerybeat-schedule"
            )
            worker = start_worker(concurrency, schedule)
            click.echo(cli_text("run_redis", url=_masked(url), pid=worker.pid))
        else:
            interval = 5
            # Important enough to say in both languages, the user's first.
            vi, en = NO_REDIS
            first, second = (en, vi) if cli_locale() == "en" else (vi, en)
            for text in (first, second):
                click.echo(text.format(url=_masked(url), seconds=interval))
            runner = InProcessRunner(app, interval=interval)
            runner.start()
        if app.config.get("MAIL_SERVER"):
            click.echo(
                cli_text("run_mail_smtp", server=app.config["MAIL_SERVER"], port=app.config["MAIL_PORT"])
            )
        else:
            click.echo(cli_text("run_mail_folder", folder=os.path.abspath(app.config["MAIL_FOLDER"])))
    click.echo(cli_text("run_web", host=host, port=port))

    def _terminate(signum, frame):
        raise SystemExit(0)

    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=debug)
    except KeyboardInterrupt:
        pass
    finally:
        click.echo(cli_text("run_stopping"))
        if runner is not None:
            runner.stop()
        if worker is not None:
            stop_process_group(worker)
        signal.signal(signal.SIGTERM, previous)


@click.group("notify", help="Lời nhắc và hàng đợi công việc / reminders and the task queue.")
def notify_group() -> None:
    pass


@notify_group.command("scan", help="Tạo các lời nhắc đến hạn / create the reminders due.")
@click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="the date to scan for (default: today)"
)
@click.option("--send", is_flag=True, help="also send the pending reminders from this process")
@with_appcontext
@requires_schema
def scan_command(today, send: bool) -> None:
    from nq05.notify.clock import local_today
    from nq05.notify.scan import scan

    day: date = today.date() if today else local_today()
    click.echo(cli_text("notify_scanned", count=scan(day), today=day.strftime("%d/%m/%Y")))
    if send:
        _send_pending()


def _send_pending() -> None:
    from nq05.notify.delivery import deliver
    from nq05.notify.dispatch import release_stale_claims, take_due_reminders

    release_stale_claims()
    ids = take_due_reminders(limit=100000)
    for reminder_id in ids:
        deliver(reminder_id)
    click.echo(cli_text("notify_sent", count=len(ids)))
    config = current_app.config
    if config.get("MAIL_SERVER"):
        click.echo(cli_text("run_mail_smtp", server=config["MAIL_SERVER"], port=config["MAIL_PORT"]))
    else:
        click.echo(cli_text("run_mail_folder", folder=os.path.abspath(config["MAIL_FOLDER"])))


@notify_group.command(
    "send", help="Gửi các lời nhắc đang chờ từ tiến trình này / send pending reminders now."
)
@with_appcontext
@requires_schema
def send_command() -> None:
    _send_pending()


@notify_group.command("status", help="Tình trạng hàng đợi / queue status.")
@with_appcontext
@requires_schema
def status_command() -> None:
    from nq05.extensions import db
    from nq05.notify.heartbeat import heartbeats
    from nq05.notify.models import Reminder
    from nq05.notify.recompute import last_run, pending_units

    for status, count in db.session.execute(select(Reminder.status, func.count()).group_by(Reminder.status)):
        click.echo(f"reminders {status}: {count}")
    for hb in heartbeats():
        click.echo(f"heartbeat {hb.worker}: {hb.seen_at:%Y-%m-%d %H:%M:%S} UTC")
    click.echo("dirty units: " + (", ".join(r.unit_code for r in pending_units()) or "-"))
    run = last_run()
    if run is not None:
        click.echo(f"last recompute: {run.finished_at:%Y-%m-%d %H:%M:%S} UTC {run.units} {run.outcome}")


@notify_group.command(
    "recompute", help="Tính lại số liệu ngay / recompute now (all units without arguments)."
)
@click.argument("units", nargs=-1)
@with_appcontext
@requires_schema
def recompute_command(units) -> None:
    from nq05.notify.recompute import recompute_units

    codes = list(units) or None
    outcome = recompute_units(codes)
    click.echo(
        cli_text(
            "notify_recomputed", units=", ".join(codes) if codes else cli_text("notify_none"), outcome=outcome
        )
    )
    if outcome != "ok":
        sys.exit(1)
