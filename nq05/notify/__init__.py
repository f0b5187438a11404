"""The task queue: reminders by email, recomputation after edits, worker heartbeats.

See docs/dev/notify.md for how the pieces fit and docs/deploy.md for production.
"""
