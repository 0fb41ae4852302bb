"""``python -m nqe_events.cli``."""

from . import console

console()
