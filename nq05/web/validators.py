"""Form validators shared by the features."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms.validators import Regexp, ValidationError

#: a code of the bundle files (units, people, programmes...): letters without marks, digits, - _ .
CODE_RULE = Regexp(r"^[A-Za-z0-9_.\-]+$", message=_l("Mã chỉ gồm chữ không dấu, chữ số và các dấu - _ ."))


# A plain syntax check. email-validator refuses special-use domains (.local, .test, .internal),
# which provincial intranets use; nq05 only needs an address its own mail server accepts.
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")


class EmailAddress:
    """The field holds one e-mail address (an empty field is left to Optional/DataRequired)."""

    def __init__(self, message=None):
        self.message = message or _l("Thư điện tử không hợp lệ.")

    def __call__(self, form, field) -> None:
        value = (field.data or "").strip()
        if value and (not _EMAIL.match(value) or ".." in value):
            raise ValidationError(self.message)
