"""Changing staff records: people, assignments, qualifications (unit heads for their own unit)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from nq05.auth.access import require_roles
from nq05.extensions import db
from nq05.staff import operations, queries
from nq05.staff.access import (
    assignment_or_404,
    can_write_person,
    person_or_404,
    qualification_or_404,
    writable_unit_ids,
)
from nq05.staff.blueprint import bp
from nq05.staff.forms import AssignmentForm, NewPersonForm, PersonForm, QualificationForm
from nq05.staff.models import Assignment
from nq05.staff.operations import StaffError
from nq05.web.forms import show_refusal

STAFF_ROLES = ("admin", "unit_head")


def _person_url(person_id: int, anchor: str = "") -> str:
    return url_for("staff.person", person_id=person_id) + (f"#{anchor}" if anchor else "")


@bp.route("/staff/new", methods=["GET", "POST"])
@require_roles(*STAFF_ROLES)
def new_person():
    writable = writable_unit_ids()
    if not writable:
        abort(403)
    form = NewPersonForm(units=queries.unit_choices(writable), positions=queries.position_choices())
    if form.validate_on_submit():
        if form.unit_id.data not in writable:
            abort(403)
        try:
            person = operations.create_person(form.data, current_user)
        except StaffError as error:
            db.session.rollback()
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("Đã thêm cán bộ %(name)s.", name=person.full_name), "success")
            return redirect(_person_url(person.id))
    return render_template("staff/person_form.html", form=form, person=None)


@bp.route("/staff/<int:person_id>/edit", methods=["GET", "POST"])
@require_roles(*STAFF_ROLES)
def edit_person(person_id: int):
    person = person_or_404(person_id, write=True)
    form = PersonForm(obj=person, positions=queries.position_choices(keep=person.planned_position_id))
    if form.validate_on_submit():
        try:
            operations.update_person(person, form.data, current_user)
        except StaffError as error:
            db.session.rollback()
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("Đã lưu hồ sơ."), "success")
            return redirect(_person_url(person.id))
    return render_template("staff/person_form.html", form=form, person=person)


def _keep_in_scope(person) -> None:
    """A person belongs to the unit of their latest assignment: a head's change to the
    assignments (a deletion, a new start date) must not hand the person to another unit."""
    db.session.flush()
    if not can_write_person(person.id):
        raise StaffError("moves_to_another_unit")


def _assignment_form(assignment: Assignment | None, obj=None) -> AssignmentForm:
    unit_ids = set(writable_unit_ids())
    if assignment is not None:
        unit_ids.add(assignment.unit_id)  # a past post in another unit stays editable as it is
    return AssignmentForm(
        obj=obj,
        units=queries.unit_choices(unit_ids),
        positions=queries.position_choices(keep=getattr(assignment, "position_id", None)),
    )


@bp.route("/staff/<int:person_id>/assignments/new", methods=["GET", "POST"])
@require_roles(*STAFF_ROLES)
def new_assignment(person_id: int):
    person = person_or_404(person_id, write=True)
    form = _assignment_form(None)
    if form.validate_on_submit():
        try:
            operations.add_assignment(person, form.data, current_user)
            _keep_in_scope(person)
        except StaffError as error:
            db.session.rollback()
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("Đã thêm quá trình công tác."), "success")
            return redirect(_person_url(person.id, "assignments"))
    return render_template("staff/assignment_form.html", form=form, person=person, assignment=None)


@bp.route("/staff/<int:person_id>/assignments/<int:assignment_id>", methods=["GET", "POST"])
@require_roles(*STAFF_ROLES)
def edit_assignment(person_id: int, assignment_id: int):
    person = person_or_404(person_id, write=True)
    assignment = assignment_or_404(person, assignment_id)
    form = _assignment_form(assignment, obj=assignment)
    if form.validate_on_submit():
        try:
            operations.update_assignment(assignment, form.data, current_user)
            _keep_in_scope(person)
        except StaffError as error:
            db.session.rollback()
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("Đã lưu quá trình công tác."), "success")
            return redirect(_person_url(person.id, "assignments"))
    return render_template("staff/assignment_form.html", form=form, person=person, assignment=assignment)


@bp.route("/staff/<int:person_id>/assignments/<int:assignment_id>/delete", methods=["POST"])
@require_roles(*STAFF_ROLES)
def delete_assignment(person_id: int, assignment_id: int):
    person = person_or_404(person_id, write=True)
    assignment = assignment_or_404(person, assignment_id)
    try:
        operations.delete_assignment(assignment, current_user)
        _keep_in_scope(person)
    except StaffError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("Đã xóa quá trình công tác."), "success")
    return redirect(_person_url(person_id, "assignments"))


@bp.route("/staff/<int:person_id>/qualifications/new", methods=["GET", "POST"])
@require_roles(*STAFF_ROLES)
def new_qualification(person_id: int):
    person = person_or_404(person_id, write=True)
    form = QualificationForm()
    if form.validate_on_submit():
        track, level = form.track_level
        try:
            operations.add_qualification(person, track, level, form.awarded_on.data, current_user)
        except StaffError as error:
            db.session.rollback()
            show_refusal(form, error)
        else:
            db.session.commit()
            flash(_("Đã thêm trình độ."), "success")
            return redirect(_person_url(person.id, "qualifications"))
    return render_template("staff/qualification_form.html", form=form, person=person)


@bp.route("/staff/<int:person_id>/qualifications/<int:qualification_id>/delete", methods=["POST"])
@require_roles(*STAFF_ROLES)
def delete_qualification(person_id: int, qualification_id: int):
    person = person_or_404(person_id, write=True)
    qualification = qualification_or_404(person, qualification_id)
    try:
        operations.delete_qualification(qualification, current_user)
    except StaffError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("Đã xóa trình độ."), "success")
    return redirect(_person_url(person_id, "qualifications"))
