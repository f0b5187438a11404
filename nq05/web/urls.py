"""Redirect targets taken from the request, checked so they never leave the site."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import request, url_for


def safe_next(target: str | None, default_endpoint: str = "web.dashboard") -> str:
    """``target`` if it is a path on this site, else the default page."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            if "\\" not in target:
                return target
    return url_for(default_endpoint)


def current_path() -> str:
    """The current page's path with its query string, for ``?next=`` links."""
    qs = request.query_string.decode("latin-1")
    return request.path + ("?" + qs if qs else "")
