"""The progress report's indicators: the admin lists, adds, edits and deletes them, with the
import's rule (a level or a programme, not both), an audit entry and a recompute of everything."""

from __future__ import annotations

import html

from sqlalchemy import select

from nq05.audit.models import AuditEntry
from nq05.notify.models import ALL_UNITS, RecomputeRequest
from nq05.reference.models import Indicator
from tests import factories as f
from tests.web.helpers import login


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_admin_adds_edits_and_deletes_an_indicator(client, db, users):
    programme = f.programme(
        code="NQ05", name="Học tập Nghị quyết 05", kind="refresher", track=None, level=None
    )
    db.session.commit()
    db.session.execute(RecomputeRequest.__table__.delete())
    db.session.commit()
    login(client, users.admin)
    assert 'value="1"' in text(client.get("/admin/indicators/new"))  # the next place in the report
    data = {"position": "1", "category": "COMM_CIVIL", "level": "edu:upper_secondary", "programme_id": ""}
    assert client.post("/admin/indicators/new", data=data).status_code == 302
    data2 = {"position": "2", "category": "", "level": "", "programme_id": str(programme.id)}
    assert client.post("/admin/indicators/new", data=data2).status_code == 302
    page = text(client.get("/admin/indicators"))
    assert "Công chức cấp xã" in page and "Đã học xong: Học tập Nghị quyết 05" in page
    assert set(db.session.scalars(select(RecomputeRequest.unit_code))) == {ALL_UNITS}
    first = db.session.scalars(select(Indicator).order_by(Indicator.position)).first()
    assert (first.category, first.track, first.min_level, first.programme_id) == (
        "COMM_CIVIL",
        "edu",
        "upper_secondary",
        None,
    )
    assert client.post(f"/admin/indicators/{first.id}", data={**data, "position": "3"}).status_code == 302
    assert client.post(f"/admin/indicators/{first.id}/delete").status_code == 302
    assert db.session.query(Indicator).count() == 1
    actions = list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == ["indicator.create", "indicator.create", "indicator.update", "indicator.delete"]


def test_an_indicator_needs_a_level_or_a_programme_not_both(client, db, users):
    programme = f.programme(
        code="NQ05", name="Học tập Nghị quyết 05", kind="refresher", track=None, level=None
    )
    db.session.commit()
    login(client, users.admin)
    message = "Chọn một trình độ tối thiểu hoặc một chương trình (không chọn cả hai)."
    both = {"position": "1", "category": "", "level": "pro:bachelor", "programme_id": str(programme.id)}
    neither = {"position": "1", "category": "", "level": "", "programme_id": ""}
    for data in (both, neither):
        assert message in text(client.post("/admin/indicators/new", data=data))
    assert "Trình độ không hợp lệ." in text(
        client.post("/admin/indicators/new", data={**neither, "level": "pro:giao_su"})
    )
    assert db.session.query(Indicator).count() == 0


def test_indicators_are_the_admins(client, db, users):
    indicator = f.indicator(1, track="pro", min_level="bachelor")
    db.session.commit()
    for who in (users.head_a, users.centre_1):
        login(client, who)
        assert client.get("/admin/indicators").status_code == 403
        assert client.post(f"/admin/indicators/{indicator.id}/delete").status_code == 403
    assert db.session.query(Indicator).count() == 1
