"""Settings from the environment. With nothing set, nq05 runs on an SQLite file in the instance folder.

There is no default SECRET_KEY: a web server refuses to start without one (``require_secret_key``),
except in development (tests, ``--debug``; ``dev.py run`` keeps a random key in ``instance/``).
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta

MB = 1024 * 1024
#: how long a sign-in lasts at most, remembered or not (docs/security.md)
SIGN_IN_LIFETIME = timedelta(days=30)


class SecretKeyMissing(RuntimeError):
    pass


SECRET_KEY_MISSING = (
    "SECRET_KEY is not set: nq05 will not serve pages without it (anyone could sign a session "
    "cookie). Set SECRET_KEY to a long random string, the same on every web host, e.g. "
    "python3 -c 'import secrets; print(secrets.token_hex(32))'. / Chưa đặt SECRET_KEY: hãy đặt "
    "biến môi trường SECRET_KEY là một chuỗi ngẫu nhiên dài, giống nhau trên mọi máy chủ web."
)


def development_secret_key(app) -> None:
    """Tests and ``--debug`` without a SECRET_KEY get a random one, for this process only."""
    if not app.config.get("SECRET_KEY") and (app.testing or app.debug):
        app.config["SECRET_KEY"] = secrets.token_hex(32)


def require_secret_key(app) -> None:
    """Refuse to serve without a SECRET_KEY (gunicorn wsgi:app, nq05 run)."""
    if not app.config.get("SECRET_KEY"):
        raise SecretKeyMissing(SECRET_KEY_MISSING)


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def normalise_database_url(url: str) -> str:
    """Accept the common ``postgres://`` and ``postgresql://`` spellings and use psycopg 3."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def settings_from_environment(instance_path: str) -> dict:
    """The Flask config for this process, read from environment variables."""
    default_db = "sqlite:///" + os.path.join(instance_path, "nq05.sqlite")
    redis_url = os.environ.get("REDIS_URL", "")
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY") or None,
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(os.environ.get("DATABASE_URL", default_db)),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": redis_url,
        "BASE_URL": os.environ.get("BASE_URL", "http://127.0.0.1:5000"),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", False),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "nq05@localhost"),
        "MAIL_FOLDER": os.environ.get("MAIL_FOLDER", os.path.join(instance_path, "mail")),
        "BABEL_DEFAULT_LOCALE": os.environ.get("NQ05_LOCALE", "vi"),
        "BABEL_DEFAULT_TIMEZONE": "Asia/Ho_Chi_Minh",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", False),
        "PERMANENT_SESSION_LIFETIME": SIGN_IN_LIFETIME,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", False),
        "REMEMBER_COOKIE_DURATION": SIGN_IN_LIFETIME,
        #: a session used from another browser (User-Agent) is ended; see nq05.auth.sessions
        "SESSION_PROTECTION": "strong",
        #: addresses (or networks) of the reverse proxies whose X-Forwarded-For/-Proto are believed
        "TRUSTED_PROXIES": os.environ.get("TRUSTED_PROXIES", ""),
        #: the largest request body (uploads): 20 MB unless MAX_UPLOAD_MB says otherwise
        "MAX_CONTENT_LENGTH": int(float(os.environ.get("MAX_UPLOAD_MB", "20")) * MB),
        "SIGN_IN_KEY_PREFIX": "nq05:sign-in",
        "WTF_CSRF_ENABLED": _bool("WTF_CSRF_ENABLED", True),
        #: seconds a PostgreSQL statement may run in a web request / in a task or command (0: no
        #: limit); see nq05/postgres.py and docs/deploy.md
        "STATEMENT_TIMEOUT_WEB": float(os.environ.get("STATEMENT_TIMEOUT_WEB", "30")),
        "STATEMENT_TIMEOUT_TASKS": float(os.environ.get("STATEMENT_TIMEOUT_TASKS", "300")),
        #: PostgreSQL's work_mem for the full recompute's reads (empty: the server's); see
        #: nq05/postgres.py and docs/deploy.md
        "RECOMPUTE_WORK_MEM": os.environ.get("RECOMPUTE_WORK_MEM", "64MB"),
        #: connections the full recompute reads with on PostgreSQL, sharing one snapshot (1: one)
        "RECOMPUTE_READERS": int(os.environ.get("RECOMPUTE_READERS", "2")),
    }
