"""What the reference data pages say when they refuse a change, in Vietnamese (msgids) or English."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

REFUSAL_MESSAGES = {
    "code_taken": _l("Mã %(code)s đã được dùng."),
}


def refusal_message(code: str, params: dict) -> str:
    return str(REFUSAL_MESSAGES[code]) % params
