"""Stored results (placeholder until the models land)."""
