"""Where the tests find the repository's files, wherever the test module sits."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
GOLDEN = REPO / "tests" / "golden"
