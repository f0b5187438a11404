"""Forms for staff records; every rule a user can break is checked here or in operations.py."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError

from nq05 import clock
from nq05.domain.fields import BIRTH_DATE, CODE, EMAIL, NAME, SHORT_TEXT
from nq05.domain.levels import TRACK_LEVELS, TRACKS
from nq05.labels import choices, level_label, qualification_choices
from nq05.web.forms import DateField, Form, code_field, name_field
from nq05.web.validators import CODE_RULE, FieldRule


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


def not_in_future(form, field):
    if field.data and field.data > clock.today():
        raise ValidationError(_l("Ngày không được sau hôm nay."))


class PersonForm(Form):
    code = StringField(
        _l("Mã cán bộ"),
        validators=[DataRequired(_l("Vui lòng nhập mã cán bộ.")), FieldRule(CODE), CODE_RULE],
        description=_l("Số hiệu cán bộ, công chức; dùng trong tệp trao đổi dữ liệu."),
    )
    full_name = StringField(
        _l("Họ và tên"), validators=[DataRequired(_l("Vui lòng nhập họ và tên.")), FieldRule(NAME)]
    )
    gender = SelectField(_l("Giới tính"), validators=[DataRequired(_l("Vui lòng chọn giới tính."))])
    birth_date = DateField(
        _l("Ngày sinh"),
        validators=[InputRequired(_l("Vui lòng nhập ngày sinh hợp lệ.")), FieldRule(BIRTH_DATE)],
    )
    ethnicity = StringField(_l("Dân tộc"), validators=[Optional(), FieldRule(SHORT_TEXT)])
    email = EmailField(_l("Thư điện tử"), validators=[Optional(), FieldRule(EMAIL)])
    planned_position_id = SelectField(_l("Chức danh quy hoạch"), coerce=_optional_int)

    def __init__(self, *args, positions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.gender.choices = [("", "—")] + choices("gender")
        self.planned_position_id.choices = [("", _l("— Chưa quy hoạch —"))] + list(positions)


def _assignment_fields(cls):
    """Add the fields shared by the assignment form and a new person's first assignment."""
    cls.unit_id = SelectField(
        _l("Đơn vị"), coerce=_optional_int, validators=[InputRequired(_l("Vui lòng chọn đơn vị."))]
    )
    cls.category = SelectField(_l("Đối tượng"), validators=[DataRequired(_l("Vui lòng chọn đối tượng."))])
    cls.position_id = SelectField(
        _l("Chức danh"), coerce=_optional_int, validators=[InputRequired(_l("Vui lòng chọn chức danh."))]
    )
    cls.start_date = DateField(
        _l("Từ ngày"), validators=[InputRequired(_l("Vui lòng nhập ngày bắt đầu hợp lệ."))]
    )
    return cls


@_assignment_fields
class AssignmentForm(Form):
    end_date = DateField(
        _l("Đến ngày"),
        validators=[Optional()],
        description=_l("Để trống nếu vẫn đang giữ chức danh này."),
    )

    def __init__(self, *args, units=(), positions=(), **kwargs):
        super().__init__(*args, **kwargs)
        fill_assignment_choices(self, units, positions)

    def validate_end_date(self, field):
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("Ngày kết thúc phải từ ngày bắt đầu trở đi."))


@_assignment_fields
class NewPersonForm(PersonForm):
    """A new person comes with their first assignment, so they always belong to a unit."""

    def __init__(self, *args, units=(), positions=(), **kwargs):
        super().__init__(*args, positions=positions, **kwargs)
        fill_assignment_choices(self, units, positions)


def fill_assignment_choices(form, units, positions) -> None:
    form.unit_id.choices = [("", "—")] + list(units)
    form.position_id.choices = [("", "—")] + list(positions)
    form.category.choices = [("", "—")] + choices("category")


class QualificationForm(Form):
    qualification = SelectField(_l("Trình độ"), validators=[DataRequired(_l("Vui lòng chọn trình độ."))])
    awarded_on = DateField(
        _l("Ngày cấp bằng, chứng chỉ"),
        validators=[Optional(), not_in_future],
        description=_l("Để trống nếu không rõ: trình độ được tính là đã có từ trước."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.qualification.choices = qualification_choices()

    @property
    def track_level(self) -> tuple[str, str]:
        track, _, level = (self.qualification.data or "").partition(":")
        return track, level

    def validate_qualification(self, field):
        track, level = self.track_level
        if level not in TRACK_LEVELS.get(track, ()):
            raise ValidationError(_l("Trình độ không hợp lệ."))


class StaffFilterForm(Form):
    """The staff list's filters (GET, no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    q = StringField(_l("Tìm theo tên hoặc mã"))
    unit = SelectField(_l("Đơn vị"), coerce=_optional_int, validate_choice=False)
    only = BooleanField(_l("Chỉ đơn vị này, không gồm đơn vị trực thuộc"))
    category = SelectField(_l("Đối tượng"), validate_choice=False)
    edu = SelectField(_l("Học vấn"), validate_choice=False)
    pro = SelectField(_l("Chuyên môn"), validate_choice=False)
    pol = SelectField(_l("Lý luận chính trị"), validate_choice=False)
    sm = SelectField(_l("Quản lý nhà nước"), validate_choice=False)
    below = BooleanField(_l("Chưa đạt chuẩn chức danh"))
    planned = BooleanField(_l("Có chức danh quy hoạch"))
    former = BooleanField(_l("Gồm cả người đã thôi công tác"))

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        all_ = str(_l("Tất cả"))
        self.unit.choices = [("", all_)] + list(units)
        self.category.choices = [("", all_)] + choices("category")
        for track in TRACKS:
            getattr(self, track).choices = [("", all_)] + [
                (lv, level_label(track, lv)) for lv in TRACK_LEVELS[track]
            ]


class UnitForm(Form):
    code = code_field()
    name = name_field()
    level = SelectField(_l("Cấp"), validators=[DataRequired(_l("Vui lòng chọn cấp."))])
    parent_id = SelectField(_l("Đơn vị cấp trên"), coerce=_optional_int)

    def __init__(self, *args, parents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.level.choices = choices("unit_level")
        self.parent_id.choices = [("", _l("— Không có —"))] + list(parents)
