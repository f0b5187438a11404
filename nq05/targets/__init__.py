"""Periods, targets and quotas, report indicators and the province's settings."""
