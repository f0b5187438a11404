"""Every page, as every signed-in role sees it: CSP-clean (no inline script or style, no outside
assets) and accessible (one h1, labelled form controls, images with alt text).

Like the route sweep, it walks ``app.url_map``, so new pages are checked without new tests.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.auth.sweep_world import build

ROLES = ("admin", "head_a", "centre_1")


class PageChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.h1 = 0
        self.label_for: set[str] = set()
        self.controls: list[tuple[str, dict]] = []
        self.in_label = 0
        self.in_script = False
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if "style" in a:
            self.problems.append(f"inline style on <{tag}>")
        if any(name.startswith("on") for name in a):
            self.problems.append(f"inline event handler on <{tag}>")
        if tag == "script":
            src = a.get("src") or ""
            if not src:
                self.problems.append("inline <script>")
            elif "://" in src or src.startswith("//"):
                self.problems.append(f"script from outside: {src}")
        if tag == "link" and ("://" in (a.get("href") or "") or (a.get("href") or "").startswith("//")):
            self.problems.append(f"asset from outside: {a.get('href')}")
        if tag == "img" and "alt" not in a:
            self.problems.append(f"<img> without alt: {a.get('src')}")
        if tag == "h1":
            self.h1 += 1
        if tag == "label":
            self.in_label += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        if tag in ("input", "select", "textarea"):
            kind = (a.get("type") or "text").lower()
            if kind not in ("hidden", "submit", "button", "reset", "image"):
                self.controls.append((tag, {**a, "_wrapped": bool(self.in_label)}))

    def handle_endtag(self, tag):
        if tag == "label" and self.in_label:
            self.in_label -= 1

    def finish(self) -> list[str]:
        if self.html_lang not in ("vi", "en"):
            self.problems.append(f"<html lang> is {self.html_lang!r}")
        if self.h1 != 1:
            self.problems.append(f"{self.h1} <h1> elements")
        for tag, a in self.controls:
            named = (
                a["_wrapped"]
                or a.get("id") in self.label_for
                or a.get("aria-label")
                or a.get("aria-labelledby")
                or a.get("title")
            )
            if not named:
                self.problems.append(f"<{tag} name={a.get('name')!r}> has no label")
        return self.problems


def _urls(app, world):
    ids = {**world.foreign_ids, **world.own_ids}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        if rule.endpoint in ("web.set_language", "auth.logout"):
            continue
        if not all(name in ids for name in rule.arguments):
            continue
        built = rule.build({name: ids[name] for name in rule.arguments}, append_unknown=False)
        if built is not None:
            yield rule.endpoint, built[1]


@pytest.mark.parametrize("role_key", ROLES)
def test_every_page_is_csp_clean_and_labelled(app, client, db, users, role_key):
    from tests.auth.test_route_sweep import _sign_in_as

    world = build(db, users)
    user = getattr(users, role_key)
    problems, pages = [], 0
    for endpoint, url in _urls(app, world):
        _sign_in_as(client, user)
        response = client.get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        pages += 1
        checker = PageChecker()
        checker.feed(response.get_data(as_text=True))
        problems += [f"{url} ({endpoint}) as {role_key}: {p}" for p in checker.finish()]
    assert pages >= 5
    assert not problems, "\n".join(problems)


def test_login_page_is_clean(client):
    checker = PageChecker()
    checker.feed(client.get("/login").get_data(as_text=True))
    assert checker.finish() == []


def test_checker_finds_what_it_should():
    checker = PageChecker()
    checker.feed(
        '<html><body><h1>a</h1><h1>b</h1><p style="color:red">x</p><script>alert(1)</script>'
        '<script src="https://cdn.example/x.js"></script><img src="/a.png"><input name="q">'
        '<label for="ok">Ok</label><input id="ok" name="ok"><label>Wrapped <select name="w"></select></label>'
        '<button onclick="x()">b</button></body></html>'
    )
    problems = checker.finish()
    assert problems == [
        "inline style on <p>",
        "inline <script>",
        "script from outside: https://cdn.example/x.js",
        "<img> without alt: /a.png",
        "inline event handler on <button>",
        "<html lang> is None",
        "2 <h1> elements",
        "<input name='q'> has no label",
    ]
