"""Spreadsheets in and out: every .xlsx and CSV the app writes or reads goes through here.

- ``cells``: the formula-safe cell rules (pure): CSV escaping of shared/spec/bundle.md, sheet titles.
- ``writing``: text values become text cells (never formulas) in every .xlsx; CSV rows escaped.
- ``reading``: .xlsx read within bounds that do not trust the file (zip member sizes, rows,
  columns, a time budget); a refusal names the sheet and row.
- ``download``: an .xlsx as a download that no browser or proxy keeps (``no-store``).

See docs/security.md ("Spreadsheets").
"""
