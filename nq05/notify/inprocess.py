"""The task queue without Redis: ``nq05 run`` on a bare laptop runs the periodic work in a thread.

The thread does what beat and the workers would do (sweep the outbox and recompute, scan and
send reminders, record a heartbeat), every few seconds, and at once when a commit marks units dirty.
"""

from __future__ import annotations

import logging
import threading
import time

from nq05.notify import dispatch, recompute
from nq05.notify.heartbeat import beat_now
from nq05.notify.scan import scan
from nq05.sqlite import writing

log = logging.getLogger(__name__)

WORKER_NAME = "in-process"


class InProcessRunner:
    def __init__(self, app, interval: float = 5.0) -> None:
        self.app = app
        self.interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="nq05-tasks", daemon=True)
        self._next_scan = 0.0
        self._next_heartbeat = 0.0

    def start(self) -> None:
        self.app.extensions["notify_inprocess"] = self
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self.app.extensions.pop("notify_inprocess", None)

    def run_once(self) -> None:
        config = self.app.config
        now = time.monotonic()
        with self.app.app_context(), writing():
            if now >= self._next_heartbeat:
                for queue in ("mail", "recompute"):
                    beat_now(queue, WORKER_NAME)
                self._next_heartbeat = now + min(config["NOTIFY_HEARTBEAT_SECONDS"], 60)
            if now >= self._next_scan:
                scan()
                self._next_scan = now + config["NOTIFY_SCAN_SECONDS"]
            dispatch.dispatch_reminders()
            recompute.sweep()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:  # noqa: BLE001 - keep the loop alive; the next round tries again
                log.exception("in-process task round failed")
            self._wake.wait(self.interval)
            self._wake.clear()
