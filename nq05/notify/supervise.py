"""``nq05 run``'s Celery worker and beat, as child processes kept running.

Each child runs in its own process group (so stopping it stops its pool processes too) and gets
SIGTERM when ``nq05 run`` dies, even by kill -9 (Linux). A child that exits while ``nq05 run``
is up is started again, with a line in the log: after a second, doubling up to 30 seconds while it
keeps failing at once.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import subprocess
import sys
import threading
import time

from nq05.i18n_cli import cli_text

log = logging.getLogger(__name__)

#: a child that ran this long before exiting is restarted after the shortest delay again
STEADY_SECONDS = 60.0
FIRST_DELAY = 1.0
MAX_DELAY = 30.0


def _die_with_parent() -> None:
    """In the child: get SIGTERM when nq05 run dies, even by kill -9 (Linux)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - not Linux: Ctrl-C and SIGTERM still stop the children
        pass


def celery_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "celery", "-A", "nq05.notify.worker", *args]


def worker_command(concurrency: int) -> list[str]:
    return celery_command(
        "worker", "-Q", "mail,recompute", "--concurrency", str(concurrency),
        "--loglevel", "INFO", "--without-mingle", "--without-gossip",
    )  # fmt: skip


def beat_command(schedule: str) -> list[str]:
    return celery_command("beat", "--schedule", schedule, "--loglevel", "INFO")


def stop_process_group(proc: subprocess.Popen, timeout: float = 15.0) -> None:
    """SIGTERM to the child and its pool processes (warm shutdown), SIGKILL if they linger."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:  # the child and its pool: the whole group
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


class Child:
    """One supervised process: its name for the log, and how to start it."""

    def __init__(self, name: str, command: list[str]) -> None:
        self.name, self.command = name, command
        self.proc: subprocess.Popen | None = None
        self.started = 0.0
        #: exits in a row, each soon after its start
        self.failures = 0
        self.delay = FIRST_DELAY
        self.restart_at: float | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(self.command, start_new_session=True, preexec_fn=_die_with_parent)
        self.started = time.monotonic()
        self.restart_at = None

    def check(self, now: float) -> None:
        """Start the child again if it exited (once its delay has passed)."""
        if self.proc is None or self.proc.poll() is None:
            return
        if self.restart_at is None:
            if now - self.started >= STEADY_SECONDS:
                self.failures = 0
            self.failures += 1
            self.delay = min(FIRST_DELAY * 2 ** (self.failures - 1), MAX_DELAY)
            self.restart_at = now + self.delay
            log.warning(
                cli_text(
                    "run_child_restarting", name=self.name, code=self.proc.returncode, seconds=self.delay
                )
            )
        if now >= self.restart_at:
            self.start()
            log.warning(cli_text("run_child_restarted", name=self.name, pid=self.proc.pid))

    def stop(self) -> None:
        if self.proc is not None:
            stop_process_group(self.proc)


class Supervisor:
    """Starts the children, restarts any that exits, stops them all at the end."""

    def __init__(self, children: list[Child], interval: float = 0.5) -> None:
        self.children = children
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="nq05-supervisor", daemon=True)

    def start(self) -> None:
        for child in self.children:
            child.start()
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            for child in self.children:
                try:
                    child.check(time.monotonic())
                except Exception:  # noqa: BLE001 - keep supervising the others; try again next round
                    log.exception("could not restart %s", child.name)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(5)
        for child in self.children:
            child.stop()
