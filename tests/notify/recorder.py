"""A recompute function whose calls a test can see (used until nq05.progress.store exists).

Each call appends one line to the file NQ05_TEST_RECOMPUTE_LOG: the unit codes, or ``*``.
"""

from __future__ import annotations

import os


def recompute(unit_codes=None) -> None:
    path = os.environ.get("NQ05_TEST_RECOMPUTE_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(("*" if unit_codes is None else ",".join(sorted(unit_codes))) + "\n")


def calls(path) -> list[str]:
    try:
        with open(path, encoding="utf-8") as f:
            return [line.strip() for line in f if line.strip()]
    except FileNotFoundError:
        return []
