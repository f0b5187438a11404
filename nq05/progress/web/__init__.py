"""The progress pages: the dashboard of targets and findings, and the progress report."""
