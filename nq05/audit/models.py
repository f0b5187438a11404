from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nq05.extensions import db


class AuditEntry(db.Model):
    """One change to a record: who did it, when, to what, and the details of the change."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        Index("ix_audit_entries_object", "object_type", "object_id"),
        Index("ix_audit_entries_unit_at", "unit_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: when the change was made (UTC)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    #: who made it (None: the command line or a background task)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    #: the user's e-mail at that time, kept if the user is removed
    user_email: Mapped[str | None] = mapped_column(String(255))
    #: what was done, e.g. person.create, qualification.add, plan.submit
    action: Mapped[str] = mapped_column(String(64), index=True)
    #: the kind of record changed: its table name (people, qualifications, plans, ...)
    object_type: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[int | None] = mapped_column(Integer)
    #: a human-readable name of the record at that time (a person's name, a plan's year)
    object_label: Mapped[str | None] = mapped_column(String(255))
    #: the unit the record belongs to, so the log can be filtered by unit (no foreign key: the
    #: log outlives the records it talks about)
    unit_id: Mapped[int | None] = mapped_column(Integer)
    #: what changed: {"field": [old, new], ...} or any facts worth keeping
    details: Mapped[dict | None] = mapped_column(JSON)

    user = relationship("User")
