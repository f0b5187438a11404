"""No default secret key: a web server refuses to start without SECRET_KEY; development makes one."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NQ05 = str(Path(sys.executable).with_name("nq05"))


def _env(database_url: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "FLASK_DEBUG")}
    env.update(DATABASE_URL=database_url, **extra)
    return env


def test_gunicorn_entry_point_refuses_to_start_without_a_secret_key(database_url):
    refused = subprocess.run(
        [sys.executable, "-c", "import wsgi"],
        cwd=ROOT,
        env=_env(database_url),
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0
    assert "SECRET_KEY is not set" in refused.stderr and "Chưa đặt SECRET_KEY" in refused.stderr

    started = subprocess.run(
        [sys.executable, "-c", "import wsgi; print(len(wsgi.app.config['SECRET_KEY']))"],
        cwd=ROOT,
        env=_env(database_url, SECRET_KEY="a-long-random-production-key"),
        capture_output=True,
        text=True,
    )
    assert started.returncode == 0, started.stderr


def test_nq05_run_refuses_to_start_without_a_secret_key(app, database_url):
    proc = subprocess.run(
        [NQ05, "run", "--no-tasks", "--port", "1"],
        cwd=ROOT,
        env=_env(database_url),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "SECRET_KEY is not set" in proc.stderr


def test_an_app_outside_development_has_no_key_to_sign_with(monkeypatch, database_url):
    from nq05 import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    production = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    assert not production.config["SECRET_KEY"]  # the old "dev-only-change-me" is gone
    testing = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True})
    again = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True})
    assert len(testing.config["SECRET_KEY"]) >= 64
    assert testing.config["SECRET_KEY"] != again.config["SECRET_KEY"]  # random, per process


@pytest.fixture()
def dev_module():
    spec = importlib.util.spec_from_file_location("nq05_dev_script", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_run_makes_a_random_key_once_and_keeps_it(dev_module, tmp_path):
    instance = tmp_path / "instance"
    first = dev_module.secret_key(instance)
    assert len(first) == 64 and int(first, 16)
    assert dev_module.secret_key(instance) == first
    assert (instance / "secret_key").stat().st_mode & 0o777 == 0o600
    assert dev_module.secret_key(tmp_path / "another-checkout") != first
