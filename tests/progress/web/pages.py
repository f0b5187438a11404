"""Reading the progress pages as a user sees them: rows marked with data-* attributes, their text."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser


class _Rows(HTMLParser):
    """Each <tr> (or <li>) carrying ``marker``: its attributes and the text of its data-field cells."""

    def __init__(self, marker: str):
        super().__init__()
        self.marker = marker
        self.rows: list[dict] = []
        self._row: dict | None = None
        self._row_tag: str | None = None
        self._fields: list[tuple[str, str]] = []  # open elements: (tag, field or "")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._row is None and self.marker in attrs:
            self._row = {"attrs": attrs, "fields": {}, "text": ""}
            self._row_tag = tag
            return
        if self._row is not None and tag not in ("br", "img", "input"):
            self._fields.append((tag, attrs.get("data-field", "")))

    def handle_endtag(self, tag):
        if self._row is None:
            return
        if tag == self._row_tag and not self._fields:
            self.rows.append(self._row)
            self._row = None
            return
        if self._fields:
            self._fields.pop()

    def handle_data(self, data):
        if self._row is None:
            return
        self._row["text"] += data
        for _tag, field in self._fields:
            if field:
                self._row["fields"][field] = self._row["fields"].get(field, "") + data


def rows(page_html: str, marker: str) -> list[dict]:
    parser = _Rows(marker)
    parser.feed(page_html)
    for row in parser.rows:
        row["fields"] = {k: " ".join(v.split()) for k, v in row["fields"].items()}
        row["text"] = " ".join(row["text"].split())
    return parser.rows


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def visible_text(page_html: str) -> str:
    """The page without tags, whitespace collapsed (what a reader sees, roughly)."""
    no_tags = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", page_html, flags=re.S))
    return " ".join(html.unescape(no_tags).split())


def vn_number(value) -> str:
    """How the pages write an engine figure in Vietnamese: 16,7 and 10 (no trailing ,0)."""
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")
