"""The scan test (issue 13): the demo province's pages speak the glossary's Vietnamese.

Every GET page the route sweep visits (the rules come from ``app.url_map``; each URL parameter is
filled with a record the role may see; a few list pages once more with their filters set), as
each role of the demo (the admin, a unit head, a district head, a training centre's staff), in
Vietnamese. A page fails on visible text that holds

- a code of the domain: categories, programmes, positions, plan, enrolment and reminder statuses,
  result kinds and grades, levels, eligibility reasons, finding codes, reminder kinds, setting keys
  (``nq05/domain/codes.py``, the demo's reference data, ``nq05/labels.py``, the notify registry),
  or any ``snake_case`` / ``dotted.name`` identifier;
- an English word of the catalogs (a word of an English ``msgstr`` that cannot be a Vietnamese
  syllable written without tone marks): an untranslated string, or English inside a msgid;
- the text ``None``;
- a word the glossary says to avoid (``GLOSSARY_AVOID``).

The admin's and the district head's pages are scanned in English too, for codes only.

Visible text is what a reader sees or hears: text nodes outside ``<script>``, ``<style>`` and
``<textarea>`` (a form value), and the attributes a screen reader or a tooltip reads (``title``,
``alt``, ``placeholder``, ``aria-label``, ``data-confirm``). URLs (``href``, ``src``, ``action``)
and form values (``value``, ``name``) may hold codes. ``None`` is refused in any other attribute.

New pages are scanned without new tests; a page needing a URL parameter this test does not know
is reported ("no [...] for <role>": add the parameter to ``_ids``). Known, not yet fixed problems
are listed in ``KNOWN_EXCEPTIONS`` with their reasons; one that is no longer needed fails the test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

from babel.messages.pofile import read_po
from sqlalchemy import select

from nq05.domain import codes
from tests.faults.forms import form_values
from tests.web.helpers import sign_in_session

ROOT = Path(__file__).resolve().parents[2]
DEMO_SCALE = "0.05"
#: the demo's accounts: (role key, e-mail)
ACCOUNTS = {
    "admin": "admin@laichau.example.org",
    "unit_head": "thutruong.so@laichau.example.org",
    "district_head": "thutruong.huyen@laichau.example.org",
    "centre_staff": "daotao.tct@laichau.example.org",
}
#: pages not scanned, with the reason
NOT_PAGES = {
    "auth.logout": "signs out",
    "web.set_language": "switches the language and redirects",
}
#: pages scanned once more with their filters set to codes: what a filter echoes back must be
#: a name too (the filter's value stays in the URL and the select, where codes belong)
FILTERED = {
    "staff.index": {"category": "COMM_CIVIL", "pro": "bachelor", "below": "y"},
    "audit.log": {"action": "plan.approved", "object_type": "plans"},
    "notify.reminders": {"status": "sent", "kind": "plan_returned"},
    "classes.index": {"state": "open", "all": "1"},
    "progress.findings": {"severity": "warning", "rule": "OVER_CAPACITY"},
    "progress.report": {"category": "DIST_CIVIL"},
}
#: attributes read aloud or shown as a tooltip: visible text
SPOKEN_ATTRIBUTES = ("title", "alt", "placeholder", "aria-label", "data-confirm")
#: attributes that may hold codes (URLs, form values); everything else must not say "None"
CODE_ATTRIBUTES = ("href", "src", "action", "value", "name", "id", "for", "class", "data-value")

#: The glossary's "avoid" column (shared/glossary.md) and the calques issue 13 names, where the
#: words cannot mean anything else: phrase -> the glossary's word.
GLOSSARY_AVOID = {
    "phiên bản": "lần; kế hoạch bổ sung, điều chỉnh",
    "bản nháp": "dự thảo",
    "ứng viên": "người được cử đi học",
    "đề cử": "cử đi học",
    "tính khả thi": "tính sát thực tế của kế hoạch",
    "tính thực tế": "tính sát thực tế của kế hoạch",
    "thâm niên": "thời gian công tác",
    "danh sách nguồn": "cán bộ trong quy hoạch",
    "công bố lớp": "thông báo chiêu sinh",
    "tại ngày": "tính đến ngày",
    "hạt giống": "số khởi tạo",
    "như thể": "(a calque)",
    "không được biết": "(a calque)",
}

#: Known exceptions: (endpoint, role key or "*", the kind of problem or the word) that may stay,
#: each with why. Add an entry only with a reason a reviewer accepts, and remove it once fixed.
KNOWN_EXCEPTIONS: dict[tuple[str, str, str], str] = {}


class VisibleText(HTMLParser):
    """The visible text of a page, and the attributes that say ``None``."""

    SKIPPED = ("script", "style", "textarea")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.none_attributes: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in SPOKEN_ATTRIBUTES:
                self.parts.append(value)
            elif name not in CODE_ATTRIBUTES and re.search(r"\bNone\b", value):
                self.none_attributes.append(f'<{tag} {name}="{value}">')
        if tag in self.SKIPPED:
            self._skipping.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in self.SKIPPED:
            self._skipping.pop()

    def handle_endtag(self, tag):
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)

    def text(self) -> str:
        return " ".join(self.parts)


def visible_text(html: str) -> tuple[str, list[str]]:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.text(), parser.none_attributes


#: a word: letters, digits and underscores (codes such as COMM_CIVIL, plan_due_3 stay whole);
#: joined by "-", "/" or "." without a space it is one identifier: a class code SM_PRIN-2016-01
#: or a document number 05-NQ/TU is a name of its own, not a programme or a category code
WORD = re.compile(r"\w+(?:[-/.]\w+)*")
#: a name from the code (snake_case, or an audit action "plan.approved"): no reader's word
IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+$")
#: e-mail addresses and URLs shown as text are addresses, not words
ADDRESS = re.compile(r"\S+@\S+|\w+://\S+")


def words(text: str) -> list[str]:
    return WORD.findall(ADDRESS.sub(" ", text))


def _catalog_entries(path: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of a .po file, plural forms joined."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    pairs = []
    for message in catalog:
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        strs = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        pairs.append((" ".join(ids), " ".join(s or "" for s in strs)))
    return pairs


#: the shape of a Vietnamese syllable written without diacritics (initial, vowels, final): "trong",
#: "cho", "sinh" may be Vietnamese; "plan", "sent", "worker", "none" cannot be
VIETNAMESE_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$"
)
#: names that are the same in both languages: the other language's own name on the switch, the
#: products a page names (the spreadsheet program, the queue's server), file types (.xlsx, .eml)
#: and the keyboard's keys (Ctrl+P)
SAME_IN_BOTH = {"english", "excel", "redis", "xlsx", "eml", "ctrl"}


def english_words() -> set[str]:
    """Words of the English catalogs (msgstr) that cannot be Vietnamese (lower case, 3 letters or
    more). An English word in a Vietnamese msgid is caught as well: it is an English msgstr's word."""
    english = set()
    for po in sorted(ROOT.glob("nq05/**/translations/en/LC_MESSAGES/messages.po")):
        for _msgid, msgstr in _catalog_entries(po):
            english.update(w.lower() for w in words(re.sub(r"%\(\w+\)s|\{\w+\}", " ", msgstr)))
    return {
        w
        for w in english - SAME_IN_BOTH
        if len(w) >= 3 and w.isascii() and w.isalpha() and not VIETNAMESE_SYLLABLE.match(w)
    }


