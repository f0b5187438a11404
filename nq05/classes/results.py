"""The words of a class result, and reading them from a form or a spreadsheet cell.

One reading for the roster's result form and the results uploaded from the roster .xlsx: a result
word, a grade word or a score, a date. What is then accepted (dates within the class, the score
within the programme's scale, a certificate only for completed) is decided by
``operations.record_result`` for both.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l

from nq05.domain.codes import GRADES, RESULT_KINDS

RESULT_LABELS = {
    "completed": _l("Hoàn thành"),
    "failed": _l("Không đạt"),
    "unfinished": _l("Không hoàn thành khóa học"),
}
GRADE_LABELS = {
    "excellent": _l("Xuất sắc"),
    "good": _l("Giỏi"),
    "fair": _l("Khá"),
    "average": _l("Trung bình"),
}
#: the Vietnamese words, whatever the user's language (a spreadsheet filled in Vietnamese)
_RESULT_WORDS = {"hoàn thành": "completed", "không đạt": "failed", "không hoàn thành khóa học": "unfinished"}
_GRADE_WORDS = {"xuất sắc": "excellent", "giỏi": "good", "khá": "fair", "trung bình": "average"}
_NUMBER = re.compile(r"^[0-9]+([.,][0-9]{1,2})?$")


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).strip().lower().split())


def result_label(code: str | None) -> str:
    return str(RESULT_LABELS[code]) if code in RESULT_LABELS else ""


def grade_label(code: str | None) -> str:
    return str(GRADE_LABELS[code]) if code in GRADE_LABELS else ""


def score_text(score) -> str:
    """8.50 -> "8,5"; 9 -> "9" (decimals with a comma)."""
    if score is None:
        return ""
    text = f"{Decimal(score):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def grade_text(enrolment) -> str:
    """What the roster shows in the grade column: the grade word, else the score."""
    return grade_label(enrolment.grade) or score_text(enrolment.score)


def parse_result(value) -> str | None:
    """A result code from a code or a word (Vietnamese, or the user's language); None if unknown."""
    if value in RESULT_KINDS:
        return value
    plain = _plain(value or "")
    if plain in _RESULT_WORDS:
        return _RESULT_WORDS[plain]
    for code, word in RESULT_LABELS.items():
        if plain == _plain(str(word)):
            return code
    return None


def parse_grade(value) -> tuple[str | None, Decimal | None]:
    """(grade, score) from a grade word or a score ("8,5", "8.5", 8.5); (None, None) when empty.

    Raises ValueError on anything else (the caller says which cell or field)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        score = Decimal(str(value))
        if score < 0 or score != score.quantize(Decimal("0.01")):
            raise ValueError(value)
        return None, score
    plain = _plain(value)
    if plain in GRADES:
        return plain, None
    if plain in _GRADE_WORDS:
        return _GRADE_WORDS[plain], None
    for code, word in GRADE_LABELS.items():
        if plain == _plain(str(word)):
            return code, None
    if _NUMBER.match(plain):
        try:
            return None, Decimal(plain.replace(",", "."))
        except InvalidOperation:
            raise ValueError(value) from None
    raise ValueError(value)


def parse_date(value) -> date | None:
    """A date from a spreadsheet cell (a date, or text dd/mm/yyyy); None when empty; ValueError else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(value)
