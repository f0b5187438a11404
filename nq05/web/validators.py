"""The web side of the shared field rules (nq05.domain.fields): a WTForms validator per rule.

The rule decides what is accepted, for the forms and the bundle import alike; this module only
words its Problems in the user's language (docs/validation.md).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.validators import Regexp, ValidationError

from nq05 import clock
from nq05.domain.fields import Problem

#: Codes typed on the web also keep to these characters (they appear in addresses and file
#: names); a bundle may carry any code the shared CODE rule accepts (docs/validation.md).
CODE_RULE = Regexp(r"^[A-Za-z0-9_.\-]+$", message=_l("Mã chỉ gồm chữ không dấu, chữ số và các dấu - _ ."))

MESSAGES = {
    "control_character": _l("Không được có ký tự điều khiển (%(char)s)."),
    "too_long": _l("Tối đa %(max)s ký tự."),
    "forbidden_character": _l("Không được có ký tự “%(char)s”."),
    "bad_email": _l("Thư điện tử không hợp lệ."),
    "bad_phone": _l("Số điện thoại chỉ gồm chữ số và dấu cách (dấu + ở đầu nếu cần), từ 6 đến 15 chữ số."),
    "password_too_short": _l("Mật khẩu phải có ít nhất %(min)s ký tự."),
    "negative": _l("Giá trị không được âm."),
    "out_of_range": _l("Giá trị phải từ %(min)s đến %(max)s."),
    "date_out_of_range": _l("Ngày phải trong các năm từ %(min)s đến %(max)s."),
    "birth_in_future": _l("Ngày sinh không được sau hôm nay."),
    "birth_too_early": _l("Ngày sinh phải từ năm %(year)s trở đi."),
}


def problem_message(problem: Problem, overrides: dict | None = None) -> str:
    message = (overrides or {}).get(problem.key) or MESSAGES[problem.key]
    return str(message) % problem.params if problem.params else str(message)


class FieldRule:
    """Check the field's value with a shared rule (an empty field is left to Optional/DataRequired).

    ``messages`` replaces the wording of some problems for this field (e.g. ``negative``).
    """

    def __init__(self, rule, **messages):
        self.rule = rule
        self.messages = messages

    def __call__(self, form, field) -> None:
        value = field.data
        if value is None or value == "":
            return
        if isinstance(value, str):
            value = value.strip()
        problem = self.rule.check(value, clock.today()) if _takes_today(self.rule) else self.rule.check(value)
        if problem is not None:
            raise ValidationError(problem_message(problem, self.messages))


def _takes_today(rule) -> bool:
    return getattr(rule, "needs_today", False)
