"""A province for the plan pages, on top of the shell's ``users`` fixture, and page helpers."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from tests import factories as f


@dataclass
class World:
    users: object
    ha: object
    hb: object
    xa1: object
    staff: list
    master: object
    refresher: object
    outsider: object


def make_world(db, users) -> World:
    ha, hb, xa1 = users.units["HA"], users.units["HB"], users.units["XA1"]
    cv = f.position("CV")
    staff = [
        f.person(
            ha,
            code="A01",
            at_position=cv,
            name="Nguyễn Văn An",
            qualifications=[("pro", "bachelor", "2000-01-01")],
        ),
        f.person(
            ha,
            code="A02",
            at_position=cv,
            name="Trần Thị Bích",
            gender="F",
            qualifications=[("pro", "bachelor", "2000-01-01")],
        ),
        f.person(
            ha,
            code="A03",
            at_position=cv,
            name="Lê Văn Cao",
            qualifications=[("pro", "master", "2000-01-01")],
        ),
        f.person(
            ha,
            code="A04",
            at_position=cv,
            name="Đỗ Văn Dự",
            qualifications=[("pro", "intermediate", "2000-01-01")],
        ),
    ]
    outsider = f.person(
        hb,
        code="B01",
        at_position=cv,
        name="Phạm Văn Bình",
        qualifications=[("pro", "bachelor", "2000-01-01")],
    )
    master = f.programme(
        "MASTER_ECON",
        "Thạc sĩ kinh tế",
        kind="degree",
        track="pro",
        level="master",
        duration=24,
        pre_pro="bachelor",
    )
    refresher = f.programme(
        "REFRESH", "Bồi dưỡng kiến thức", kind="refresher", track=None, level=None, duration=1
    )
    db.session.commit()
    return World(users, ha, hb, xa1, staff, master, refresher, outsider)


def lock_version(page_html: str, prefix: str = "") -> str:
    name = f"{prefix}-lock_version" if prefix else "lock_version"
    found = re.search(rf'name="{re.escape(name)}"[^>]*value="(\d+)"', page_html)
    assert found, f"no {name} field on the page"
    return found.group(1)


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def findings_on_page(page_html: str) -> list[tuple[str, str]]:
    """(code, message) of each finding in the findings panel, in page order."""
    items = re.findall(
        r'<li class="finding finding-\w+" data-code="(\w+)">.*?<span class="finding-message">(.*?)</span>',
        page_html,
        flags=re.S,
    )
    return [(code, html.unescape(message)) for code, message in items]


def flashes(page_html: str) -> list[str]:
    return [
        html.unescape(m).strip() for m in re.findall(r'<p class="flash flash-\w+">(.*?)</p>', page_html, re.S)
    ]


YEAR = 2014
AS_OF = date(2014, 3, 1)


def plain(page_html: str) -> str:
    """The page's text with tags removed and whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", page_html).split())
