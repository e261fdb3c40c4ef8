"""``python -m ntmplan`` = the ``ntmplan`` command."""

import sys

from .cli import main

sys.exit(main())
