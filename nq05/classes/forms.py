"""Forms of classes and rosters (Vietnamese labels; English in the feature's catalog)."""

from __future__ import annotations

import re
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from nq05.classes.results import RESULT_LABELS, parse_grade
from nq05.classes.sessions import MONDAY_TO_FRIDAY, Pattern, days_of_pattern
from nq05.domain.fields import CODE, COUNT, NAME, SHORT_TEXT
from nq05.web.forms import DateField, Form, IntegerField
from nq05.web.validators import FieldRule


def parse_days(text: str) -> list[date]:
    """Dates written dd/mm/yyyy or yyyy-mm-dd, separated by commas, spaces or lines."""
    days = []
    for token in re.split(r"[\s,;]+", text or ""):
        if not token:
            continue
        for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
            try:
                days.append(datetime.strptime(token, fmt).date())
                break
            except ValueError:
                continue
        else:
            raise ValueError(token)
    return sorted(set(days))


def weekdays(start: date, end: date) -> list[date]:
    """Monday to Friday from ``start`` to ``end``, both included, public holidays left out."""
    return days_of_pattern(start, end, MONDAY_TO_FRIDAY).days


WEEKDAY_NAMES = (
    _l("Thứ Hai"),
    _l("Thứ Ba"),
    _l("Thứ Tư"),
    _l("Thứ Năm"),
    _l("Thứ Sáu"),
    _l("Thứ Bảy"),
    _l("Chủ nhật"),
)


class SessionDaysField(TextAreaField):
    """A list of dates in a text area; ``data`` is a list of ``date``."""

    def _value(self) -> str:
        if isinstance(self.data, list):
            return "\n".join(d.strftime("%d/%m/%Y") for d in self.data)
        return self.data or ""

    def process_formdata(self, valuelist):
        if valuelist:
            try:
                self.data = parse_days(valuelist[0])
            except ValueError as bad:
                self.data = []
                raise ValueError(
                    _l("Không đọc được ngày «%(token)s» (viết dd/mm/yyyy).", token=str(bad))
                ) from None


class ScheduleForm(Form):
    """Centre staff: schedule a class of a programme."""

    programme_id = SelectField(
        _l("Chương trình đào tạo"), coerce=int, validators=[DataRequired(_l("Vui lòng chọn chương trình."))]
    )
    centre_id = SelectField(
        _l("Cơ sở đào tạo"), coerce=int, validators=[DataRequired(_l("Vui lòng chọn cơ sở đào tạo."))]
    )
    code = StringField(
        _l("Mã lớp"),
        validators=[Optional(), FieldRule(CODE)],
        description=_l("Để trống để tự đặt theo mã chương trình và năm."),
    )
    start_date = DateField(
        _l("Ngày khai giảng"), validators=[InputRequired(_l("Vui lòng nhập ngày khai giảng."))]
    )
    end_date = DateField(_l("Ngày kết thúc"), validators=[InputRequired(_l("Vui lòng nhập ngày kết thúc."))])
    capacity = IntegerField(
        _l("Số chỗ"),
        validators=[
            InputRequired(_l("Vui lòng nhập số chỗ.")),
            FieldRule(COUNT, negative=_l("Số chỗ không được âm.")),
        ],
    )
    enrol_deadline = DateField(
        _l("Hạn cử người"),
        validators=[Optional()],
        description=_l("Ngày cuối đơn vị được cử người; để trống: đến trước ngày khai giảng."),
    )
    place = StringField(_l("Địa điểm"), validators=[Optional(), FieldRule(NAME)])
    fee_per_head = IntegerField(
        _l("Kinh phí mỗi học viên (đồng)"),
        validators=[Optional(), FieldRule(COUNT, negative=_l("Kinh phí mỗi học viên không được âm."))],
    )
    funding_source = StringField(
        _l("Nguồn kinh phí"),
        validators=[Optional(), FieldRule(NAME)],
        description=_l("Ví dụ: ngân sách tỉnh, đơn vị cử đi học chi trả."),
    )
    session_days = SessionDaysField(
        _l("Ngày học (tùy chọn)"),
        description=_l("Mỗi dòng một ngày, dạng dd/mm/yyyy; dùng để điểm danh."),
    )
    every_weekday = BooleanField(_l("Học tất cả các ngày thứ Hai đến thứ Sáu"))

    def validate_end_date(self, field):
        if self.start_date.data and field.data and field.data < self.start_date.data:
            raise ValidationError(_l("Ngày kết thúc phải sau hoặc bằng ngày khai giảng."))

    def validate_enrol_deadline(self, field):
        if self.start_date.data and field.data and field.data > self.start_date.data:
            raise ValidationError(_l("Hạn đăng ký phải trước hoặc bằng ngày khai giảng."))

    def chosen_days(self) -> list[date]:
        if self.every_weekday.data:
            return weekdays(self.start_date.data, self.end_date.data)
        return self.session_days.data or []


