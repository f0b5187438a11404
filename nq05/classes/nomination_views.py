"""Unit heads nominate their people to a published class, seeing who is eligible and why not."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from nq05 import clock
from nq05.auth.access import require_roles
from nq05.classes import operations, queries
from nq05.classes.access import class_or_404
from nq05.classes.blueprint import bp
from nq05.classes.errors import RosterRefused, reason_text
from nq05.classes.forms import NominateForm
from nq05.extensions import db
from nq05.staff.access import can_write_person, unit_or_404


def _nominating_unit_id() -> int:
    """The unit nominating: a unit head's own; an admin picks one (?unit=ID)."""
    if current_user.role == "unit_head":
        return current_user.unit_id
    unit_id = request.values.get("unit", type=int)
    if unit_id is None:
        abort(400)
    return unit_or_404(unit_id, write=True).id


@bp.route("/classes/<int:class_id>/nominate", methods=["GET", "POST"])
@require_roles("unit_head", "admin")
def nominate(class_id: int):
    training_class = class_or_404(class_id)
    unit_id = _nominating_unit_id()
    candidates = queries.nomination_candidates(training_class, unit_id, current_user)
    form = NominateForm()
    form.person_ids.choices = [(c.person.id, c.person.full_name) for c in candidates]
    if form.validate_on_submit():
        chosen = form.person_ids.data or []
        done, refused = [], []
        by_id = {c.person.id: c.person for c in candidates}
        for person_id in chosen:
            person = by_id.get(person_id)
            if person is None or not can_write_person(person_id):
                abort(404)
            try:
                with db.session.begin_nested():
                    operations.nominate(training_class, person_id, unit_id=unit_id, actor=current_user)
            except RosterRefused as refusal:
                refused.append(f"{person.full_name}: {refusal.message}")
            else:
                done.append(person.full_name)
        db.session.commit()
        if done:
            flash(_("Đã cử %(n)s người: %(names)s.", n=len(done), names=", ".join(done)), "success")
        for message in refused:
            flash(message, "error")
        if not chosen:
            flash(_("Chưa chọn người nào."), "warning")
        if done and not refused:
            return redirect(url_for("classes.roster", class_id=class_id))
        return redirect(request.full_path)
    return render_template(
        "classes/nominate.html",
        training_class=training_class,
        candidates=candidates,
        form=form,
        unit=unit_or_404(unit_id),
        deadline=operations.nomination_deadline(training_class),
        open_now=training_class.is_published
        and clock.today() <= operations.nomination_deadline(training_class),
        reason_text=reason_text,
    )
