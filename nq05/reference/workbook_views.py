"""The reference data as one .xlsx: download it, and load a filled one (all rows or none)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from nq05 import clock
from nq05.auth.access import require_roles
from nq05.extensions import db
from nq05.reference import workbook
from nq05.reference.blueprint import bp
from nq05.reference.forms import WorkbookUploadForm
from nq05.spreadsheets.download import xlsx_download


@bp.route("/admin/reference/export.xlsx")
@require_roles("admin")
def export_workbook():
    return xlsx_download(workbook.export_bytes(), f"danh-muc-{clock.today():%Y-%m-%d}.xlsx")


@bp.route("/admin/reference/import", methods=["GET", "POST"])
@require_roles("admin")
def import_workbook():
    form = WorkbookUploadForm()
    errors = []
    if form.validate_on_submit():
        try:
            counts = workbook.load(form.workbook.data.read(), current_user)
        except workbook.LoadRefused as refused:
            db.session.rollback()
            errors = refused.errors
        else:
            db.session.commit()
            rows = sum(counts.values())
            flash(
                _(
                    "Đã nhập %(rows)s dòng từ %(sheets)s trang tính. Các số liệu tiến độ sẽ được tính lại.",
                    rows=rows,
                    sheets=len(counts),
                ),
                "success",
            )
            return redirect(url_for("reference.import_workbook"))
    return render_template("reference/import.html", form=form, errors=errors, max_errors=workbook.MAX_ERRORS)
