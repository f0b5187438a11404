"""The web under load: nq05's pages served by gunicorn (2 workers), 8 clients, beside a bare Flask
endpoint served the same way (the yardstick), at one or more demo scales.

    .venv/bin/python benchmarks/web_load.py \\
        --url 1=postgresql+psycopg://postgres@127.0.0.1/nq05_k1_copy \\
        --url 10=postgresql+psycopg://postgres@127.0.0.1/nq05_k10_copy
    .venv/bin/python benchmarks/web_load.py --seconds 5 --url 1=...    # a quick try

What it does:

1. starts, side by side, ``gunicorn --workers 2 --threads 2 --timeout 60`` (docs/deploy.md's
   settings with 2 workers) serving a bare Flask app whose one endpoint returns a small HTML page
   (the yardstick), and the same gunicorn serving ``wsgi:app`` on each ``--url K=DATABASE_URL``
   (a demo database: ``nq05 demo --scale K``), production-like: no debug, ``SECRET_KEY`` from the
   environment (a random one when unset), CSRF on, no ``REDIS_URL`` (unless ``--redis-url``:
   then the report's stored view must be current, see below);
2. signs in every client through the real sign-in page (GET the form, POST it with its CSRF
   token) and warms every page up (one client, then all);
3. measures page by page: the bare endpoint (``--bare-seconds``), then the page at each scale in
   turn, so that the machine's load, when it drifts, weighs alike on the figures compared. The
   pages: the unit head's home (``/``), staff list (``/staff/``), plan page (the unit's plan of
   the demo year, its last version), findings page (``/progress/findings``), a person page (the
   first person of the staff list), as the unit head (``--unit-head``, default the demo's head of
   Tam Đường, H02), and the report page (``/progress/report``) as the admin;
4. prints, per page: p50, p95, requests a second, errors, and the ratios to the bare endpoint of
   its round; with two scales or more, the ratios from the smallest to the largest, and the
   issue's goals (issue 17: the unit head's four pages flat within 1.5× and p95 ≤ 300 ms; the
   report page ≥ 20 requests a second at the largest scale).

With ``--before DIR`` (a checkout of an earlier commit: ``git worktree add --detach DIR COMMIT``,
with the compiled catalogs copied over: ``cd nq05 && find . -name '*.mo' | cpio -pd DIR/nq05``),
that code is served too, on the same databases, and each page is measured with it just before
this checkout's: the tables then say before → now.

Each page is measured for ``--seconds`` (default 30) at each scale by ``--clients`` threads
(default 8), each with its own keep-alive connection and its own signed-in session, requesting
back to back: about 8 minutes for two scales (about twice that with ``--before``). An
error is anything but a 200 answer from the page asked (a redirect to the sign-in page, a 500, a
timeout, a refused connection).

The database must be a COPY of the demo (``createdb -T nq05_k10 nq05_k10_mine``): the run writes
to it (sign-ins; the report's stored view when it is missing: computed by the first request
without a queue), and its stored results must be current: run ``nq05 recompute`` on it first (the
script warns when the unit's stored findings are out of date: the findings page would then
compute them on every request).

Exit status: 0 when every request of every page succeeded; 1 when some failed (the table says
which); 2 when a server did not start, a sign-in failed or a page was missing. The gunicorn
processes are the script's own (a process group each): stopped at the end, on Ctrl-C and on any
error; their logs go to a temporary folder, printed when a server fails.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from flask import Flask
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent

#: the yardstick, served by gunicorn as ``web_load:bare`` (from this folder)
bare = Flask("bare")
BARE_PAGE = (
    "<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>nq05</title></head>"
    "<body><h1>Xin chào</h1><p>Một trang nhỏ.</p></body></html>"
)


@bare.get("/")
def bare_page():
    return BARE_PAGE


#: the app's SECRET_KEY when the environment has none (one for every server of the run)
SECRET_KEY = secrets.token_hex(32)
UNIT_HEAD = ("thutruong.huyen@laichau.example.org", "unit-demo")
ADMIN = ("admin@laichau.example.org", "admin-demo")
USER_AGENT = "nq05-web-load/1"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
PERSON_LINK = re.compile(r'href="/staff/(\d+)"')


class SetupFailed(RuntimeError):
    """A server did not start, a sign-in failed, a page is missing: exit status 2."""


# --- servers ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One gunicorn, in a process group of its own, logging to a file."""

    def __init__(self, name: str, app: str, env: dict, chdir: Path, workers: int, threads: int, logs: Path):
        self.name = name
        self.port = free_port()
        self.log = logs / f"{name}.log"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "60",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--chdir",
            str(chdir),
            app,
        ]
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        RUNNING.append(self)

    def wait_ready(self, path: str, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SetupFailed(f"{self.name}: gunicorn exited ({self.process.returncode})\n{self.tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", path, headers={"User-Agent": USER_AGENT})
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SetupFailed(f"{self.name}: not answering {path} after {timeout:.0f} s\n{self.tail()}")

    def tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            except ProcessLookupError:
                pass
        if self in RUNNING:
            RUNNING.remove(self)


RUNNING: list[Server] = []


def stop_all() -> None:
    for server in list(RUNNING):
        server.stop()


# --- clients ---------------------------------------------------------------------------------


class Client:
    """A browser, more or less: one keep-alive connection, its cookies, one User-Agent."""

    def __init__(self, port: int, timeout: float = 60.0):
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict, str]:
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                text_ = response.read().decode("utf-8", "replace")
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # the server closed an idle keep-alive connection: open another one, once
                self.close()
                if attempt == 2:
                    raise
                continue
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, dict(response.getheaders()), text_
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def sign_in(self, email: str, password: str) -> None:
        status, _, page = self.request("GET", "/login")
        token = CSRF.search(page)
        if status != 200 or token is None:
            raise SetupFailed(f"the sign-in page answered {status} without a CSRF token")
        status, headers, page = self.request(
            "POST",
            "/login",
            {"csrf_token": unescape(token.group(1)), "email": email, "password": password, "next": ""},
        )
        location = headers.get("Location", "")
        if status != 302 or "/login" in location:
            raise SetupFailed(f"signing in as {email} failed ({status}, {location or 'no redirect'})")


