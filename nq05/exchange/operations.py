"""Import and export a bundle: the functions the commands (and tests) call."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from nq05 import clock
from nq05.audit.operations import record
from nq05.exchange import dump, load
from nq05.exchange.errors import NO_COLUMN, BundleError
from nq05.exchange.readers import read_bundle
from nq05.exchange.validate import validate
from nq05.extensions import db
from nq05.postgres import analyze


@dataclass
class BundleImport:
    """What the audit log names as the object of an import: the bundle, by its file name."""

    __tablename__ = "bundle"
    name: str
    id: None = None


@dataclass
class ImportResult:
    errors: list[BundleError] = field(default_factory=list)
    #: rows written per file (only when there is no error)
    counts: dict[str, int] = field(default_factory=dict)


def import_bundle(path: Path, replace: bool = False) -> ImportResult:
    """Check the whole bundle, then write it in one transaction; nothing is written on any fault."""
    raw = read_bundle(Path(path))
    existing = None if replace else load.existing_records()
    # a bundle that replaces everything is a real province: its dates are checked against the
    # real date, even when the database it replaces is a demo living in 2016 (docs/demo.md)
    checked = validate(raw, existing, today=clock.real_today() if replace else None)
    if not checked.ok:
        return ImportResult(errors=checked.errors)
    try:
        counts = load.write_bundle(checked.records, replace=replace)
        record(
            "bundle.import", BundleImport(Path(path).name), {"replace": replace, "rows": counts}, user=None
        )
        db.session.commit()
    except DBAPIError as exc:
        # a fault the checks above missed: nothing is written, and the user reads why
        db.session.rollback()
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        return ImportResult(
            errors=[BundleError(Path(path).name, 0, NO_COLUMN, "database_refused", {"detail": detail})]
        )
    except Exception:
        db.session.rollback()
        raise
    analyze(db.session)
    return ImportResult(counts=counts)


def export_bundle(path: Path, force: bool = False) -> dict[str, int]:
    """Write the database as a bundle (CSV folder, or .xlsx when the path ends so)."""
    return dump.export_bundle(Path(path), force=force)
