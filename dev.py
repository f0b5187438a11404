#!/usr/bin/env python3
"""Set-up and everyday commands for nq05, needing nothing but Python 3.11+.

    python3 dev.py run     create .venv, install, migrate, load the demo province, run the app
    python3 dev.py test    create .venv, install, run the test suite (extra args go to pytest)
    python3 dev.py setup   only create .venv and install

Everything it creates stays in this folder: .venv/ and instance/ (the SQLite database, and the
random SECRET_KEY of this checkout in instance/secret_key).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".nq05-installed"
INSTANCE = ROOT / "instance"


def say(message: str) -> None:
    print(f"[nq05] {message}", flush=True)


def run(*args: str | os.PathLike, env: dict | None = None, check: bool = True) -> int:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if check and result.returncode != 0:
        sys.exit(result.returncode)
    return result.returncode


def setup() -> None:
    """Create the virtual environment and install nq05 with its test tools, once per pyproject."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older python3
        sys.exit("nq05 needs Python 3.11 or newer")
    if not PYTHON.exists():
        say("creating the virtual environment in .venv/")
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    say("installing nq05 and its dependencies (first time only)")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.write_text(wanted)


def nq05(*args: str, check: bool = True) -> int:
    return run(BIN / "nq05", *args, check=check)


def database_is_empty() -> bool:
    probe = (
        "from sqlalchemy import select, func\n"
        "from nq05 import create_app\n"
        "from nq05.extensions import db\n"
        "from nq05.staff.models import Unit\n"
        "with create_app().app_context():\n"
        "    print(db.session.scalar(select(func.count()).select_from(Unit)))\n"
    )
    out = subprocess.run([str(PYTHON), "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.strip() == "0"


def secret_key(instance: Path = INSTANCE) -> str:
    """This checkout's SECRET_KEY: made at random the first time, then kept (readable by you only)."""
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


def cmd_run(extra: list[str]) -> None:
    setup()
    os.environ.setdefault("SECRET_KEY", secret_key())
    nq05("db", "upgrade")
    if database_is_empty():
        say("the database is empty: building the demo province (nq05 demo)")
        nq05("demo")
    else:
        say("the database already has data: keeping it (nq05 demo --replace rebuilds the demo)")
    os.execv(str(BIN / "nq05"), [str(BIN / "nq05"), "run", *extra])


def cmd_test(extra: list[str]) -> None:
    setup()
    sys.exit(run(PYTHON, "-m", "pytest", *extra, check=False))


def main(argv: list[str]) -> None:
    commands = {"run": cmd_run, "test": cmd_test, "setup": lambda extra: setup()}
    if not argv or argv[0] not in commands:
        print(__doc__)
        sys.exit(2)
    commands[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