def domain_codes(db) -> dict[str, str]:
    """Every code of the domain a page must not show -> where it comes from."""
    from nq05 import labels
    from nq05.domain.eligibility import REASONS
    from nq05.domain.levels import TRACK_LEVELS
    from nq05.notify.emails import KIND_NAMES, KINDS
    from nq05.notify.models import REMINDER_STATUSES
    from nq05.reference.models import Position, Programme

    found: dict[str, str] = {}

    def add(source, values):
        for value in values:
            found.setdefault(str(value), source)

    add("category", codes.CATEGORIES)
    add("programme kind", codes.PROGRAMME_KINDS)
    add("plan status", codes.PLAN_STATUSES)
    add("enrolment status", codes.ENROLMENT_STATUSES)
    add("result", codes.RESULT_KINDS)
    add("grade", codes.GRADES)
    add("reminder status", REMINDER_STATUSES)
    add("reminder kind", [*KINDS, *KIND_NAMES])
    add("eligibility reason", [*REASONS, *labels.REASON_LABELS])
    add("finding", labels.FINDING_LABELS)
    add("level", {level for levels in TRACK_LEVELS.values() for level in levels} - {"none"})
    add("setting", codes.SETTING_DEFAULTS)
    add("programme", db.session.scalars(select(Programme.code)))
    add("position", db.session.scalars(select(Position.code)))
    return found


