"""Demo data: ``nq05 demo`` builds a realistic synthetic province (see docs/demo.md)."""
