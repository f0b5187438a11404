"""Helpers for the exchange tests: a copy of the worked example to spoil one file at a time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from nq05.staff.models import Person, Unit


@pytest.fixture()
def bundle(tmp_path, mini_bundle) -> Path:
    """A writable copy of the worked example bundle."""
    target = tmp_path / "bundle"
    shutil.copytree(mini_bundle, target)
    for item in target.iterdir():
        item.chmod(0o644)
    target.chmod(0o755)
    return target


@pytest.fixture(autouse=True)
def vietnamese(monkeypatch):
    """Messages in Vietnamese (the default) unless a test asks for English."""
    monkeypatch.setenv("NQ05_LOCALE", "vi")


def edit(bundle: Path, name: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in a bundle file."""
    path = bundle / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(bundle: Path, name: str, line: str) -> None:
    with open(bundle / name, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def failed_import(runner, path: Path, *options: str) -> list[str]:
    """Import a bundle that must fail: exit 2, and the error lines it printed on stderr."""
    result = runner.invoke(args=["import", str(path), *options])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[-1].startswith(("Không nhập gì", "Nothing was imported")), lines
    return lines[:-1]


def row_counts(db) -> tuple[int, int]:
    """(units, people) in the database: (0, 0) when nothing was written."""
    return (
        db.session.scalar(select(func.count()).select_from(Unit)),
        db.session.scalar(select(func.count()).select_from(Person)),
    )
