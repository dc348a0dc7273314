"""``python -m checker.cli``: the ``checker`` console script."""

import sys

from checker.cli import main

sys.exit(main())
