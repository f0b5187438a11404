"""The audit log: who changed what and when (staff, qualifications, plans, rosters, users)."""