@dataclass
class Scan:
    pages: int = 0
    problems: list[str] = field(default_factory=list)


def scan_page(
    html: str, endpoint: str, role: str, code_names: dict, english: set, lang: str = "vi"
) -> list[str]:
    """What is wrong with a page's visible text: one line per kind of word, the words listed once.

    In English a lower-case status code is an English word ("sent", "completed") and "None" the
    translation of a level ("Chưa qua đào tạo"): only the codes a reader could not take for words
    count there (COMM_CIVIL, POL_INT, plan_due_3)."""
    text, none_attributes = visible_text(html)
    found: dict[str, list[str]] = {}
    for word in dict.fromkeys(words(text)):
        if lang == "en" and (word.islower() or word == "None") and "_" not in word:
            continue
        if word == "None":
            kind = "None"
        elif word in code_names:
            kind = f"{code_names[word]} code"
        elif IDENTIFIER.match(word):
            kind = "identifier"
        elif not any(c.isdigit() for c in word) and any(
            part.lower() in english for part in re.split(r"[-/.]", word)
        ):
            kind = "English"
        else:
            continue
        if _excepted(endpoint, role, kind) or _excepted(endpoint, role, word):
            continue
        found.setdefault(kind, []).append(word)
    for phrase, use in GLOSSARY_AVOID.items():
        if re.search(rf"(?<!\w){phrase}(?!\w)", text, re.IGNORECASE):
            kind = f"glossary '{phrase}'"
            if not _excepted(endpoint, role, kind):
                found.setdefault(f"{kind} (use: {use})", []).append(phrase)
    problems = [f"attribute {a}" for a in none_attributes]
    for kind, found_words in found.items():
        problems.append(f"{kind} {found_words[:8]} (…{_context(text, found_words[0])}…)")
    return problems


#: the exceptions the scan met (an exception nothing needs any more must go)
USED_EXCEPTIONS: set[tuple[str, str, str]] = set()


def _excepted(endpoint: str, role: str, what: str) -> bool:
    for key in ((endpoint, role, what), (endpoint, "*", what)):
        if key in KNOWN_EXCEPTIONS:
            USED_EXCEPTIONS.add(key)
            return True
    return False


def _context(text: str, word: str) -> str:
    match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
    start = max(0, match.start() - 40) if match else 0
    return " ".join(text[start : start + 100].split())


# --- the demo world -------------------------------------------------------------------------


def build_demo(app, client, db):
    """The demo at its smallest scale, its stored findings, the reminders of the first scan (sent
    once), and decisions made through the pages as their users would, which leave audit entries,
    plan events and notices: a plan returned with a comment and one approved, a person's name and
    a setting changed, next year's draft plan, a nomination accepted, the classes' session days."""
    from nq05.auth.models import User
    from nq05.classes.models import Enrolment, SessionDay, TrainingClass
    from nq05.plans.models import Plan
    from nq05.staff.models import Assignment

    runner = app.test_cli_runner()
    for args in (["demo", "--scale", DEMO_SCALE], ["recompute"]):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
    users = {
        role: db.session.scalar(select(User).where(User.email == email)) for role, email in ACCOUNTS.items()
    }

    def post(role, url, data=None, from_page=False):
        sign_in_session(client, users[role])
        values = form_values(client.get(url).get_data(as_text=True), url) if from_page else {}
        response = client.post(url, data={**values, **(data or {})})
        assert response.status_code in (200, 302), (url, response.status_code)
        return response

    submitted = db.session.scalars(select(Plan.id).where(Plan.status == "submitted").order_by(Plan.id)).all()
    post("admin", f"/plans/{submitted[0]}/return", {"return-comment": "Thiếu tên người được cử."})
    post("admin", f"/plans/{submitted[1]}/approve", {"approve-comment": "Đồng ý."})
    post("admin", "/admin/settings", {"stale_grace_days": "45"}, from_page=True)
    district = users["district_head"]
    person_id = db.session.scalar(
        select(Assignment.person_id).where(Assignment.unit_id == district.unit_id).order_by(Assignment.id)
    )
    post("district_head", f"/staff/{person_id}/edit", {"full_name": "Lò Văn Sửa"}, from_page=True)
    # next year's plan as a draft (a copy of this year's), so the plan's editing forms are scanned
    post("district_head", "/plans/start", {"unit_id": district.unit_id, "year": 2017, "copy_last_year": "y"})
    nominated = db.session.execute(
        select(Enrolment.class_id, Enrolment.id)
        .join(TrainingClass, TrainingClass.id == Enrolment.class_id)
        .where(Enrolment.status == "nominated", TrainingClass.centre_id == users["centre_staff"].centre_id)
        .order_by(Enrolment.id)
    ).first()
    if nominated is not None:
        post(
            "centre_staff",
            f"/classes/{nominated[0]}/enrolments/{nominated[1]}/decision",
            {"decision": "accept"},
        )
    for class_id, start in db.session.execute(select(TrainingClass.id, TrainingClass.start_date)).all():
        db.session.add(SessionDay(class_id=class_id, day=start, topic="Khai giảng", room="Hội trường A"))
    db.session.commit()
    for args in (["notify", "scan"], ["notify", "send"]):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
    db.session.remove()