# --- measuring --------------------------------------------------------------------------------


@dataclass
class Result:
    page: str
    path: str
    seconds: float
    requests: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list, repr=False)
    error_samples: list[str] = field(default_factory=list)

    @property
    def ok(self) -> int:
        return self.requests - self.errors

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")

    @property
    def p95(self) -> float:
        return self.percentile(95)

    @property
    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def summary(self) -> dict:
        data = asdict(self)
        del data["latencies"]
        data.update(p50=self.p50, p95=self.p95, rate=self.rate)
        return data


def is_page(status: int, body: str) -> bool:
    return status == 200 and 'action="/login' not in body


def hammer(clients: list[Client], page: str, path: str, seconds: float) -> Result:
    """Every client requests ``path`` back to back for ``seconds``."""
    result = Result(page, path, seconds)
    lock = threading.Lock()
    start = threading.Barrier(len(clients) + 1)
    stop_at: list[float] = []

    def run(client: Client) -> None:
        start.wait()
        latencies, errors, samples = [], 0, []
        while time.monotonic() < stop_at[0]:
            began = time.perf_counter()
            try:
                status, _, body = client.request("GET", path)
                good = is_page(status, body)
                reason = f"HTTP {status}" if not good else ""
            except (OSError, http.client.HTTPException) as error:
                client.close()
                good, reason = False, f"{type(error).__name__}: {error}"
            latencies.append(time.perf_counter() - began)
            if not good:
                errors += 1
                if len(samples) < 3:
                    samples.append(reason)
        with lock:
            result.latencies += latencies
            result.requests += len(latencies)
            result.errors += errors
            result.error_samples += samples[: max(0, 5 - len(result.error_samples))]

    threads = [threading.Thread(target=run, args=(c,), daemon=True) for c in clients]
    for t in threads:
        t.start()
    began = time.monotonic()
    stop_at.append(began + seconds)
    start.wait()
    for t in threads:
        t.join()
    result.seconds = time.monotonic() - began
    return result


