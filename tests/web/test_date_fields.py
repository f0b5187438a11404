"""Dates are typed and shown dd/mm/yyyy whatever the browser's language (one shared field,
nq05.web.forms.DateField: a text input with a pattern, never the native date input), and form
fields carry no attribute written "None"."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from tests import factories as f
from tests.web.helpers import login


def _schedule(client, users, db, **fields):
    programme = f.programme()
    db.session.commit()
    login(client, users.centre_1)
    data = {
        "programme_id": programme.id,
        "centre_id": users.centres["C1"].id,
        "start_date": "01/03/2030",
        "end_date": "1/4/2030",
        "capacity": "5",
        **fields,
    }
    return client.post("/classes/new", data=data)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_form_asks_for_day_month_year_in_every_language(client, users, db, lang):
    client.set_cookie("lang", lang)
    login(client, users.centre_1)
    html = client.get("/classes/new").get_data(as_text=True)
    assert 'type="date"' not in html
    start = re.search(r'<input[^>]*name="start_date"[^>]*>', html).group(0)
    assert 'type="text"' in start and "pattern=" in start and 'inputmode="numeric"' in start
    assert "ngày/tháng/năm" in start if lang == "vi" else "day/month/year" in start


def test_a_date_typed_day_month_year_is_read_so_and_shown_so(client, users, db):
    from nq05.classes.models import TrainingClass

    response = _schedule(client, users, db)
    assert response.status_code == 302, response.get_data(as_text=True)
    (created,) = db.session.scalars(select(TrainingClass)).all()
    assert (created.start_date, created.end_date) == (date(2030, 3, 1), date(2030, 4, 1))


def test_a_date_in_another_order_is_refused_with_the_form_kept(client, users, db):
    response = _schedule(client, users, db, start_date="03/31/2030", place="Hội trường B")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ngày phải viết theo dạng ngày/tháng/năm, ví dụ 01/03/2014." in html
    assert 'value="03/31/2030"' in html  # what was typed is kept
    start = re.search(r'<input[^>]*name="start_date"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in start and 'aria-describedby="start_date-error"' in start


def test_no_form_field_says_none(client, users, db):
    login(client, users.centre_1)
    for url in ("/classes/new",):
        html = client.get(url).get_data(as_text=True)
        assert '="None"' not in html, url
        assert "aria-invalid" not in html  # nothing is invalid before anything is typed


def test_no_page_writes_a_native_date_input():
    """A template that writes its own <input> for a date uses the shared field's text form too: a
    native date input would show mm/dd/yyyy in an English browser."""
    from pathlib import Path

    import nq05

    native = [
        str(path.relative_to(Path(nq05.__file__).parent))
        for path in Path(nq05.__file__).parent.rglob("*.html")
        if re.search(r"""type=["']?date\b""", path.read_text(encoding="utf-8"))
    ]
    assert native == []
