"""The comparison engine: loading, segmenting, aligning, inline diff, facts, reports.

Plain Python with no Textual import (a test proves it), so the CLI, the
exporters and the app all call the same pure functions.
"""