def warm_up(clients: list[Client], path: str) -> None:
    """One request alone (a missing stored view is computed by it), then one from every client
    (each worker's first request loads what later ones have cached)."""
    status, _, body = clients[0].request("GET", path)
    if not is_page(status, body):
        raise SetupFailed(f"{path} answered {status} to the first request")
    errors = []

    def one(client: Client) -> None:
        status, _, body = client.request("GET", path)
        if not is_page(status, body):
            errors.append(status)

    threads = [threading.Thread(target=one, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SetupFailed(f"{path} answered {errors} while warming up")


def signed_in(port: int, count: int, account: tuple[str, str]) -> list[Client]:
    clients = [Client(port) for _ in range(count)]
    for client in clients:
        client.sign_in(*account)
    return clients


# --- the database -----------------------------------------------------------------------------


def database_url(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@dataclass
class Demo:
    today: str
    unit: str
    plan_id: int
    stale_units: int
    stored_findings: int


def look_up(url: str, unit: str) -> Demo:
    """The demo's date, the unit's plan of that year (its last version; else its latest plan),
    and whether the unit's stored findings are current (read-only)."""
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as conn:
            today = conn.scalar(text("SELECT today FROM demo_clock WHERE id = 1"))
            year = today.year if today else time.gmtime().tm_year
            plan_id = conn.scalar(
                text(
                    "SELECT p.id FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = :unit "
                    "ORDER BY p.year = :year DESC, p.year DESC, p.version DESC LIMIT 1"
                ),
                {"unit": unit, "year": year},
            )
            if plan_id is None:
                raise SetupFailed(f"unit {unit} has no plan in {url}")
            # the unit's and the province's (``*``) stored results computed at their revision
            fresh = conn.scalar(
                text(
                    "SELECT count(*) FROM unit_revisions WHERE unit_code IN (:unit, '*') "
                    "AND coalesce(computed_revision, -1) = revision"
                ),
                {"unit": unit},
            )
            stored = conn.scalar(
                text(
                    "SELECT count(*) FROM progress_findings f JOIN units u ON u.id = f.unit_id "
                    "WHERE u.code = :unit AND f.year = :year"
                ),
                {"unit": unit, "year": year},
            )
    finally:
        engine.dispose()
    return Demo(str(today or ""), unit, plan_id, 2 - int(fresh or 0), int(stored or 0))


# --- the run ----------------------------------------------------------------------------------


@dataclass
class Site:
    """One scale's server, its signed-in clients and its pages."""

    scale: str
    url: str
    demo: Demo
    server: Server
    #: "" for the code measured, "before" for ``--before``'s
    variant: str = ""
    pages: list[tuple[str, str, list[Client]]] = field(default_factory=list)
    clients: list[Client] = field(default_factory=list)


PAGES = (
    "unit head's home",
    "unit head's staff list",
    "unit head's plan page",
    "unit head's findings",
    "person page",
    "admin's report page",
)


def app_env(url: str, opts) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "NQ05_TEST", "REDIS_URL"))}
    env.update(PYTHONUNBUFFERED="1", DATABASE_URL=url, SECRET_KEY=os.environ.get("SECRET_KEY") or SECRET_KEY)
    if opts.redis_url:
        env["REDIS_URL"] = opts.redis_url
    return env


def label(variant: str, scale: str) -> str:
    return f"{variant} K={scale}".strip()


def open_site(scale: str, url: str, opts, logs: Path, variant: str = "") -> Site:
    demo = look_up(url, opts.unit)
    if variant:
        server = Server(
            f"{variant}-k{scale}",
            "wsgi:app",
            app_env(url, opts),
            opts.before,
            opts.workers,
            opts.threads,
            logs,
        )
        return Site(scale, url, demo, server, variant)
    print(
        f"K = {scale}: {urlsplit(url).path.lstrip('/') or url}, demo date {demo.today}, unit {demo.unit}, "
        f"plan {demo.plan_id}, {demo.stored_findings} stored findings of the unit's own",
        flush=True,
    )
    if demo.stale_units or not demo.stored_findings:
        print(
            "   warning: the unit's stored results are missing or out of date (run `nq05 recompute` "
            "on this database first): the findings page computes them on every request",
            flush=True,
        )
    server = Server(
        f"nq05-k{scale}", "wsgi:app", app_env(url, opts), opts.app_dir, opts.workers, opts.threads, logs
    )
    return Site(scale, url, demo, server)


def sign_in_site(site: Site, opts) -> None:
    site.server.wait_ready("/login")
    heads = signed_in(site.server.port, opts.clients, opts.unit_head)
    admins = signed_in(site.server.port, opts.clients, ADMIN)
    site.clients = heads + admins
    status, _, staff_page = heads[0].request("GET", "/staff/")
    person = PERSON_LINK.search(staff_page)
    if status != 200 or person is None:
        raise SetupFailed(
            f"{label(site.variant, site.scale)}: the staff list answered {status} without a person's link"
        )
    year, as_of = site.demo.today[:4], "/".join(reversed(site.demo.today.split("-")))
    paths = (
        "/",
        "/staff/",
        f"/plans/{site.demo.plan_id}",
        f"/progress/findings?{urlencode({'year': year, 'as_of': as_of})}",
        f"/staff/{person.group(1)}",
        "/progress/report",
    )
    site.pages = [
        (name, path, admins if name.startswith("admin") else heads)
        for name, path in zip(PAGES, paths, strict=True)
        if not opts.pages or any(word in name for word in opts.pages)
    ]
    for _, path, clients in site.pages:
        warm_up(clients, path)


