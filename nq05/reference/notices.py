"""What every official notice reads from the province settings: the body that signs it and the
contact it gives (``notice_*`` keys, nq05.reference.settings; docs/dev/notify.md)."""

from __future__ import annotations

from nq05.notify.emails import register_notice_context
from nq05.reference.settings import load_notice_settings


def notice_signature() -> dict:
    return {"notice": load_notice_settings()}


register_notice_context(notice_signature)
