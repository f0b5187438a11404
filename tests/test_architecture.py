"""The package map of docs/architecture.md is the code's: every import of one nq05 package by
another is one the table allows, and every package is in the table."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("package_map", ROOT / "scripts" / "package_map.py")
package_map = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(package_map)


def test_every_import_between_packages_is_one_the_architecture_page_allows():
    assert package_map.violations() == []


def test_the_table_names_every_package_and_only_those():
    packages = {p.stem if p.suffix == ".py" else p.name for p in (ROOT / "nq05").iterdir()}
    packages = {p for p in packages if not p.startswith("_") and p not in ("templates", "static")} | {"nq05"}
    assert set(package_map.allowed()) == packages


def test_the_check_catches_an_import_the_table_does_not_allow(monkeypatch):
    rules = package_map.allowed()
    monkeypatch.setattr(package_map, "allowed", lambda: {**rules, "staff": rules["staff"] - {"reference"}})
    assert any(p.startswith("staff imports reference.models") for p in package_map.violations())