@dataclass
class Round:
    """One page measured at every scale, after the bare endpoint measured in the same minute."""

    page: str
    bare: Result
    at: dict[str, Result]


def run(opts, logs: Path) -> list[Round]:
    """Every server up at once; then page by page: the bare endpoint, then the page at each scale
    in turn, so that the load of the machine (shared, drifting) weighs alike on the figures
    compared."""
    bare_server = Server(
        "bare", "web_load:bare", app_env("", opts), Path(__file__).parent, opts.workers, opts.threads, logs
    )
    sites = []
    for scale, url in opts.url:
        if opts.before:
            sites.append(open_site(scale, url, opts, logs, "before"))
        sites.append(open_site(scale, url, opts, logs))
    bare_server.wait_ready("/")
    bare_clients = [Client(bare_server.port) for _ in range(opts.clients)]
    warm_up(bare_clients, "/")
    for site in sites:
        sign_in_site(site, opts)
    print(
        f"\nmeasuring: the bare endpoint for {opts.bare_seconds:g} s, then the page at each scale for "
        f"{opts.seconds:g} s",
        flush=True,
    )
    rounds = []
    for name in [p[0] for p in sites[0].pages]:
        bare_result = hammer(bare_clients, "bare endpoint", "/", opts.bare_seconds)
        print(f"\n{name}  (load average {os.getloadavg()[0]:.2f})", flush=True)
        print_row("bare endpoint", bare_result, None)
        at = {}
        for site in sites:
            _, path, clients = next(p for p in site.pages if p[0] == name)
            key = label(site.variant, site.scale)
            at[key] = hammer(clients, name, path, opts.seconds)
            print_row(key, at[key], bare_result)
        rounds.append(Round(name, bare_result, at))
    for client in bare_clients + [c for site in sites for c in site.clients]:
        client.close()
    return rounds


# --- printing ---------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def print_row(label: str, r: Result, bare_result: Result | None) -> None:
    ratios = ""
    if bare_result is not None:
        ratios = (
            f"  p50 ×{r.p50 / bare_result.p50:.0f}, req/s ÷{bare_result.rate / r.rate:.0f} of the bare endpoint"
            if r.rate
            else "  (no successful request)"
        )
    errors = f", {r.errors} errors {r.error_samples}" if r.errors else ", 0 errors"
    print(
        f"   {label:<14} p50 {ms(r.p50):>8}  p95 {ms(r.p95):>8}  {r.rate:7.1f} req/s  "
        f"({r.requests} requests{errors}){ratios}",
        flush=True,
    )


FLAT = ("unit head's home", "unit head's staff list", "unit head's plan page", "unit head's findings")


def goal(name: str, results: list[Result]) -> str:
    small, large = results[0], results[-1]
    if name in FLAT:
        flat = large.p50 / small.p50 <= 1.5 and small.rate / large.rate <= 1.5
        fast = max(r.p95 for r in results) <= 0.300
        return ("flat" if flat else "NOT flat") + ", " + ("p95 ≤ 300 ms" if fast else "p95 > 300 ms")
    if name == "admin's report page":
        return f"{large.rate:.1f} req/s " + ("≥ 20" if large.rate >= 20 else "< 20")
    return ""


