"""The admin's page for the demo's date: move it forward to walk a demo province through a year."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.validators import InputRequired

from nq05 import clock
from nq05.auth.access import require_roles
from nq05.extensions import db
from nq05.reference.blueprint import bp
from nq05.reference.today import DateRefused, move_demo_date
from nq05.web.formatting import date_vn
from nq05.web.forms import DateField, Form


class DemoDateForm(Form):
    today = DateField(
        _l("Ngày giả định mới"),
        validators=[InputRequired(_l("Vui lòng nhập ngày hợp lệ."))],
        description=_l(
            "Chỉ chuyển được về sau: hạn nộp kế hoạch, lớp học, nhắc việc và báo cáo theo ngày này."
        ),
    )


@bp.route("/admin/demo-date", methods=["GET", "POST"])
@require_roles("admin")
def demo_date():
    current = clock.demo_date()
    if current is None:
        abort(404)  # a real province's database lives on the real date
    form = DemoDateForm()
    if not form.is_submitted():
        form.today.data = current
    if form.validate_on_submit():
        try:
            move_demo_date(form.today.data, current_user)
        except DateRefused as refused:
            db.session.rollback()
            form.today.errors = [
                *form.today.errors,
                _(
                    "Chỉ chuyển được ngày giả định về sau ngày %(day)s.",
                    day=date_vn(refused.params["current"]),
                ),
            ]
        else:
            db.session.commit()
            flash(_("Đã chuyển ngày giả định sang %(day)s.", day=date_vn(form.today.data)), "success")
            return redirect(url_for("reference.demo_date"))
    return render_template("reference/demo_date.html", form=form, current=current)
