"""``python -m nqe_events.cli``."""

import sys

from . import main

sys.exit(main())
