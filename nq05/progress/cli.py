"""The progress commands: ``nq05 realism``, ``nq05 gaps``, ``nq05 report``, ``nq05 recompute``."""


def init_app(app) -> None:
    pass
