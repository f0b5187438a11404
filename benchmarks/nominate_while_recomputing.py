"""Nominating 3 people to a class, 30 times, while recomputes run: the embedded default (SQLite,
``nq05 run`` without Redis, as ``python3 dev.py run`` starts it) under write contention.

    .venv/bin/python benchmarks/nominate_while_recomputing.py [--rounds 30] [--database FILE]

It builds the demo province in a fresh SQLite file (or copies ``--database``), serves it with
``nq05 run`` (its in-process runner recomputes the units each nomination touches), and runs full
recomputes back to back in another process (``nq05 notify recompute``) the whole time. A training
centre schedules and publishes one class per round; the unit head of Huyện Tam Đường then ticks
the first 3 people the nominate page offers and saves, through the real pages (sign-in, CSRF).
Each round must end with all 3 enrolled, or none with a reason on the page; the script counts
rounds by outcome, error pages, and the time each save took.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import secrets
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NQ05 = str(Path(sys.executable).with_name("nq05"))
CENTRE = ("daotao.tct@laichau.example.org", "centre-demo")
HEAD = ("thutruong.huyen@laichau.example.org", "unit-demo")
PROGRAMME = "NQ05_STUDY"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies, CSRF tokens and form posts against the served app."""

    def __init__(self, base: str) -> None:
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())

    def open(self, path: str, data: list[tuple[str, str]] | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=120) as response:
                return response.status, response.read().decode(), response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers.get("Location", "")
        except urllib.error.URLError:  # not listening yet
            return 0, "", ""

    def csrf(self, path: str) -> tuple[str, str]:
        status, page, _ = self.open(path)
        assert status == 200, f"GET {path}: {status}"
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1), page

    def sign_in(self, email: str, password: str) -> None:
        token, _ = self.csrf("/login")
        status, _, _ = self.open("/login", [("csrf_token", token), ("email", email), ("password", password)])
        assert status == 302, f"sign-in of {email}: {status}"


def run(*args: str, env: dict) -> None:
    subprocess.run([NQ05, *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def schedule_classes(centre: Browser, rounds: int) -> list[int]:
    token, page = centre.csrf("/classes/new")
    programme = re.search(rf'<option value="(\d+)"[^>]*>[^<]*\({PROGRAMME}\)', page).group(1)
    centre_id = re.search(r'name="centre_id"[^>]*>\s*<option[^>]*value="(\d+)"', page).group(1)
    ids = []
    for n in range(rounds):
        start = date.today() + timedelta(days=60 + 7 * n)
        status, _, location = centre.open(
            "/classes/new",
            [
                ("csrf_token", token),
                ("programme_id", programme),
                ("centre_id", centre_id),
                ("code", f"DO-{n + 1:02d}"),
                ("start_date", start.isoformat()),
                ("end_date", (start + timedelta(days=4)).isoformat()),
                ("capacity", "40"),
                ("every_weekday", "y"),
            ],
        )
        assert status == 302, f"scheduling a class: {status}"
        class_id = int(re.search(r"/classes/(\d+)", location).group(1))
        status, _, _ = centre.open(f"/classes/{class_id}/publish", [("csrf_token", token)])
        assert status == 302, f"publishing a class: {status}"
        ids.append(class_id)
    return ids


def enrolled(database: Path, class_id: int) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as conn:
        return conn.execute("SELECT count(*) FROM enrolments WHERE class_id = ?", (class_id,)).fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database", type=Path, help="a demo database to copy instead of building one")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="nq05-nominate-"))
    database = tmp / "nq05.sqlite"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "REDIS_URL": "",  # as python3 dev.py run: no Redis, the tasks run in-process
        "SECRET_KEY": secrets.token_hex(32),  # dev.py run keeps one in instance/
        "MAIL_FOLDER": str(tmp / "mail"),
        "NQ05_BEAT_SCHEDULE": str(tmp / "beat"),
    }
    env.pop("MAIL_SERVER", None)
    if args.database:
        shutil.copy(args.database, database)
    else:
        started = time.monotonic()
        run("db", "upgrade", env=env)
        run("demo", env=env)
        print(f"demo province built in {time.monotonic() - started:.0f} s")

    port = free_port()
    server = subprocess.Popen(
        [NQ05, "run", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    recomputes = subprocess.Popen(
        ["/bin/sh", "-c", f"while true; do '{NQ05}' notify recompute >/dev/null 2>&1; echo done; done"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while Browser(base).open("/login")[0] != 200:
            assert time.monotonic() < deadline, "the app did not start"
            time.sleep(0.3)
        centre, head = Browser(base), Browser(base)
        centre.sign_in(*CENTRE)
        head.sign_in(*HEAD)
        classes = schedule_classes(centre, args.rounds)

        outcomes = {"all 3": 0, "none, with a reason": 0, "none, without a reason": 0, "partial": 0}
        errors, seconds = 0, []
        for class_id in classes:
            token, page = head.csrf(f"/classes/{class_id}/nominate")
            chosen = re.findall(r'name="person_ids" value="(\d+)"', page)[:3]
            assert len(chosen) == 3, "fewer than 3 people to nominate"
            started = time.monotonic()
            status, body, location = head.open(
                f"/classes/{class_id}/nominate", [("csrf_token", token), *[("person_ids", p) for p in chosen]]
            )
            seconds.append(time.monotonic() - started)
            if status >= 500:
                errors += 1
            count = enrolled(database, class_id)
            if count == 3:
                outcomes["all 3"] += 1
            elif count == 0:
                shown = head.open(location.replace(base, ""))[1] if location else body
                reason = (
                    "Lỗi hệ thống" in body or 'class="flash flash-error' in shown or "flash-error" in shown
                )
                outcomes["none, with a reason" if reason else "none, without a reason"] += 1
            else:
                outcomes["partial"] += 1
    finally:
        recomputes.terminate()
        server.terminate()
        server.wait(30)
        recomputes.wait(10)
    full_runs = (recomputes.stdout.read() or "").count("done")
    with sqlite3.connect(database) as conn:
        runs = conn.execute("SELECT count(*) FROM recompute_runs").fetchone()[0]
    print(f"rounds: {len(seconds)}; outcomes: {outcomes}; error pages: {errors}")
    print(
        f"save time: min {min(seconds):.2f} s, median {statistics.median(seconds):.2f} s, "
        f"max {max(seconds):.2f} s"
    )
    print(f"recomputes meanwhile: {full_runs} full (nq05 notify recompute), {runs} runs logged in all")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
