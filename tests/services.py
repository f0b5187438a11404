"""Where the outside services are, and how a test asks for one.

A test that needs PostgreSQL, Redis or Chromium calls one of these; without the service it is
skipped with a reason naming what is missing. CI sets NQ05_REQUIRE_SERVICES=1, which turns such a
skip into a failure (see conftest.py).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest

PG_ADMIN_URL = os.environ.get("NQ05_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_TEST_URL = os.environ.get("NQ05_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
CHROMIUM = os.environ.get("NQ05_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")


def _reachable(url: str, default_port: int) -> bool:
    parts = urlsplit(url.replace("+psycopg", ""))
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def postgres_available() -> bool:
    return _reachable(PG_ADMIN_URL, 5432)


def redis_available() -> bool:
    return _reachable(REDIS_TEST_URL, 6379)


def require_postgres() -> None:
    if not postgres_available():
        pytest.skip(f"service: PostgreSQL not reachable at {PG_ADMIN_URL}")


def require_redis() -> None:
    if not redis_available():
        pytest.skip(f"service: Redis not reachable at {REDIS_TEST_URL}")


def require_chromium() -> None:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"service: Chromium not found at {CHROMIUM} (apt-get install chromium)")


@contextmanager
def scratch_postgres_database(prefix: str = "nq05_test"):
    """Create a PostgreSQL database of our own, yield its URL, drop it afterwards."""
    from sqlalchemy import create_engine, text

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
        # a scratch database need not survive a crash: commits do not wait for the disk
        conn.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"
                ),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


class PrivateRedis:
    """A redis-server of the test's own, on a free port, that the test may stop and start again
    (the shared Redis is never stopped). Skips the test without the redis-server program."""

    def __init__(self, workdir) -> None:
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            pytest.skip("service: redis-server not found (apt-get install redis-server)")
        self.workdir = str(workdir)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = None

    def start(self) -> PrivateRedis:
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", self.workdir],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while not _reachable(self.url, self.port):
            if time.monotonic() > deadline:
                raise AssertionError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None


def without_fsync(engine) -> None:
    """A test's SQLite database need not survive a power cut: its commits do not wait for the disk
    (``PRAGMA synchronous = OFF``; a crash of a process, as the worker tests make, loses nothing).
    The PostgreSQL counterpart is the scratch database's ``synchronous_commit = off``."""
    from sqlalchemy import event

    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _no_fsync(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA synchronous = OFF")

    engine.dispose()  # connections made before the listener get it too
