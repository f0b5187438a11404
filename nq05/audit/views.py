"""The audit log page (admin)."""

from __future__ import annotations

from flask import render_template, request
from sqlalchemy import func, select

from nq05.audit import wording
from nq05.audit.blueprint import bp
from nq05.audit.models import AuditEntry
from nq05.auth.access import require_roles
from nq05.extensions import db


@bp.route("/admin/audit")
@require_roles("admin")
def log():
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    action = request.args.get("action", "").strip()
    object_type = request.args.get("object_type", "").strip()
    if action:
        query = query.where(AuditEntry.action == action)
    if object_type:
        query = query.where(AuditEntry.object_type == object_type)
    page = db.paginate(query, per_page=50)
    actions = db.session.execute(
        select(AuditEntry.action).group_by(AuditEntry.action).order_by(AuditEntry.action)
    ).scalars()
    types = db.session.execute(
        select(AuditEntry.object_type, func.count())
        .group_by(AuditEntry.object_type)
        .order_by(AuditEntry.object_type)
    ).all()
    return render_template(
        "audit/log.html",
        page=page,
        wording=wording,
        names=wording.Names.for_entries(page.items),
        actions=list(actions),
        types=types,
        action=action,
        object_type=object_type,
    )