def _ids(db, role: str, user) -> dict[str, int]:
    """URL parameter -> a record ``role`` may see (the first such record)."""
    from nq05.auth.models import User
    from nq05.classes.models import Enrolment, SessionDay, TrainingClass
    from nq05.notify.models import Reminder
    from nq05.plans.models import Plan, PlanLine, PlanNominee
    from nq05.reference.models import Centre, Indicator, Period, Position, Programme, Target
    from nq05.staff.models import Assignment, Qualification

    first = db.session.scalar
    if role == "centre_staff":
        klass = first(
            select(TrainingClass)
            .join(Enrolment, Enrolment.class_id == TrainingClass.id)
            .where(TrainingClass.centre_id == user.centre_id)
            .order_by(TrainingClass.id.desc())
        )
        person_id = first(
            select(Enrolment.person_id).where(Enrolment.class_id == klass.id).order_by(Enrolment.id)
        )
        unit_id = first(select(Assignment.unit_id).where(Assignment.person_id == person_id))
    else:
        unit_id = user.unit_id if user.unit_id else first(select(Plan.unit_id).order_by(Plan.id))
        klass = first(
            select(TrainingClass)
            .join(Enrolment, Enrolment.class_id == TrainingClass.id)
            .join(Assignment, Assignment.person_id == Enrolment.person_id)
            .where(
                Assignment.unit_id == unit_id,
                Assignment.end_date.is_(None),
                TrainingClass.is_published.is_(True),
            )
            .order_by(TrainingClass.id.desc())
        )
        person_id = first(
            select(Enrolment.person_id)
            .join(Assignment, Assignment.person_id == Enrolment.person_id)
            .where(
                Enrolment.class_id == klass.id, Assignment.unit_id == unit_id, Assignment.end_date.is_(None)
            )
            .order_by(Enrolment.id)
        )
    plan_id = first(select(Plan.id).where(Plan.unit_id == unit_id).order_by(Plan.year.desc(), Plan.id.desc()))
    line_id = first(
        select(PlanLine.id)
        .join(PlanNominee, PlanNominee.line_id == PlanLine.id, isouter=True)
        .where(PlanLine.plan_id == plan_id)
        .order_by(PlanNominee.id.is_(None), PlanLine.id)
    )
    period_id = first(select(Period.id).order_by(Period.id))
    return {
        "person_id": person_id,
        "assignment_id": first(
            select(Assignment.id)
            .where(Assignment.person_id == person_id)
            .order_by(Assignment.end_date.is_(None).desc())
        ),
        "qualification_id": first(select(Qualification.id).where(Qualification.person_id == person_id)),
        "unit_id": unit_id,
        "plan_id": plan_id,
        "line_id": line_id,
        "nominee_id": first(select(PlanNominee.id).where(PlanNominee.line_id == line_id)),
        "class_id": klass.id,
        "enrolment_id": first(
            select(Enrolment.id).where(Enrolment.class_id == klass.id, Enrolment.person_id == person_id)
        ),
        "day_id": first(select(SessionDay.id).where(SessionDay.class_id == klass.id).order_by(SessionDay.id)),
        "centre_id": klass.centre_id if role != "admin" else first(select(Centre.id).order_by(Centre.id)),
        "user_id": first(select(User.id).where(User.role == "unit_head").order_by(User.id)),
        "reminder_id": first(select(Reminder.id).order_by(Reminder.id)),
        "period_id": period_id,
        "target_id": first(select(Target.id).where(Target.period_id == period_id).order_by(Target.id)),
        "indicator_id": first(select(Indicator.id).order_by(Indicator.id)),
        "position_id": first(select(Position.id).order_by(Position.id)),
        "programme_id": first(select(Programme.id).order_by(Programme.id)),
    }


