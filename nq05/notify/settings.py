"""The task queue's settings: the Flask config's ``CELERY`` mapping and the NOTIFY_* knobs.

Everything has a production default; the environment may override it (the tests shorten the
intervals so a fault heals in seconds rather than minutes).
"""

from __future__ import annotations

import os

from celery.schedules import crontab
from kombu import Queue

#: task name -> queue
ROUTES = {
    "nq05.notify.send_reminder": {"queue": "mail"},
    "nq05.notify.dispatch_reminders": {"queue": "mail"},
    "nq05.notify.scan_reminders": {"queue": "mail"},
    "nq05.notify.sweep_outbox": {"queue": "recompute"},
    "nq05.notify.recompute_units": {"queue": "recompute"},
    "nq05.notify.full_recompute": {"queue": "recompute"},
}


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return default if value in (None, "") else float(value)


def notify_defaults() -> dict:
    """NOTIFY_* settings (seconds unless said otherwise)."""
    return {
        # beat intervals
        "NOTIFY_SCAN_SECONDS": _env_float("NQ05_SCAN_SECONDS", 900),
        "NOTIFY_SWEEP_SECONDS": _env_float("NQ05_SWEEP_SECONDS", 30),
        "NOTIFY_HEARTBEAT_SECONDS": _env_float("NQ05_HEARTBEAT_SECONDS", 300),
        "NOTIFY_FULL_RECOMPUTE_HOUR": int(_env_float("NQ05_FULL_RECOMPUTE_HOUR", 2)),
        # a pending reminder queued this long ago (its task lost) is queued again
        "NOTIFY_REQUEUE_AFTER": _env_float("NQ05_REQUEUE_AFTER", 600),
        # a dirty unit taken by a worker this long ago and still dirty is taken again: longer than
        # the recompute tasks' time limit, or the same recompute would run twice at once
        "NOTIFY_RECOMPUTE_REQUEUE_AFTER": _env_float("NQ05_RECOMPUTE_REQUEUE_AFTER", 900),
        # a burst of edits is recomputed once: a unit is taken when no edit touched it for this
        # long, or when it has waited NOTIFY_RECOMPUTE_MAX_WAIT whatever the edits
        "NOTIFY_RECOMPUTE_QUIET": _env_float("NQ05_RECOMPUTE_QUIET", 5),
        "NOTIFY_RECOMPUTE_MAX_WAIT": _env_float("NQ05_RECOMPUTE_MAX_WAIT", 120),
        # a claim older than this belongs to a dead worker; its reminder goes back to pending:
        # longer than the mail task's time limit, or a live worker's send could be doubled
        "NOTIFY_CLAIM_TIMEOUT": _env_float("NQ05_CLAIM_TIMEOUT", 900),
        # sending: tries before a reminder is marked failed, and the first retry delay (doubles)
        "NOTIFY_MAX_ATTEMPTS": int(_env_float("NQ05_MAIL_MAX_ATTEMPTS", 6)),
        "NOTIFY_RETRY_BASE": _env_float("NQ05_MAIL_RETRY_BASE", 30),
        "NOTIFY_RETRY_MAX": _env_float("NQ05_MAIL_RETRY_MAX", 3600),
        # admins see a banner when no worker has answered for this long
        "NOTIFY_SILENCE_AFTER": _env_float("NQ05_WORKER_SILENCE_AFTER", 1800),
        # SMTP: the wait for each reply; the wait for the reply to the end of DATA (RFC 5321
        # §4.5.3.2.6: 10 minutes)
        "MAIL_TIMEOUT": _env_float("MAIL_TIMEOUT", 30),
        "MAIL_DATA_TIMEOUT": _env_float("MAIL_DATA_TIMEOUT", 600),
        # where the recompute comes from ("module:function"); the realism engine's by default
        "NOTIFY_RECOMPUTE": os.environ.get("NQ05_RECOMPUTE_FUNCTION", "nq05.progress.store:recompute"),
        # beat's schedule file for ``nq05 run`` (empty: celerybeat-schedule in the instance folder)
        "NOTIFY_BEAT_SCHEDULE": os.environ.get("NQ05_BEAT_SCHEDULE", ""),
    }


def time_limits(app_config: dict) -> dict[str, tuple[float, float]]:
    """(soft, hard) time limits in seconds: of every task, and of sending one reminder (which may
    wait MAIL_DATA_TIMEOUT for the end of DATA and MAIL_TIMEOUT for each of a few other replies;
    the hard limit one MAIL_TIMEOUT later)."""
    soft = _env_float("NQ05_TASK_SOFT_TIME_LIMIT", 300)
    reply = app_config["MAIL_TIMEOUT"]
    mail_soft = app_config["MAIL_DATA_TIMEOUT"] + 6 * reply
    return {"task": (soft, soft + 60), "mail": (mail_soft, mail_soft + reply)}


