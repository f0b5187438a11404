"""The values a page's form would post as it stands (what a user gets by pressing save unchanged)."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
        self.inside = False
        self.done = False
        self.values: dict[str, list[str]] = {}
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if tag == "form":
            method = (a.get("method") or "get").lower()
            self.inside = method == "post" and (a.get("action") or self.action) == self.action
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file"):
                return
            self.values.setdefault(name, []).append(a.get("value") or ("y" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self.values.setdefault(self._select, []).append(value)
        elif tag == "textarea" and name:
            self._textarea = name
            self.values.setdefault(name, [""])

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            if self._select not in self.values and self._first_option is not None:
                self.values[self._select] = [self._first_option]
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_values(html: str, action: str) -> dict[str, list[str]]:
    """The first POST form of ``html`` that posts to ``action``: field name -> values."""
    reader = _FormReader(action)
    reader.feed(html)
    return reader.values
