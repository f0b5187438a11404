"""axe-core on five key pages (issue 13): no serious or critical violation.

The sign-in page, the unit head's dashboard, the staff list, a draft plan (with its line, named
people and findings) and a class roster as the training centre sees it (accept / refuse / result
forms). axe-core's script comes from the installed ``axe-playwright-python`` package (a test
dependency in pyproject.toml), injected into the page: nothing is fetched from the network. The
app's Content-Security-Policy (``script-src 'self'``) refuses an injected inline script, so these
pages are opened in a browser context that bypasses it (Playwright's ``bypass_csp``); the pages
themselves are unchanged.
"""

from __future__ import annotations

from datetime import timedelta
from importlib.resources import files

import pytest

from nq05 import clock
from tests import factories as f
from tests.browser.conftest import sign_in
from tests.plans.pages import make_world

pytestmark = [pytest.mark.browser, pytest.mark.service]

AXE_SCRIPT = files("axe_playwright_python") / "axe.min.js"
SERIOUS = ("serious", "critical")


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line per element."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate("axe.run()")
    assert results["passes"], "axe-core ran no check"
    return [
        f"{violation['impact']} {violation['id']}: {violation['help']} — {node['target']}: {node['html'][:160]}"
        for violation in results["violations"]
        if violation["impact"] in SERIOUS
        for node in violation["nodes"]
    ]


@pytest.fixture()
def axe_page(browser):
    """A page like the ``page`` fixture's, on which axe-core's script may be injected."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_five_key_pages_have_no_serious_violation(axe_page, live_server, db, users):
    page = axe_page
    world = make_world(db, users)
    today = clock.today()
    plan = f.plan(
        world.ha,
        today.year + 1,
        status="draft",
        lines=[(world.master, 3, world.staff[:2]), (world.refresher, 2, [])],
    )
    klass = f.training_class(
        world.refresher,
        users.centres["C1"],
        start=today + timedelta(days=10),
        end=today + timedelta(days=20),
    )
    f.enrol(world.staff[0], klass, "nominated", nominated_on=today)
    f.enrol(world.staff[1], klass, "accepted", nominated_on=today, decided_on=today)
    db.session.commit()
    plan_id, class_id = plan.id, klass.id

    found: dict[str, list[str]] = {}
    page.goto(live_server + "/login")
    found["sign-in"] = serious_violations(page)

    sign_in(page, live_server, users.head_a.email, users.password)
    found["dashboard (unit head)"] = serious_violations(page)
    page.goto(live_server + "/staff/")
    page.get_by_text("Nguyễn Văn An").first.wait_for()
    found["staff list"] = serious_violations(page)
    page.goto(f"{live_server}/plans/{plan_id}")
    page.get_by_text("Thạc sĩ kinh tế").first.wait_for()
    page.locator("#findings").wait_for()
    found["plan (draft)"] = serious_violations(page)
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in(page, live_server, users.centre_1.email, users.password)
    page.goto(f"{live_server}/classes/{class_id}")
    page.locator("table.roster tr", has_text="Nguyễn Văn An").wait_for()
    found["class roster (centre)"] = serious_violations(page)

    report = {name: lines for name, lines in found.items() if lines}
    assert not report, "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in report.items())


def test_the_check_sees_a_field_without_a_label(axe_page, live_server, db):
    """The harness finds what it is there for: a text field nobody can name is a critical one."""
    page = axe_page
    page.goto(live_server + "/login")
    page.evaluate("document.querySelector('form').insertAdjacentHTML('beforeend', '<input type=text>')")
    found = serious_violations(page)
    assert any(line.startswith("critical label:") for line in found), found
