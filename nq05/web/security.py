"""Security headers on every response, and which proxies' forwarding headers are believed."""

from __future__ import annotations

import ipaddress

from flask import current_app
from werkzeug.middleware.proxy_fix import ProxyFix

#: No inline script or style anywhere: every asset is a file under /static (no CDN: intranet use).
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
#: one year; sent only when the cookies are marked Secure (the site is served over HTTPS)
HSTS = "max-age=31536000"


def add_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if response.mimetype == "text/html":
        # pages show personal records: never keep them in a shared browser's cache
        response.headers.setdefault("Cache-Control", "no-store")
    if "attachment" in response.headers.get("Content-Disposition", ""):
        response.headers["Cache-Control"] = "no-store"  # a download holds the same records
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


class TrustedProxyFix:
    """Werkzeug's ProxyFix for requests from a trusted proxy only (TRUSTED_PROXIES).

    From a trusted proxy, the client's address is the last one in X-Forwarded-For and the scheme
    X-Forwarded-Proto (one proxy in front of the app). From anyone else those headers are dropped:
    a client cannot choose the address the sign-in limits count it under.
    """

    FORWARDED = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST",
                 "HTTP_X_FORWARDED_PORT", "HTTP_X_FORWARDED_PREFIX", "HTTP_FORWARDED")  # fmt: skip

    def __init__(self, app, trusted: str):
        self.app = app
        self.fixed = ProxyFix(app, x_for=1, x_proto=1)
        self.networks = [
            ipaddress.ip_network(part.strip(), strict=False) for part in trusted.split(",") if part.strip()
        ]

    def trusts(self, address: str | None) -> bool:
        try:
            ip = ipaddress.ip_address(address or "")
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def __call__(self, environ, start_response):
        if self.trusts(environ.get("REMOTE_ADDR")):
            return self.fixed(environ, start_response)
        for name in self.FORWARDED:
            environ.pop(name, None)
        return self.app(environ, start_response)


def init_security(app) -> None:
    app.after_request(add_security_headers)
    app.wsgi_app = TrustedProxyFix(app.wsgi_app, app.config.get("TRUSTED_PROXIES") or "")
