"""Bundle import and export (docs/bundle-format.md): ``nq05 import`` and ``nq05 export``."""
