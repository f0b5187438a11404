"""Progress: plan realism, plan versus quota, the progress report (realism.md, reports.md)."""
