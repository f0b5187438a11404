"""A centre's view of a person on its roster: what the roster needs, not the person's record."""

from __future__ import annotations

from flask import abort, render_template
from sqlalchemy import select

from nq05.auth.access import require_roles
from nq05.classes.access import class_or_404
from nq05.classes.blueprint import bp
from nq05.classes.models import Enrolment
from nq05.classes.queries import _levels_at, tracks_asked
from nq05.extensions import db
from nq05.staff.access import person_or_404, person_unit_sql
from nq05.staff.models import Unit


@bp.route("/classes/<int:class_id>/people/<int:person_id>")
@require_roles("admin", "centre_staff")
def person(class_id: int, person_id: int):
    """Name, unit, birth date and the levels on the programme's tracks at the class start, of a
    person nominated to a class the user runs."""
    training_class = class_or_404(class_id, write=True)
    person = person_or_404(person_id)
    enrolment = db.session.scalar(
        select(Enrolment).where(Enrolment.class_id == training_class.id, Enrolment.person_id == person.id)
    )
    if enrolment is None:
        abort(404)
    unit_id = db.session.scalar(select(person_unit_sql(person.id)))
    unit = db.session.get(Unit, unit_id) if unit_id else None
    tracks = tracks_asked(training_class.programme)
    return render_template(
        "classes/person.html",
        training_class=training_class,
        person=person,
        unit=unit,
        enrolment=enrolment,
        levels=_levels_at([person.id], tracks, training_class.start_date)[person.id],
    )