def print_tables(rounds: list[Round], scales: list[str], variants: list[str]) -> None:
    """Per variant (the code measured, and ``--before``'s): the page's figures, its ratios to the
    bare endpoint of its round, from the smallest scale to the largest; then before → now."""
    for variant in variants:
        keys = [label(variant, k) for k in scales]
        print(f"\n{variant or 'now'}:" if len(variants) > 1 else "")
        print("| page | " + " | ".join(f"{k} p50 / p95 | {k} req/s" for k in keys) + " | bare p50 / req/s |")
        print("|---|" + "---|---|" * len(keys) + "---|")
        for r in rounds:
            cells = [f"{ms(x.p50)} / {ms(x.p95)} | {x.rate:.1f}" for x in (r.at[k] for k in keys)]
            print(f"| {r.page} | " + " | ".join(cells) + f" | {ms(r.bare.p50)} / {r.bare.rate:.0f} |")
        print("\n| page | " + " | ".join(f"{k} × bare p50 | {k} ÷ bare req/s" for k in keys) + " |")
        print("|---|" + "---|---|" * len(keys))
        for r in rounds:
            cells = []
            for k in keys:
                x = r.at[k]
                cells.append(
                    f"×{x.p50 / r.bare.p50:.0f} | ÷{r.bare.rate / x.rate:.0f}"
                    if x.rate and r.bare.rate
                    else "– | –"
                )
            print(f"| {r.page} | " + " | ".join(cells) + " |")
        if len(scales) < 2:
            continue
        first, last = keys[0], keys[-1]
        print(f"\n| page | {first}→{last} p50 | p95 | req/s | goal |")
        print("|---|---|---|---|---|")
        for r in rounds:
            small, large = r.at[first], r.at[last]
            if not small.rate or not large.rate:
                print(f"| {r.page} | – | – | – | errors |")
                continue
            print(
                f"| {r.page} | ×{large.p50 / small.p50:.2f} | ×{large.p95 / small.p95:.2f} | "
                f"÷{small.rate / large.rate:.2f} | {goal(r.page, [r.at[k] for k in keys])} |"
            )
    if len(variants) < 2:
        return
    print("\nbefore → now:")
    print("| page | " + " | ".join(f"K={k} p50 | K={k} p95 | K={k} req/s" for k in scales) + " |")
    print("|---|" + "---|---|---|" * len(scales))
    for r in rounds:
        cells = []
        for k in scales:
            old, new = r.at[label("before", k)], r.at[label("", k)]
            if not old.rate or not new.rate:
                cells.append("– | – | –")
                continue
            cells.append(f"×{new.p50 / old.p50:.2f} | ×{new.p95 / old.p95:.2f} | ×{new.rate / old.rate:.2f}")
        print(f"| {r.page} | " + " | ".join(cells) + " |")


# --- main -------------------------------------------------------------------------------------


def scale_url(value: str) -> tuple[str, str]:
    scale, sep, url = value.partition("=")
    if not sep or not url:
        raise argparse.ArgumentTypeError("expected K=DATABASE_URL, e.g. 10=postgresql+psycopg://...")
    return scale, url


def account(value: str) -> tuple[str, str]:
    email, sep, password = value.partition(":")
    if not sep:
        raise argparse.ArgumentTypeError("expected EMAIL:PASSWORD")
    return email, password


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", type=scale_url, action="append", required=True, metavar="K=DATABASE_URL")
    parser.add_argument("--seconds", type=float, default=30.0, help="per page and scale (default 30)")
    parser.add_argument(
        "--bare-seconds",
        type=float,
        help="the bare endpoint, before each page (default a third of --seconds)",
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2, help="per worker (default 2, as docs/deploy.md)")
    parser.add_argument("--unit", default="H02", help="the unit head's unit (default H02)")
    parser.add_argument("--unit-head", type=account, default=UNIT_HEAD, metavar="EMAIL:PASSWORD")
    parser.add_argument("--redis-url", default="", help="REDIS_URL for the app (default: none)")
    parser.add_argument(
        "--pages", nargs="*", default=[], help="only the pages whose name contains one of these words"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--app-dir",
        type=Path,
        default=ROOT,
        help="the checkout whose wsgi:app is served (default this one)",
    )
    parser.add_argument(
        "--before",
        type=Path,
        help="another checkout (`git worktree add --detach DIR COMMIT`) served too, on the same "
        "databases, each page measured with it just before this one's: before → now",
    )
    opts = parser.parse_args(argv)
    if opts.bare_seconds is None:
        opts.bare_seconds = max(opts.seconds / 3, 1.0)

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    load = os.getloadavg()
    print(
        f"gunicorn {opts.workers} workers × {opts.threads} threads, {opts.clients} clients, "
        f"{opts.seconds:g} s a page; {os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="web_load-") as logs:
        try:
            rounds = run(opts, Path(logs))
        except SetupFailed as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        except Exception as error:  # a database that cannot be read, a client that cannot connect...
            print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            return 130
        finally:
            stop_all()
    load = os.getloadavg()
    print(f"\nload average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print_tables(rounds, [scale for scale, _ in opts.url], ["before", ""] if opts.before else [""])
    if opts.json:
        opts.json.write_text(
            json.dumps(
                [
                    {
                        "page": r.page,
                        "bare": r.bare.summary(),
                        "at": {k: x.summary() for k, x in r.at.items()},
                    }
                    for r in rounds
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
    failed = sorted({r.page for r in rounds for x in (r.bare, *r.at.values()) if x.errors})
    if failed:
        print(f"\nerrors on: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
