from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Optional, ValidationError

from nq05.domain.fields import EMAIL, NAME, PASSWORD
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


class ActionForm(Form):
    """A button that posts: CSRF only."""


class UserForm(Form):
    """Admin: create or edit a user, with their role and unit or centre."""

    email = EmailField(
        _l("Thư điện tử"),
        validators=[
            DataRequired(_l("Vui lòng nhập thư điện tử.")),
            FieldRule(EMAIL),
        ],
    )
    full_name = StringField(
        _l("Họ và tên"), validators=[DataRequired(_l("Vui lòng nhập họ và tên.")), FieldRule(NAME)]
    )
    role = SelectField(_l("Vai trò"), validators=[DataRequired()])
    unit_id = SelectField(
        _l("Đơn vị (thủ trưởng đơn vị)"), coerce=lambda v: int(v) if v else None, validate_choice=True
    )
    centre_id = SelectField(
        _l("Cơ sở đào tạo (cán bộ cơ sở đào tạo)"), coerce=lambda v: int(v) if v else None
    )
    active = BooleanField(_l("Đang hoạt động (được đăng nhập)"), default=True)
    password = PasswordField(
        _l("Đặt mật khẩu"),
        validators=[
            Optional(),
            FieldRule(PASSWORD),
        ],
        description=_l("Để trống nếu không đổi. Ít nhất %(n)d ký tự.", n=MIN_PASSWORD),
    )

    def validate_unit_id(self, field):
        if self.role.data == "unit_head" and not field.data:
            raise ValidationError(_l("Thủ trưởng đơn vị phải thuộc một đơn vị."))

    def validate_centre_id(self, field):
        if self.role.data == "centre_staff" and not field.data:
            raise ValidationError(_l("Cán bộ cơ sở đào tạo phải thuộc một cơ sở đào tạo."))
