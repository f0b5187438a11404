"""Forms of the plan pages. Every form that changes a draft carries the plan's lock_version."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional

from nq05.domain.fields import COUNT, YEAR
from nq05.labels import choices
from nq05.web.forms import Form, IntegerField
from nq05.web.validators import FieldRule


class PlanEditForm(Form):
    """Any change to a draft: the version of the plan the page showed."""

    lock_version = HiddenField()

    def lock(self) -> int | None:
        try:
            return int(self.lock_version.data)
        except (TypeError, ValueError):
            return None


class StartPlanForm(Form):
    unit_id = SelectField(_l("Đơn vị lập kế hoạch"), coerce=int)
    year = IntegerField(
        _l("Năm kế hoạch"),
        validators=[
            InputRequired(_l("Hãy nhập năm.")),
            FieldRule(YEAR, negative=_l("Năm không hợp lệ."), out_of_range=_l("Năm không hợp lệ.")),
        ],
    )
    copy_last_year = BooleanField(_l("Sao chép từ kế hoạch có hiệu lực của năm trước"))
    workbook = FileField(
        _l("Hoặc lập từ tệp Excel đã điền (không bắt buộc)"),
        validators=[Optional(), FileAllowed(["xlsx"], _l("Chỉ nhận tệp .xlsx."))],
    )


class LineForm(PlanEditForm):
    programme_id = SelectField(
        _l("Chương trình đào tạo"), coerce=int, validators=[DataRequired(_l("Hãy chọn chương trình."))]
    )
    category = SelectField(_l("Đối tượng"), default="")
    planned_count = IntegerField(
        _l("Số người dự kiến"),
        validators=[
            InputRequired(_l("Hãy nhập số người dự kiến.")),
            FieldRule(COUNT, negative=_l("Số người dự kiến phải là số nguyên từ 0 trở lên.")),
        ],
    )

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.programme_id.choices = [(p.id, p.name) for p in programmes]
        self.category.choices = choices("category", blank=str(_l("Mọi đối tượng")))


class ReturnForm(Form):
    comment = TextAreaField(
        _l("Lý do trả lại (đơn vị sẽ đọc được)"),
        validators=[DataRequired(_l("Khi trả lại kế hoạch phải ghi rõ lý do để đơn vị sửa."))],
    )


class ApproveForm(Form):
    comment = TextAreaField(_l("Ý kiến (không bắt buộc)"), validators=[Optional()])


class ActionForm(Form):
    """A button that posts (submit, supplement, approve several): CSRF only."""


class UploadForm(PlanEditForm):
    workbook = FileField(
        _l("Tệp Excel (.xlsx) đã điền"),
        validators=[FileRequired(_l("Hãy chọn tệp.")), FileAllowed(["xlsx"], _l("Chỉ nhận tệp .xlsx."))],
    )


class DistrictReturnForm(Form):
    comment = TextAreaField(
        _l("Lý do trả lại (xã sẽ đọc được)"),
        validators=[DataRequired(_l("Khi trả lại kế hoạch phải ghi rõ lý do để đơn vị sửa."))],
    )


class DistrictReviewForm(Form):
    """The province's setting: whether communes' plans go through their district first."""

    choice = SelectField(
        _l("Xem xét hai cấp (xã trình huyện, huyện chuyển lên Ban Tổ chức)"),
        choices=[
            ("default", _l("Theo mặc định: bật khi các huyện có thủ trưởng")),
            ("on", _l("Bật")),
            ("off", _l("Tắt: xã trình thẳng Ban Tổ chức")),
        ],
    )