class SettingsError(RuntimeError):
    pass


def check_settings(app_config: dict) -> None:
    """Refuse settings under which a task could run twice at once."""
    limits = time_limits(app_config)
    problems = []
    if app_config["NOTIFY_RECOMPUTE_REQUEUE_AFTER"] <= limits["task"][1]:
        problems.append(
            f"NQ05_RECOMPUTE_REQUEUE_AFTER ({app_config['NOTIFY_RECOMPUTE_REQUEUE_AFTER']:g} s) phải dài hơn "
            f"giới hạn thời gian của tác vụ ({limits['task'][1]:g} s) / must be longer than the task time "
            "limit (NQ05_TASK_SOFT_TIME_LIMIT + 60 s): otherwise a recompute still running is started again"
        )
    if app_config["NOTIFY_CLAIM_TIMEOUT"] <= limits["mail"][1]:
        problems.append(
            f"NQ05_CLAIM_TIMEOUT ({app_config['NOTIFY_CLAIM_TIMEOUT']:g} s) phải dài hơn thời gian gửi một thư "
            f"({limits['mail'][1]:g} s) / must be longer than the time limit of sending one email "
            "(MAIL_DATA_TIMEOUT + 7 × MAIL_TIMEOUT): otherwise a reminder being sent is sent again"
        )
    if problems:
        raise SettingsError("\n".join(problems))


def celery_config(app_config: dict) -> dict:
    """The Celery configuration, from the Flask config (REDIS_URL and the NOTIFY_* settings)."""
    redis_url = app_config.get("REDIS_URL") or ""
    limits = time_limits(app_config)
    soft, hard = limits["task"]
    mail_soft, mail_hard = limits["mail"]
    return {
        # Without REDIS_URL the broker is an in-memory one: nothing leaves the process, and
        # dispatch.broker_available() says so (nq05 run then runs the work in-process).
        "broker_url": redis_url or "memory://",
        "task_ignore_result": True,
        "result_backend": None,
        "task_queues": (Queue("mail", routing_key="mail"), Queue("recompute", routing_key="recompute")),
        "task_default_queue": "recompute",
        "task_routes": ROUTES,
        # A task is acknowledged when it ends, and given back to the broker if its worker dies:
        # every task here is safe to run twice (claims and conditional updates make it so).
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_soft_time_limit": soft,
        "task_time_limit": hard,
        "task_annotations": {
            "nq05.notify.send_reminder": {"soft_time_limit": mail_soft, "time_limit": mail_hard}
        },
        "broker_transport_options": {
            # longer than any countdown of a retry, so a waiting retry is not delivered twice
            "visibility_timeout": int(_env_float("NQ05_VISIBILITY_TIMEOUT", 7200)),
            "socket_connect_timeout": 3,
            "socket_timeout": 10,
        },
        # a worker waits for Redis as long as it takes (the default gives up after 100 tries);
        # the tasks it is running go on meanwhile (they are safe to run twice)
        "broker_connection_retry_on_startup": True,
        "broker_connection_retry": True,
        "broker_connection_max_retries": None,
        "worker_cancel_long_running_tasks_on_connection_loss": False,
        "broker_connection_timeout": 3,
        "worker_hijack_root_logger": False,
        "worker_send_task_events": False,
        "timezone": "Asia/Ho_Chi_Minh",
        "beat_schedule": beat_schedule(app_config),
    }


def beat_schedule(cfg: dict) -> dict:
    return {
        "scan-reminders": {"task": "nq05.notify.scan_reminders", "schedule": cfg["NOTIFY_SCAN_SECONDS"]},
        "dispatch-reminders": {
            "task": "nq05.notify.dispatch_reminders",
            "schedule": cfg["NOTIFY_SWEEP_SECONDS"],
        },
        "sweep-outbox": {"task": "nq05.notify.sweep_outbox", "schedule": cfg["NOTIFY_SWEEP_SECONDS"]},
        "nightly-full-recompute": {
            "task": "nq05.notify.full_recompute",
            "schedule": crontab(hour=cfg["NOTIFY_FULL_RECOMPUTE_HOUR"], minute=0),
        },
        # one heartbeat per queue: a worker that listens only to "mail" answers for "mail"
        "heartbeat-mail": {
            "task": "nq05.notify.heartbeat",
            "schedule": cfg["NOTIFY_HEARTBEAT_SECONDS"],
            "args": ("mail",),
            "options": {"queue": "mail"},
        },
        "heartbeat-recompute": {
            "task": "nq05.notify.heartbeat",
            "schedule": cfg["NOTIFY_HEARTBEAT_SECONDS"],
            "args": ("recompute",),
            "options": {"queue": "recompute"},
        },
    }
