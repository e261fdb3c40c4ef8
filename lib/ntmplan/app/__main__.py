"""``python -m ntmplan.app lab|app`` (what ``make lab`` and ``make app`` call)."""

import sys

from ntmplan.app.launch import main

sys.exit(main())
