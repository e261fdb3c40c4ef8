"""``python -m ntmplan`` = the ``ntmplan`` command."""

import sys

from ntmplan.cli import main

sys.exit(main())
