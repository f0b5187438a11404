"""Sign-in and changing one's own password."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, HiddenField, PasswordField
from wtforms.validators import DataRequired, EqualTo

from nq05.domain.fields import PASSWORD
from nq05.web.forms import Form
from nq05.web.validators import FieldRule

#: shortest password accepted (the same rule checks users.csv passwords)
MIN_PASSWORD = PASSWORD.min_length


class LoginForm(Form):
    email = EmailField(_l("Thư điện tử"), validators=[DataRequired(_l("Vui lòng nhập thư điện tử."))])
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired(_l("Vui lòng nhập mật khẩu."))])
    remember = BooleanField(_l("Ghi nhớ đăng nhập trên máy này"))
    next = HiddenField()


def _new_password_field(label):
    return PasswordField(
        label,
        validators=[
            DataRequired(_l("Vui lòng nhập mật khẩu mới.")),
            FieldRule(PASSWORD),
        ],
        description=_l("Ít nhất %(n)d ký tự.", n=MIN_PASSWORD),
    )


class ChangePasswordForm(Form):
    current = PasswordField(
        _l("Mật khẩu hiện tại"), validators=[DataRequired(_l("Vui lòng nhập mật khẩu hiện tại."))]
    )
    new = _new_password_field(_l("Mật khẩu mới"))
    confirm = PasswordField(
        _l("Nhập lại mật khẩu mới"),
        validators=[EqualTo("new", message=_l("Hai lần nhập mật khẩu mới không khớp."))],
    )