class EditClassForm(Form):
    """Centre staff: change a class's dates, seats, deadline or place."""

    start_date = ScheduleForm.start_date
    end_date = ScheduleForm.end_date
    capacity = ScheduleForm.capacity
    enrol_deadline = ScheduleForm.enrol_deadline
    place = ScheduleForm.place
    fee_per_head = ScheduleForm.fee_per_head
    funding_source = ScheduleForm.funding_source

    validate_end_date = ScheduleForm.validate_end_date
    validate_enrol_deadline = ScheduleForm.validate_enrol_deadline


class SessionDaysForm(Form):
    """Centre: a class's session days, typed in or from a weekly pattern between two dates.

    A pattern gives every day it names (no cap) and leaves out public holidays; its dates must lie
    within the class's. ``training_class`` is set by the view before validation."""

    session_days = SessionDaysField(_l("Ngày học"), description=_l("Mỗi dòng một ngày, dạng dd/mm/yyyy."))
    every_weekday = BooleanField(_l("Học tất cả các ngày thứ Hai đến thứ Sáu"))
    pattern = SelectMultipleField(
        _l("Hoặc học theo lịch hằng tuần vào các ngày"),
        coerce=int,
        choices=list(enumerate(WEEKDAY_NAMES)),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        description=_l("Các ngày nghỉ lễ, Tết được bỏ qua."),
    )
    pattern_from = DateField(
        _l("Từ ngày"), validators=[Optional()], description=_l("Để trống: từ ngày khai giảng.")
    )
    pattern_to = DateField(
        _l("Đến ngày"), validators=[Optional()], description=_l("Để trống: đến ngày kết thúc.")
    )

    training_class = None

    def uses_pattern(self) -> bool:
        return bool(self.every_weekday.data or self.pattern.data)

    def validate_pattern_from(self, field):
        c = self.training_class
        if c is not None and field.data and not c.start_date <= field.data <= c.end_date:
            raise ValidationError(_l("Lịch học phải nằm trong thời gian của lớp."))

    def validate_pattern_to(self, field):
        c = self.training_class
        if c is not None and field.data and not c.start_date <= field.data <= c.end_date:
            raise ValidationError(_l("Lịch học phải nằm trong thời gian của lớp."))
        if field.data and self.pattern_from.data and field.data < self.pattern_from.data:
            raise ValidationError(_l("Ngày cuối của lịch học phải sau ngày đầu."))

    def chosen_pattern(self) -> Pattern:
        """The days of the weekly pattern (Monday to Friday when every_weekday is ticked)."""
        c = self.training_class
        start = self.pattern_from.data or c.start_date
        end = self.pattern_to.data or c.end_date
        return days_of_pattern(start, end, MONDAY_TO_FRIDAY if self.every_weekday.data else self.pattern.data)


