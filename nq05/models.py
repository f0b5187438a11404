"""Imports every model so that Alembic and the tests see the whole schema."""

from nq05.audit.models import AuditEntry  # noqa: F401
from nq05.auth.models import User  # noqa: F401
from nq05.classes.models import Attendance, Enrolment, SessionDay, TrainingClass  # noqa: F401
from nq05.notify.models import RecomputeRequest, RecomputeRun, Reminder, WorkerHeartbeat  # noqa: F401
from nq05.plans.models import Plan, PlanEvent, PlanLine, PlanNominee  # noqa: F401
from nq05.progress.models import SeenFinding, StoredFinding, StoredGapRow  # noqa: F401
from nq05.reference.models import Centre, Indicator, Period, Position, Programme, Setting, Target  # noqa: F401
from nq05.reference.today import DemoClock  # noqa: F401
from nq05.staff.models import Assignment, Person, Qualification, Unit  # noqa: F401
