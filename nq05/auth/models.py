from __future__ import annotations

import secrets
import time
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from nq05.db_types import one_of
from nq05.domain.codes import ROLES
from nq05.extensions import db


class User(UserMixin, db.Model):
    """Someone who signs in: an admin, a unit head (of one unit) or a centre's staff (of one centre)."""

    __tablename__ = "users"
    __table_args__ = (
        one_of("role", ROLES, "role"),
        CheckConstraint("role <> 'unit_head' OR unit_id IS NOT NULL", name="unit_head_has_unit"),
        CheckConstraint("role <> 'centre_staff' OR centre_id IS NOT NULL", name="centre_staff_has_centre"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    full_name: Mapped[str] = mapped_column(String(255))
    #: admin | unit_head | centre_staff
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centres.id"), index=True)
    #: None until a password is set: such a user cannot sign in
    password_hash: Mapped[str | None] = mapped_column(String(255))
    #: a deactivated user cannot sign in
    active: Mapped[bool] = mapped_column(default=True)
    #: part of every session and remember cookie of the user; a new value ends them all
    #: (sign-out, password change, deactivation, "sign out everywhere": nq05.auth.sessions)
    session_token: Mapped[str] = mapped_column(String(32), default=lambda: secrets.token_hex(16))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    unit = relationship("Unit")
    centre = relationship("Centre")

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and the remember cookie: this sign-in's id,
        ``<user id>:<session token>:<signed in at>`` (checked by nq05.auth.sessions)."""
        return f"{self.id}:{self.session_token}:{int(time.time())}"

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)
