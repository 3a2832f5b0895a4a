"""The JSON export: the engine's report model, verbatim, and the JSON Schema that describes it.

The text is exactly what ``json.dumps(data, ensure_ascii=False, indent=2)`` writes, but
written by orjson: with ``indent`` the standard library drops its C encoder for a Python
one, which took ~30 s for a 5,000-paragraph pair's 27 MB report where orjson takes a
fraction of a second. The two write the same text for everything the report model holds
(its shares have 4 decimals, so no float needs an exponent) but a lone surrogate (a file
name that is not UTF-8), which orjson refuses: that report is written by the standard
library.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib.resources import files
from typing import Any

import orjson

from tui.engine.model import Comparison
from tui.engine.report import Review, report_changes, report_frame, report_rows

__all__ = ["json_pieces", "render_json", "report_schema"]


# json.dumps escapes only U+0000..U+001F; DEL and the C1 controls (U+009B is an 8-bit CSI to
# some terminals) are escaped too, so `--export -` never writes a raw control to a terminal.
# So are lone surrogates: a file name that is not UTF-8 holds one per undecodable byte, which
# no UTF-8 file can hold; "\udce9" keeps it, and Python reads it back as the same name.
# Each can only occur inside strings, where the escape is the same JSON value.
_DEL_C1_OR_SURROGATE = re.compile("[\x7f-\x9f\ud800-\udfff]")
# The same in orjson's UTF-8, which holds no surrogate: DEL, and C1 (U+0080..U+009F).
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def render_json(comparison: Comparison, *, review: Review | None = None) -> str:
    """Pretty, stable JSON (keys in model order, non-ASCII readable, no raw control); ``review`` adds the marks."""
    return "".join(json_pieces(comparison, review=review))


# How the frame, encoded with no changes, holds their place: keys of the top level are the only
# ones indented by two spaces, and no string holds a raw line end.
_NO_CHANGES = '\n  "changes": []'


def json_pieces(comparison: Comparison, *, review: Review | None = None) -> Iterator[str]:
    """The text of :func:`render_json` in pieces, a change at a time, for a writer to write as
    they come: a 20,000-paragraph report (100 MB) was held as one dict of every span, its
    UTF-8 and its text at once, twice the memory of the comparison it reports."""
    frame = report_frame(comparison) | {"changes": [], "rows": report_rows(comparison)}
    head, tail = _encoded(frame).split(_NO_CHANGES)
    yield head
    changes = report_changes(comparison, review)
    first = next(changes, None)
    if first is None:
        yield _NO_CHANGES
    else:  # each change as the whole would have it: a list item two levels down
        yield '\n  "changes": [\n    ' + _encoded(first).replace("\n", "\n    ")
        for change in changes:
            yield ",\n    " + _encoded(change).replace("\n", "\n    ")
        yield "\n  ]"
    yield tail + "\n"


def _encoded(data: Any) -> str:
    """``data`` as indented JSON text, by orjson or, for a lone surrogate, the standard library."""
    try:
        encoded = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except TypeError:  # a lone surrogate: orjson writes UTF-8 only
        text = json.dumps(data, ensure_ascii=False, indent=2)
        return _DEL_C1_OR_SURROGATE.sub(_escaped, text)
    # Searched for first: a byte search is a memchr, the regular expression a loop.
    if b"\x7f" in encoded:
        encoded = encoded.replace(b"\x7f", b"\\u007f")
    if b"\xc2" in encoded:
        encoded = _C1_UTF8.sub(_escaped_utf8, encoded)
    return encoded.decode("utf-8")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _escaped_utf8(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match.group().decode("utf-8"))


def report_schema() -> dict[str, Any]:
    """The report's JSON Schema (draft 2020-12), shipped inside the package for consumers and tests."""
    schema: dict[str, Any] = json.loads(
        (files("tui.export") / "report.schema.json").read_text(encoding="utf-8")
    )
    return schema
