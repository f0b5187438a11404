"""The real things the task-queue tests run against: a Redis database, an SMTP server, workers."""

from __future__ import annotations

import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from email import policy
from pathlib import Path

from tests.services import REDIS_TEST_URL

ROOT = Path(__file__).resolve().parents[2]

#: the tests' own Redis database (6 unless NQ05_TEST_NOTIFY_REDIS_URL says otherwise); only it is flushed
NOTIFY_REDIS_URL = os.environ.get("NQ05_TEST_NOTIFY_REDIS_URL", REDIS_TEST_URL.rsplit("/", 1)[0] + "/6")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float, interval: float = 0.1, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message}")
        time.sleep(interval)


class Mailbox:
    """aiosmtpd handler: keeps every accepted message; can refuse the first N, go slowly, or be
    late: store the next N messages and answer only after ``late_by`` seconds (``late``), or
    answer them 451 after ``late_by`` seconds without storing them (``late_refusals``)."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        #: the bytes of each message as received, in the same order
        self.raw: list[bytes] = []
        self.refuse = 0
        self.refused = 0
        self.delay = 0.0
        self.late = 0
        self.late_refusals = 0
        self.late_by = 0.0
        #: set when a late reply is being held back (the end of DATA has arrived)
        self.holding = threading.Event()
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            if self.late_refusals > 0:
                self.late_refusals -= 1
                self.refused += 1
                late, store = True, False
            elif self.refuse > 0:
                self.refuse -= 1
                self.refused += 1
                return "451 4.3.0 Temporary failure, try again later"
            else:
                late, store = self.late > 0, True
                if late:
                    self.late -= 1
            if store:
                msg = email.message_from_bytes(envelope.content, policy=policy.default)
                self.messages.append((list(envelope.rcpt_tos), msg))
                self.raw.append(envelope.content)
        # Like a real MTA, the message is queued as soon as the end of DATA arrives; the delay
        # only slows the reply (aiosmtpd cancels this handler when the client vanishes).
        if late:
            self.holding.set()
            await asyncio.sleep(self.late_by)
            return "250 OK" if store else "451 4.3.0 Temporary failure, try again later"
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 OK"

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()
            self.raw.clear()
            self.refuse = self.refused = self.late = self.late_refusals = 0
            self.delay = self.late_by = 0.0
            self.holding.clear()

    def reminder_ids(self) -> list[int]:
        return [int(msg["X-NQ05-Reminder"].split()[0]) for _, msg in list(self.messages)]

    def for_kind(self, kind: str):
        return [(rcpt, msg) for rcpt, msg in list(self.messages) if msg["X-NQ05-Reminder"].split()[1] == kind]


def text_body(msg) -> str:
    return msg.get_body(preferencelist=("plain",)).get_content()


def html_body(msg) -> str:
    return msg.get_body(preferencelist=("html",)).get_content()


class Worker:
    """``celery -A celery_worker worker --beat`` in its own process group, on the test database."""

    def __init__(self, env: dict, tmp: Path, name: str) -> None:
        self.env, self.tmp, self.name = env, tmp, name
        self.proc: subprocess.Popen | None = None
        self.log = tmp / f"{name}.log"

    def start(self) -> Worker:
        cmd = [
            sys.executable, "-m", "celery", "-A", "celery_worker", "worker", "--beat",
            "-Q", "mail,recompute", "--concurrency", "2", "-n", f"{self.name}@%h",
            "--schedule", str(self.tmp / f"{self.name}-beat"), "--loglevel", "INFO",
            "--without-mingle", "--without-gossip",
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=self.env,
            stdout=open(self.log, "ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def kill(self) -> None:
        """kill -9 of the worker and its pool processes: a crash, no goodbye."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                pass
        if self.proc:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # pool processes that outlive the main one
            except ProcessLookupError:
                pass
            self.proc.wait(10)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""
