"""``python -m tui`` mirrors the ``compare-tui`` console script."""

import sys

from tui.cli import main

sys.exit(main())
