"""No default secret key: a web server refuses to start without SECRET_KEY; development makes one."""

from __future__ import annotations

import importlib.util
import runpy
from pathlib import Path

import pytest

from nq05.config import SecretKeyMissing
from nq05.notify.cli import run_command

ROOT = Path(__file__).resolve().parents[2]


def test_gunicorn_entry_point_refuses_to_start_without_a_secret_key(monkeypatch, database_url):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(SecretKeyMissing, match="SECRET_KEY is not set") as refused:
        runpy.run_path(str(ROOT / "wsgi.py"))  # what gunicorn does with wsgi:app
    assert "Chưa đặt SECRET_KEY" in str(refused.value)

    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-key")
    assert runpy.run_path(str(ROOT / "wsgi.py"))["app"].config["SECRET_KEY"] == "a-long-random-production-key"


def test_nq05_run_refuses_to_start_without_a_secret_key(app, monkeypatch):
    monkeypatch.setitem(app.config, "SECRET_KEY", None)
    result = app.test_cli_runner().invoke(run_command, ["--no-tasks", "--port", "1"])
    assert result.exit_code == 1
    assert "SECRET_KEY is not set" in result.stderr


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
