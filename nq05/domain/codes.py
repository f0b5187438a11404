"""The stable codes of shared/spec/domain.md, in the order the spec gives them."""

from __future__ import annotations

ROLES = ("admin", "unit_head", "centre_staff")

CATEGORIES = (
    "TU",
    "PROV_LEAD",
    "PROV_CIVIL",
    "DIST_LEAD",
    "DIST_CIVIL",
    "COMM_CADRE",
    "COMM_CIVIL",
)

UNIT_LEVELS = ("province", "district", "commune")
GENDERS = ("M", "F")
PROGRAMME_KINDS = ("degree", "certificate", "refresher")
TARGET_KINDS = ("count", "share")
PLAN_STATUSES = ("draft", "submitted", "approved", "returned")
PLAN_IN_FORCE_STATUSES = ("submitted", "approved")
ENROLMENT_STATUSES = (
    "nominated",
    "accepted",
    "waitlisted",
    "rejected",
    "withdrawn",
    "completed",
    "failed",
)
#: The result of an enrolment: completed (status completed), failed or did not finish (status failed).
RESULT_KINDS = ("completed", "failed", "unfinished")
#: Xếp loại of a result, best first.
GRADES = ("excellent", "good", "fair", "average")
#: Enrolment statuses that take a seat in a class.
SEAT_STATUSES = ("accepted", "completed", "failed")
#: Enrolment statuses that are still open (the person is on their way to the class).
OPEN_ENROLMENT_STATUSES = ("nominated", "accepted", "waitlisted")

SETTING_DEFAULTS: dict[str, str] = {
    "retirement_age_male": "60",
    "retirement_age_female": "55",
    "plan_due_month_day": "11-30",
    "low_execution_threshold": "0.5",
    "source_window_days": "60",
    "stale_grace_days": "30",
}
