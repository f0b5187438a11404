"""A browser set to English still types and reads dates dd/mm/yyyy (no native date input)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from tests import factories as f
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.service]


def test_an_english_browser_types_day_month_year(browser, live_server, db, users):
    from nq05.classes.models import TrainingClass

    programme = f.programme(name="Bồi dưỡng kỹ năng lãnh đạo, quản lý")
    db.session.commit()
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server, users.centre_1.email, users.password)
        page.goto(live_server + "/classes/new")
        start = page.locator('input[name="start_date"]')
        assert start.get_attribute("type") == "text"
        page.locator('select[name="programme_id"]').select_option(str(programme.id))
        start.fill("15/03/2030")
        page.locator('input[name="end_date"]').fill("30/04/2030")
        page.locator('input[name="capacity"]').fill("20")
        # the browser's own check of the pattern lets a dd/mm/yyyy date through
        assert start.evaluate("el => el.checkValidity()") is True
        page.locator('input[name="end_date"]').fill("04/30/2030x")
        assert page.locator('input[name="end_date"]').evaluate("el => el.checkValidity()") is False
        page.locator('input[name="end_date"]').fill("30/04/2030")
        page.locator("form button[type=submit]").last.click()
        page.wait_for_url(re.compile(r".*/classes/\d+.*"))
        db.session.rollback()
        (created,) = db.session.scalars(select(TrainingClass)).all()
        assert (created.start_date, created.end_date) == (date(2030, 3, 15), date(2030, 4, 30))
    finally:
        context.close()