class TimetableFillForm(Form):
    """Centre: one lecturer and/or room for many session days at once (the days between two dates,
    on the weekdays ticked; none ticked: every day)."""

    lecturer = StringField(_l("Giảng viên"), validators=[Optional(), FieldRule(NAME)])
    room = StringField(_l("Phòng học"), validators=[Optional(), FieldRule(NAME)])
    weekdays = SelectMultipleField(
        _l("Vào các ngày"),
        coerce=int,
        choices=list(enumerate(WEEKDAY_NAMES)),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        description=_l("Không chọn: mọi ngày học."),
    )
    fill_from = DateField(_l("Từ ngày"), validators=[Optional()])
    fill_to = DateField(_l("Đến ngày"), validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not (self.lecturer.data or "").strip() and not (self.room.data or "").strip():
            self.form_errors.append(_l("Cần ghi giảng viên hoặc phòng học."))
            return False
        return valid

    def days(self, session_days) -> list:
        """The session days the fill applies to."""
        wanted = set(self.weekdays.data or range(7))
        return [
            s
            for s in session_days
            if s.day.weekday() in wanted
            and (self.fill_from.data is None or s.day >= self.fill_from.data)
            and (self.fill_to.data is None or s.day <= self.fill_to.data)
        ]


class DecisionForm(Form):
    """Centre: accept, waitlist or reject one nomination (a reason is required to reject)."""

    decision = HiddenField(validators=[DataRequired()])
    reason = StringField(_l("Lý do từ chối"), validators=[Optional(), Length(max=1000)])

    def validate_decision(self, field):
        if field.data not in ("accept", "waitlist", "reject"):
            raise ValidationError(_l("Quyết định không hợp lệ."))
        if field.data == "reject" and not (self.reason.data or "").strip():
            self.reason.errors = [*self.reason.errors, _l("Cần ghi lý do từ chối.")]
            raise ValidationError(_l("Cần ghi lý do từ chối."))


class BulkDecisionForm(Form):
    """Centre: one decision for the rows ticked on the roster, or for everyone still nominated."""

    decision = SelectField(
        _l("Quyết định"),
        choices=[
            ("accept", _l("Nhận")),
            ("waitlist", _l("Đưa vào danh sách chờ")),
            ("reject", _l("Từ chối")),
        ],
    )
    reason = StringField(_l("Lý do từ chối"), validators=[Optional(), Length(max=1000)])
    #: "selected": the ticked rows; "nominated": everyone still nominated
    scope = HiddenField(default="selected")

    def validate_reason(self, field):
        if self.decision.data == "reject" and not (field.data or "").strip():
            raise ValidationError(_l("Cần ghi lý do từ chối."))


class ResultForm(Form):
    """Centre: the result of one person (a first result, or a correction with its reason)."""

    result = SelectField(_l("Kết quả"), choices=list(RESULT_LABELS.items()))
    on = DateField(_l("Ngày có kết quả"), validators=[InputRequired(_l("Cần ghi ngày có kết quả."))])
    grade = StringField(
        _l("Xếp loại hoặc điểm"),
        validators=[Optional(), Length(max=16)],
        description=_l("Xuất sắc, giỏi, khá, trung bình, hoặc điểm theo thang điểm của chương trình."),
    )
    certificate_no = StringField(_l("Số chứng chỉ, văn bằng"), validators=[Optional(), FieldRule(SHORT_TEXT)])
    certificate_on = DateField(_l("Ngày cấp"), validators=[Optional()])
    reason = StringField(_l("Lý do sửa"), validators=[Optional(), Length(max=1000)])
    confirm_low_attendance = BooleanField(_l("Vẫn ghi hoàn thành dù tỷ lệ chuyên cần thấp hơn mức tối thiểu"))

    def validate_grade(self, field):
        try:
            self.grade_and_score = parse_grade(field.data)
        except ValueError:
            raise ValidationError(
                _l(
                    "Xếp loại «%(value)s» không hợp lệ: ghi xuất sắc, giỏi, khá, trung bình hoặc một điểm số.",
                    value=field.data,
                )
            ) from None


class ResultsUploadForm(Form):
    """Centre: the roster .xlsx with the result columns filled in."""

    workbook = FileField(
        _l("Tệp danh sách đã điền kết quả (.xlsx)"),
        validators=[
            FileRequired(_l("Hãy chọn tệp .xlsx.")),
            FileAllowed(["xlsx"], _l("Chỉ nhận tệp .xlsx.")),
        ],
    )
    confirm_low_attendance = BooleanField(
        _l("Vẫn ghi hoàn thành cho người có tỷ lệ chuyên cần thấp hơn mức tối thiểu")
    )


class NominateForm(Form):
    """Unit head: the people to nominate (ticked in the picker)."""

    person_ids = SelectMultipleField(_l("Người được cử"), coerce=int)


class ActionForm(Form):
    """A button that changes something (publish, withdraw): only the CSRF token."""
