"""The web shell: languages, security headers, error pages, layout, filters and the dashboard.

Every feature's pages are built on it; see docs/dev/web-shell.md.
"""
