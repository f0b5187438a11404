"""The weekly digest of new plan findings, to the admins:

- findings_digest: each scan notes when every stored realism finding (nq05.progress) was first
  seen; on the first scan of a week the admins get the findings first seen the week before.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from nq05.auth.models import User
from nq05.clock import week_start
from nq05.extensions import db
from nq05.labels import label
from nq05.notify.emails import register_emails, register_kind_names
from nq05.notify.scan import reminder_row, reminder_rule
from nq05.progress.models import SeenFinding, StoredFinding
from nq05.staff.models import Unit

register_kind_names({"findings_digest": _l("Tổng hợp lỗi, cảnh báo, lưu ý trong tuần")})
register_emails({"findings_digest": ("progress/emails/findings_digest", lambda c: "/progress/findings")})


def _finding_key(row) -> str:
    parts = (row.year, row.code, row.unit_code, row.programme, row.category, row.person, row.class_code)
    return "|".join("" if p is None else str(p) for p in parts)[:400]


def _finding_text(row) -> str:
    finding = label("finding", row.code)
    details = ", ".join(str(x) for x in (row.programme, row.person_name, row.class_code) if x)
    if details:
        return _("%(finding)s (năm %(year)s, %(details)s)", finding=finding, year=row.year, details=details)
    return _("%(finding)s (năm %(year)s)", finding=finding, year=row.year)


def note_findings(today: date) -> list:
    """Remember when each stored realism finding was first seen; the findings stored now."""
    rows = db.session.execute(
        select(
            StoredFinding.year,
            StoredFinding.code,
            StoredFinding.unit_code,
            StoredFinding.programme,
            StoredFinding.category,
            StoredFinding.person,
            StoredFinding.person_name,
            StoredFinding.class_code,
        ).order_by(StoredFinding.unit_code, StoredFinding.position)
    ).all()
    keys = sorted({_finding_key(r) for r in rows})
    conn = db.session.connection()
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    for start in range(0, len(keys), 500):
        values = [{"key": k, "first_seen": today} for k in keys[start : start + 500]]
        conn.execute(
            dialect.insert(SeenFinding.__table__)
            .values(values)
            .on_conflict_do_nothing(index_elements=["key"])
        )
    return rows


@reminder_rule
def findings_digest(today: date) -> list[dict]:
    """Once a week, to the admins: the stored findings first seen during the week before."""
    rows = note_findings(today)
    if not rows:
        return []
    week = week_start(today)
    new_keys = set(
        db.session.scalars(
            select(SeenFinding.key).where(
                SeenFinding.first_seen >= week - timedelta(days=7), SeenFinding.first_seen < week
            )
        )
    )
    fresh = [r for r in rows if _finding_key(r) in new_keys]
    if not fresh:
        return []
    codes = {r.unit_code for r in fresh[:50] if r.unit_code}
    names = (
        dict(db.session.execute(select(Unit.code, Unit.name).where(Unit.code.in_(codes))).all())
        if codes
        else {}
    )
    # the unit's name, as a reader knows it; a finding of no unit is the province's
    items = [
        {
            "unit": names.get(r.unit_code, r.unit_code) if r.unit_code else "Toàn tỉnh",
            "text": _finding_text(r),
        }
        for r in fresh[:50]
    ]
    admins = db.session.scalars(select(User.email).where(User.role == "admin", User.active.is_(True))).all()
    return [
        reminder_row("findings_digest", 0, email, week, count=len(fresh), items=items) for email in admins
    ]
