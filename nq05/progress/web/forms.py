"""Filter forms of the progress pages (GET forms: the URL is the page's state, no CSRF token)."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.validators import Optional, ValidationError

from nq05.labels import choices, label
from nq05.progress.realism.findings import RULE_CODES
from nq05.web.forms import Form

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
#: years a page may be asked about (the engine's date arithmetic must not leave Python's range)
YEARS = range(1900, 2200)


def parse_day(text: str | None) -> date | None:
    """dd/mm/yyyy (as shown) or yyyy-mm-dd (as in the CLI); None when empty; ValueError when unreadable."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            day = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if day.year in YEARS:
            return day
    raise ValueError(text)


class DayField(StringField):
    """A date typed dd/mm/yyyy; ``data`` is a ``date`` or None."""

    def _value(self) -> str:
        if isinstance(self.data, date):
            return self.data.strftime("%d/%m/%Y")
        return self.raw_data[0] if self.raw_data else ""

    def process_formdata(self, valuelist):
        self.data = None
        if valuelist:
            try:
                self.data = parse_day(valuelist[0])
            except ValueError:
                raise ValueError(_l("Ngày phải viết theo dạng ngày/tháng/năm, ví dụ 01/03/2014.")) from None


class GetForm(Form):
    class Meta:
        csrf = False


class DashboardForm(GetForm):
    period = SelectField(_l("Giai đoạn"), validators=[Optional()])
    year = SelectField(_l("Năm kế hoạch"), validators=[Optional()])
    unit = SelectField(_l("Đơn vị"), validators=[Optional()])
    category = SelectField(_l("Đối tượng"), validators=[Optional()])
    as_of = DayField(_l("Tính đến ngày"), description=_l("ngày/tháng/năm"))

    def fill_choices(self, periods, units, year: int) -> None:
        self.period.choices = [(p.code, p.code) for p in periods]
        years = sorted({y for p in periods for y in range(p.start_date.year, p.end_date.year + 1)} | {year})
        self.year.choices = [(str(y), str(y)) for y in years]
        self.unit.choices = [("", str(_l("Tất cả")))] + [(u.code, f"{u.code} · {u.name}") for u in units]
        self.category.choices = choices("category", blank=str(_l("Tất cả")))


class FindingsForm(GetForm):
    year = SelectField(_l("Năm kế hoạch"), validators=[Optional()])
    severity = SelectField(_l("Mức độ"), validators=[Optional()])
    rule = SelectField(_l("Loại phát hiện"), validators=[Optional()])
    unit = SelectField(_l("Đơn vị"), validators=[Optional()])
    as_of = DayField(_l("Tính đến ngày"), description=_l("ngày/tháng/năm"))

    def fill_choices(self, years, units) -> None:
        everything = str(_l("Tất cả"))
        self.year.choices = [(str(y), str(y)) for y in years]
        self.severity.choices = choices("severity", blank=everything)
        self.rule.choices = [("", everything)] + [(code, label("finding", code)) for code in RULE_CODES]
        self.unit.choices = [("", everything)] + [(u.code, f"{u.code} · {u.name}") for u in units]


class ReportForm(GetForm):
    baseline = DayField(_l("Ngày gốc (mốc so sánh)"), description=_l("ngày/tháng/năm"))
    as_of = DayField(_l("Tính đến ngày"), description=_l("ngày/tháng/năm"))
    period = SelectField(_l("Giai đoạn (chỉ tiêu)"), validators=[Optional()])
    by = SelectField(_l("Chia theo nhóm"), validators=[Optional()])

    def fill_choices(self, periods) -> None:
        self.period.choices = [("", str(_l("Không so với chỉ tiêu")))] + [(p.code, p.code) for p in periods]
        self.by.choices = choices("breakdown", blank=str(_l("Không chia nhóm")))

    def validate_as_of(self, field) -> None:
        if field.data and self.baseline.data and field.data < self.baseline.data:
            raise ValidationError(_l("Ngày tính đến phải sau ngày gốc."))


class RecomputeForm(Form):
    """The admin's "Tính lại" button (the report's choices come as the report form's fields)."""


class RecomputeChoicesForm(GetForm):
    """The dashboard's choices posted with its "Tính lại" (the CSRF token is RecomputeForm's)."""

    as_of = DayField(_l("Tính đến ngày"))
    year = StringField(validators=[Optional()])
    period = StringField(validators=[Optional()])
