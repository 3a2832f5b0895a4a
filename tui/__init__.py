"""compare-tui: read two versions of a text against each other."""

__version__ = "0.1.0"
