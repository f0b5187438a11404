"""Where ``nq05 export`` writes: a new or empty folder, or a new .xlsx; never through a symlink.

Without ``--force`` nothing that exists is overwritten. With it, the bundle's own files are
rewritten in place; a symlink is refused either way (a link named ``units.csv`` must not make the
export write somewhere else).
"""

from __future__ import annotations

import os
from pathlib import Path

#: O_NOFOLLOW: opening a symlink fails (ELOOP) instead of writing where it points
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)


class ExportRefused(Exception):
    def __init__(self, key: str, path: Path):
        super().__init__(key)
        self.key = key
        self.path = path


def prepare(path: Path, force: bool) -> None:
    """Check (and for a folder, create) the export's target, or raise ExportRefused."""
    if path.is_symlink():
        raise ExportRefused("export_symlink", path)
    if path.suffix.lower() == ".xlsx":
        if path.exists() and (not force or not path.is_file()):
            raise ExportRefused("export_exists", path)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    if path.exists():
        if not path.is_dir():
            raise ExportRefused("export_not_a_folder", path)
        if not force and any(path.iterdir()):
            raise ExportRefused("export_not_empty", path)
    else:
        path.mkdir(parents=True)


def open_new(path: Path, binary: bool = False):
    """Open ``path`` for writing, refusing a symlink in its place."""
    try:
        fd = os.open(path, _NEW_FILE_FLAGS, 0o644)
    except OSError:
        if path.is_symlink():
            raise ExportRefused("export_symlink", path) from None
        raise
    if binary:
        return os.fdopen(fd, "wb")
    return os.fdopen(fd, "w", encoding="utf-8", newline="")
