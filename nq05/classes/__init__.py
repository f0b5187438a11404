"""Programmes, training centres, classes and their rosters (enrolments)."""
