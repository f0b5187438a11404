"""Messages of the command line, in Vietnamese or English by the locale (NQ05_LOCALE, LANG)."""

from __future__ import annotations

import os


def cli_locale() -> str:
    """'vi' or 'en': NQ05_LOCALE wins, then LC_ALL/LC_MESSAGES/LANG; Vietnamese by default."""
    for var in ("NQ05_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            if value.lower().startswith("en"):
                return "en"
            if value.lower().startswith("vi"):
                return "vi"
            if var == "NQ05_LOCALE":
                break
    return "vi"


_MESSAGES = {
    "schema_missing": (
        "Cơ sở dữ liệu chưa có lược đồ. Hãy chạy: nq05 db upgrade",
        "The database has no schema yet. Run: nq05 db upgrade",
    ),
    "schema_outdated": (
        "Lược đồ cơ sở dữ liệu đã cũ ({current}, bản mới nhất {head}). Hãy chạy: nq05 db upgrade",
        "The database schema is outdated ({current}, latest {head}). Run: nq05 db upgrade",
    ),
}


def register_messages(messages: dict[str, tuple[str, str]]) -> None:
    """Let a feature add its own CLI messages: key -> (Vietnamese, English)."""
    _MESSAGES.update(messages)


def cli_text(key: str, **values) -> str:
    vi, en = _MESSAGES[key]
    return (en if cli_locale() == "en" else vi).format(**values)
