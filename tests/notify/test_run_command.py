"""``nq05 run``: web app + tasks for local use, with Redis (a worker child) or without (in-process)."""

from __future__ import annotations

import email
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import date
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import select

from nq05.sqlite import writing
from tests.notify.services import NOTIFY_REDIS_URL, ROOT, free_port, wait_for

NQ05 = str(Path(sys.executable).with_name("nq05"))


class Output:
    """The lines a child prints, read in a thread."""

    def __init__(self, proc) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self._thread.start()

    def _read(self, proc) -> None:
        for line in proc.stdout:
            self.lines.append(line.rstrip())

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _as_from_a_terminal() -> None:
    """Ctrl-C reaches the child as it would from a terminal, even when these tests run in a
    background job (CI runs its two passes so, and such jobs start with SIGINT ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(env_extra: dict, database_url: str, tmp_path, port: int):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        MAIL_FOLDER=str(tmp_path / "mail"),
        NQ05_RECOMPUTE_FUNCTION="tests.notify.recorder:recompute",
        NQ05_TEST_RECOMPUTE_LOG=str(tmp_path / "recompute.log"),
        NQ05_SCAN_SECONDS="100000",
        NQ05_SWEEP_SECONDS="1",
        NQ05_RECOMPUTE_QUIET="1",
        NQ05_BEAT_SCHEDULE=str(tmp_path / "celerybeat-schedule"),  # not the checkout's instance folder
        PYTHONPATH=str(ROOT),  # the recorder lives in tests/
        SECRET_KEY="run-command-tests",
        **env_extra,
    )
    env.pop("MAIL_SERVER", None)
    env.pop("BASE_URL", None)  # nq05 run sets it from its host and port
    proc = subprocess.Popen(
        [NQ05, "run", "--port", str(port), "--concurrency", "1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        preexec_fn=_as_from_a_terminal,
    )  # fmt: skip
    return proc, Output(proc)


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _edit_a_unit(db, users):
    from nq05.reference.models import Position
    from nq05.staff.models import Assignment, Person

    # the test's session may hold a read snapshot older than the served app's writes (heartbeats):
    # on SQLite a write must start a transaction of its own, taking the lock first
    db.session.rollback()
    with writing():
        clerk = Position(code="CV", name="Chuyên viên")
        person = Person(code="P1", full_name="Nguyễn Văn Một", gender="M", birth_date=date(1980, 1, 1))
        db.session.add_all([clerk, person])
        db.session.flush()
        db.session.add(
            Assignment(
                person=person,
                unit=users.units["HB"],
                category="DIST_CIVIL",
                position=clerk,
                start_date=date(2015, 1, 1),
            )
        )
        db.session.commit()


def _a_pending_notice(db, users):
    from nq05.notify.scan import insert_new

    db.session.rollback()
    with writing():
        insert_new(
            [
                {
                    "kind": "plan_approved",
                    "object_id": 7,
                    "recipient": users.head_b.email,
                    "event_date": date(2025, 11, 19),
                    "context": {
                        "plan_id": 7,
                        "unit_name": "Huyện Bình Minh",
                        "year": 2026,
                        "version": 1,
                        "decided_on": "2025-11-19",
                        "comment": "",
                    },
                }
            ]
        )
        db.session.commit()


def _outbox(db):
    from nq05.notify.models import RecomputeRequest

    db.session.rollback()
    return db.session.scalars(select(RecomputeRequest.unit_code)).all()


def test_without_redis_it_says_so_and_runs_the_tasks_itself(db, users, database_url, tmp_path):
    port = free_port()
    proc, out = _start(
        {"REDIS_URL": f"redis://127.0.0.1:{free_port()}/0", "NQ05_LOCALE": "vi"}, database_url, tmp_path, port
    )
    try:
        wait_for(lambda: _get(f"http://127.0.0.1:{port}/login") == 200, 30, 0.2, message="the web app")
        assert "Không kết nối được Redis" in out.text and "chạy ngay trong tiến trình này" in out.text
        assert "Redis is not reachable" in out.text  # said in English too
        assert "tệp .eml" in out.text and str(tmp_path / "mail") in out.text
        _edit_a_unit(db, users)  # a committed edit, as a page would make it
        wait_for(lambda: _outbox(db) == [], 20, 0.2, message="the in-process sweep")
        assert (tmp_path / "recompute.log").read_text().split() == ["HB"]
        _a_pending_notice(db, users)
        mail = tmp_path / "mail"

        def approved():  # the runner's own scan of today may have written others
            for eml in mail.glob("reminder-*.eml"):
                message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
                if message["X-NQ05-Reminder"].split()[1] == "plan_approved":
                    return message
            return None

        wait_for(approved, 20, 0.2, message="the notice written")
        message = approved()
        body = message.get_body(preferencelist=("plain",)).get_content()
        # the link leads to this server, on the port it was given (BASE_URL was not set)
        assert f"http://127.0.0.1:{port}/plans/7" in body
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(15) == 0
        assert "Đang dừng" in out.text
    finally:
        if proc.poll() is None:
            proc.kill()


def test_with_redis_it_starts_a_worker_and_stops_it_on_ctrl_c(db, users, database_url, tmp_path, redis_db):
    from nq05.notify.models import WorkerHeartbeat

    port = free_port()
    proc, out = _start({"REDIS_URL": NOTIFY_REDIS_URL, "NQ05_LOCALE": "en"}, database_url, tmp_path, port)
    try:
        wait_for(lambda: "Starting a Celery worker" in out.text, 30, 0.1, message="the worker to be started")
        worker_pid, beat_pid = map(
            int, re.search(r"process (\d+)\) and beat \(process (\d+)", out.text).groups()
        )

        def worker_answered():
            db.session.rollback()
            return db.session.scalars(
                select(WorkerHeartbeat).where(WorkerHeartbeat.worker.like("celery@%"))
            ).all()

        wait_for(worker_answered, 45, 0.3, message="the worker's heartbeat")
        assert _get(f"http://127.0.0.1:{port}/login") == 200
        _edit_a_unit(db, users)
        wait_for(lambda: _outbox(db) == [], 20, 0.2, message="the worker to sweep the outbox")
        proc.send_signal(signal.SIGINT)  # Ctrl-C
        assert proc.wait(30) == 0
        time.sleep(0.5)
        for pid in (worker_pid, beat_pid):
            with pytest.raises(ProcessLookupError):
                os.killpg(pid, 0)  # the worker and its pool, and beat, are gone too
    finally:
        if proc.poll() is None:
            proc.kill()


def test_a_worker_that_dies_is_started_again_with_a_line_in_the_log(
    db, users, database_url, tmp_path, redis_db
):
    from nq05.clock import utcnow
    from nq05.notify.models import WorkerHeartbeat

    port = free_port()
    proc, out = _start({"REDIS_URL": NOTIFY_REDIS_URL, "NQ05_LOCALE": "en"}, database_url, tmp_path, port)

    def heartbeats_since(since):
        db.session.rollback()
        return db.session.scalars(
            select(WorkerHeartbeat).where(
                WorkerHeartbeat.worker.like("celery@%"), WorkerHeartbeat.seen_at >= since
            )
        ).all()

    try:
        since = utcnow().replace(microsecond=0)
        wait_for(lambda: heartbeats_since(since), 45, 0.3, message="the worker's heartbeat")
        worker_pid = int(re.search(r"worker \(process (\d+)", out.text).group(1))
        since = utcnow().replace(microsecond=0)
        os.killpg(worker_pid, signal.SIGKILL)  # the worker and its pool die at once
        wait_for(lambda: "Celery worker started again" in out.text, 30, 0.2, message="the worker restarted")
        assert "Celery worker stopped (code -9); starting it again in 1 s." in out.text
        wait_for(lambda: heartbeats_since(since), 45, 0.3, message="the new worker's heartbeat")
        assert _get(f"http://127.0.0.1:{port}/login") == 200  # the web app never stopped
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