def _get_rules(app):
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        if rule.endpoint in NOT_PAGES:
            continue
        yield rule


def scan_role(app, client, db, role: str, code_names: dict, english: set, lang: str = "vi") -> Scan:
    """Every page as ``role`` in ``lang``; in English only codes, identifiers and None count."""
    from nq05.auth.models import User

    client.set_cookie("lang", lang)

    user = db.session.scalar(select(User).where(User.email == ACCOUNTS[role]))
    ids = _ids(db, role, user)
    found = Scan()
    for rule in _get_rules(app):
        missing = [name for name in rule.arguments if ids.get(name) is None]
        if missing:
            found.problems.append(f"{rule.rule} ({rule.endpoint}): no {missing} for {role}")
            continue
        url = rule.build({name: ids[name] for name in rule.arguments}, append_unknown=False)[1]
        urls = [url]
        if rule.endpoint in FILTERED:
            urls.append(url + "?" + urlencode(FILTERED[rule.endpoint]))
        for url in urls:
            sign_in_session(client, user)
            response = client.get(url)
            if response.status_code != 200 or response.mimetype != "text/html":
                continue
            found.pages += 1
            for problem in scan_page(
                response.get_data(as_text=True), rule.endpoint, role, code_names, english, lang
            ):
                found.problems.append(f"{url} ({rule.endpoint}) as {role} ({lang}): {problem}")
    client.delete_cookie("lang")
    return found


def test_the_demo_pages_speak_the_glossary(app, client, db):
    build_demo(app, client, db)
    code_names, english = domain_codes(db), english_words()
    USED_EXCEPTIONS.clear()
    problems, pages = [], {}
    for role in ACCOUNTS:
        found = scan_role(app, client, db, role, code_names, english)
        pages[role] = found.pages
        problems += found.problems
    # the English pages show names, not codes, either (their English words are the point)
    for role in ("admin", "district_head"):
        problems += scan_role(app, client, db, role, code_names, set(), lang="en").problems
    assert all(count >= 10 for count in pages.values()), pages
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
    assert set(KNOWN_EXCEPTIONS) == USED_EXCEPTIONS, (
        f"no longer needed: {set(KNOWN_EXCEPTIONS) - USED_EXCEPTIONS}"
    )


def test_the_scan_finds_what_it_should():
    """Codes, English words and None in what a reader sees; not in URLs, form values or scripts."""
    english = english_words()
    code_names = {"COMM_CIVIL": "category", "approved": "plan status", "POL_INT": "programme"}
    html = (
        '<html><body><h1 title="Kế hoạch None">Kế hoạch</h1>'
        "<p>Đối tượng COMM_CIVIL, trạng thái approved; plan_due_3; comment: None</p>"
        '<a href="/plans?status=approved&category=COMM_CIVIL">Kế hoạch</a>'
        '<select name="programme"><option value="POL_INT">Trung cấp lý luận chính trị</option></select>'
        '<input name="q" value="None" aria-describedby="None">'
        "<script>var x = None;</script><style>.approved {}</style><textarea>pending</textarea>"
        "<p>Lớp POL_INT-2016-01 theo Nghị quyết 05-NQ/TU, thư admin@laichau.example.org</p>"
        "<p>Bản nháp, tính đến ngày 31/12/2015</p>"
        "</body></html>"
    )
    problems = [p.split(" (…")[0] for p in scan_page(html, "plans.view", "admin", code_names, english)]
    assert problems == [
        'attribute <input aria-describedby="None">',
        "None ['None']",
        "category code ['COMM_CIVIL']",
        "plan status code ['approved']",
        "identifier ['plan_due_3']",
        "English ['comment']",
        "glossary 'bản nháp' (use: dự thảo) ['bản nháp']",
    ]


def test_english_words_are_not_vietnamese_syllables():
    english = english_words()
    assert {"plan", "draft", "pending", "sent", "failed", "comment", "none", "worker"} <= english
    assert not {"trong", "cho", "sinh", "thi", "ban", "tin", "nam", "xlsx", "excel"} & english
