"""The staff list and the dashboard show the share of women and of ethnic minority staff."""

from __future__ import annotations

import html
import re

import pytest

from tests.web.helpers import login


@pytest.fixture()
def people(db, staff):
    # an: M, Kinh (HA); binh: F, Thái (HA); chau: M, no ethnicity (XA1, sub-unit of HA); dung: M, Mông (HB)
    staff.an.ethnicity, staff.binh.ethnicity, staff.dung.ethnicity = "Kinh", " Thái ", "Mông"
    db.session.commit()
    return staff


def composition_line(response) -> str:
    page = html.unescape(response.get_data(as_text=True))
    found = re.search(r'<p class="summary composition-line" id="staff-composition">(.*?)</p>', page, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else ""


def test_the_staff_list_says_who_is_in_it(client, users, people):
    login(client, users.admin)
    assert composition_line(client.get("/staff/")) == (
        "Trong số này: nữ 25% (1 người) · dân tộc thiểu số 50% (2 người) · chưa rõ dân tộc: 1 người"
    )
    login(client, users.head_a)  # HA and its commune XA1: an, binh, chau
    assert composition_line(client.get("/staff/")) == (
        "Trong số này: nữ 33,3% (1 người) · dân tộc thiểu số 33,3% (1 người) · chưa rõ dân tộc: 1 người"
    )
    only_ha = client.get(f"/staff/?unit={users.units['HA'].id}&only=y")
    assert composition_line(only_ha) == "Trong số này: nữ 50% (1 người) · dân tộc thiểu số 50% (1 người)"
    assert composition_line(client.get("/staff/?q=không-có-ai")) == ""


def test_the_dashboard_gives_the_unit_s_shares(client, users, people):
    login(client, users.head_a)  # their own unit HA: an (Kinh), binh (F, Thái)
    page = html.unescape(client.get("/").get_data(as_text=True))
    assert "Nữ 50% · dân tộc thiểu số 50%" in page
    login(client, users.admin)
    page = html.unescape(client.get("/").get_data(as_text=True))
    assert "Nữ 25% · dân tộc thiểu số 50%" in page
