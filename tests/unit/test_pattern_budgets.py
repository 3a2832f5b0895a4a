"""Every regular expression of the engine, fed long runs of each character class, ends in time.

The patterns are collected, not listed: every compiled pattern held by a module under ``tui``
(directly, in a tuple, dict or dataclass), so a pattern added tomorrow is tested too. Each
one scans a run of each class as long as the text it can be given: a match tried at every
position, the most work any caller asks (``sub``, which makes the searches ``finditer`` makes
without a match object for each match). The few the engine only matches
at one position (:data:`ANCHORED`) or only gives collapsed spaces (:data:`ONE_SPACE`) are
tested that way, and the lists say where.

* a furniture rule's pattern sees one line of at most ``MAX_FURNITURE_CHARS``
  (:class:`tui.engine.boilerplate.Rule` refuses longer lines), and only as a whole
  (``fullmatch``, the one way a rule is used);
* a fact rule's pattern sees a passage of at most ``MAX_CHECKED_CHARS``
  (:func:`tui.engine.facts.compare_facts` reads no longer one);
* every other pattern sees whole texts (1 MiB here).

A super-linear pattern on such a run takes minutes or hours (the regex engine cannot be
interrupted from Python), so each pattern runs in a forked child that is killed when its
budget runs out. The budget is generous (a linear scan of 1 MiB takes milliseconds): it
separates linear from quadratic, it does not time the engine.

A passage pattern scans the longest passage. A whole-text pattern is not run on a MiB: its CPU
time on runs of 16 Ki and 64 Ki characters, and the rate it grows at between them, predict its
time on a MiB (:func:`predicted_seconds`), at a ninth of the cost of the MiB itself. At 64 Ki
characters a quadratic scan already makes ~2·10⁹ steps of the engine, so the quadratic term
dominates what is measured whatever the pattern's constant, and a worse than quadratic scan
does not finish within the budget at all.
"""

from __future__ import annotations

import dataclasses
import importlib
import math
import os
import pkgutil
import re
import select
import signal
import time
from collections.abc import Iterator

import pytest

import tui
from tui.engine.boilerplate import MAX_FURNITURE_CHARS, Rule
from tui.engine.facts import MAX_CHECKED_CHARS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="runs each pattern in a forked child"),
]

#: Runs that made a pattern super-linear once (digits, "$1", "1,", capitalised words, "not ")
#: and the ordinary classes around them.
CHARACTER_RUNS = {
    "digits": "1",
    "dollar digits": "$1",
    "digit commas": "1,",
    "digit points": "1.",
    "percentages": "1%",
    "capitalised words": "Aa ",
    "capitals": "A",
    "initials": "A. ",
    "letters": "a",
    "words": "lorem ",
    "negations": "not ",
    "spaces": " ",
    "newlines": "\n",
    "blank lines": "\n\n",
    "small paragraphs": "<p>x</p>",
    "unclosed tag": "<a a ",
    "list items": "- x\n",
    "table row": "|a|b|\n",
    "quotes": "\u201cA\u201d ",
    "apostrophes": "'",
    "hyphens": "-",
    "dashes": "\u2014",
    "punctuation": ".,;:!?",
    "brackets": "([",
    "cjk": "\u4e2d\u6587",
    "cjk numerals": "\u4e00",
    "emoji": "\U0001f44d\U0001f3fd",
    "controls": "\x1b[31m\x07",
}
WHOLE_TEXT = 1024 * 1024
#: Per pattern and class: a linear scan of a passage, or the MiB it predicts, takes milliseconds.
BUDGET_SECONDS = 10.0
#: The two runs a whole-text pattern is timed on, to predict its time on a whole text.
SHORT_RUN = 16 * 1024
LONG_RUN = 4 * SHORT_RUN


def _modules() -> Iterator[object]:
    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        if info.name.startswith("tui.app") or info.name.endswith("__main__"):
            continue  # the app's widgets hold no text patterns; __main__ would run the program
        yield importlib.import_module(info.name)


#: How a pattern is used: scanned at every position, matched at one, or against a whole line.
SCAN, MATCH, WHOLE = "scan", "match", "whole"


def _held(value: object, bound: int, seen: set[int]) -> Iterator[tuple[re.Pattern[str], int, str]]:
    """Patterns inside ``value``, the longest text each can be given, and how it is used."""
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield value, bound, SCAN
    elif isinstance(value, Rule):
        yield value.pattern, min(bound, MAX_FURNITURE_CHARS), WHOLE
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _held(item, bound, seen)
    elif isinstance(value, dict):
        for item in (*value.keys(), *value.values()):
            yield from _held(item, bound, seen)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _held(getattr(value, field.name), bound, seen)


Held = tuple[re.Pattern[str], int, str, str]


def engine_patterns() -> dict[tuple[str, int], Held]:
    """(pattern, flags) -> (pattern, longest input, use, where it is held); a rule's use wins."""
    found: dict[tuple[str, int], Held] = {}
    for module in _modules():
        name = module.__name__  # type: ignore[attr-defined]
        bound = MAX_CHECKED_CHARS if name.startswith("tui.engine.facts") else WHOLE_TEXT
        seen: set[int] = set()
        for attribute, value in vars(module).items():
            for pattern, longest, use in _held(value, bound, seen):
                key = (pattern.pattern, pattern.flags)
                if key not in found or longest < found[key][1]:
                    found[key] = (pattern, longest, use, f"{name}.{attribute}")
    return found


PATTERNS = engine_patterns()


def _use(pattern: re.Pattern[str], use: str, text: str) -> None:
    if use == WHOLE:
        pattern.fullmatch(text)
    elif use == MATCH:
        pattern.match(text)
    else:
        pattern.sub("", text)


def _run(unit: str, length: int, one_space: bool) -> str:
    run = unit * (length // len(unit))
    return " ".join(run.split()) if one_space else run


def _cpu_seconds(pattern: re.Pattern[str], use: str, text: str, repeats: int) -> float:
    """The least CPU time of ``repeats`` uses: the one that the machine's noise inflated least."""
    best = math.inf
    for _ in range(repeats):
        start = time.process_time()
        _use(pattern, use, text)
        best = min(best, time.process_time() - start)
    return best


def predicted_seconds(short: float, long: float) -> float:
    """A whole text's scan time, grown from the long run's at the rate seen between the runs.

    The rate is read as a power of the length between 1 (linear) and 2 (quadratic): a worse
    pattern does not finish the long run within the budget, and timer noise on a quick scan
    must not make it look better than linear.
    """
    growth = math.log(long / short, LONG_RUN / SHORT_RUN) if short > 0 and long > 0 else 2.0
    return long * (WHOLE_TEXT / LONG_RUN) ** min(2.0, max(1.0, growth))


def _timings(pattern: re.Pattern[str], use: str, unit: str, one_space: bool) -> tuple[float, float]:
    """CPU seconds of a scan of the short and the long run; a second look before a bad verdict."""
    short_run, long_run = _run(unit, SHORT_RUN, one_space), _run(unit, LONG_RUN, one_space)
    short = _cpu_seconds(pattern, use, short_run, 3)
    long = _cpu_seconds(pattern, use, long_run, 1)
    if predicted_seconds(short, long) > BUDGET_SECONDS:
        short = min(short, _cpu_seconds(pattern, use, short_run, 3))
        long = min(long, _cpu_seconds(pattern, use, long_run, 2))
    return short, long


def _slow_runs(pattern: re.Pattern[str], longest: int, use: str, one_space: bool) -> list[str]:
    """The classes whose run ``pattern`` does not scan in time (each pattern in a child process).

    A passage is scanned within the budget or not; a whole text's time is predicted from two
    timed runs (their CPU seconds come back through the pipe after the class's name).
    """
    timed = longest > LONG_RUN
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe and exits
        os.close(reading)
        for name, unit in CHARACTER_RUNS.items():
            line = name
            if timed:
                short, long = _timings(pattern, use, unit, one_space)
                line += f"\t{short!r}\t{long!r}"
            else:
                _use(pattern, use, _run(unit, longest, one_space))
            os.write(writing, (line + "\n").encode())
        os._exit(0)
    os.close(writing)
    done: list[list[str]] = []
    pending = b""
    try:
        while len(done) < len(CHARACTER_RUNS):
            ready, _, _ = select.select([reading], [], [], BUDGET_SECONDS)
            chunk = os.read(reading, 4096) if ready else b""
            if not chunk:
                break
            pending += chunk
            *lines, rest = pending.split(b"\n")
            pending = rest
            done += [line.decode().split("\t") for line in lines]
    finally:
        os.close(reading)
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    finished = {name for name, *_ in done}
    unfinished = [name for name in CHARACTER_RUNS if name not in finished][:1]
    predicted = {
        name: predicted_seconds(*map(float, seconds)) for name, *seconds in done if seconds
    }
    return unfinished + [
        f"{name}: a MiB in ~{seconds:.0f} s"
        for name, seconds in predicted.items()
        if seconds > BUDGET_SECONDS
    ]


def test_the_engine_holds_the_patterns_it_is_known_to_use():
    held = {where for *_, where in PATTERNS.values()}
    assert len(PATTERNS) > 100
    assert any(where.startswith("tui.engine.boilerplate.RULES") for where in held)
    assert any(where.startswith("tui.engine.facts.figures.") for where in held)
    assert any(where.startswith("tui.engine.loading.") for where in held)


#: Patterns the engine never scans: it matches them at one position (``match``/``fullmatch``,
#: e.g. right after a name or at a line's start), so a run costs one pass; they are tested so.
ANCHORED = {
    "tui.cli._SIZE",  # fullmatch of the --max-size argument
    "tui.engine.facts.attribution.SPEECH_VERB_AFTER",  # after a name
    "tui.engine.markdown_text._BREAK",  # at a line end
    "tui.engine.markdown_text._DEFINITION_START",  # at a line's start
    "tui.engine.segmenting._LIST_ITEM",  # at a line's start
    "tui.engine.loading._MARKDOWN_OPENING",  # at the text's start
    "tui.engine.loading._HTML_START",  # at the text's start
}
#: Patterns only ever given text whose whitespace runs are single spaces.
ONE_SPACE = {"tui.engine.tokens._DASH_RUN"}  # after " ".join(text.split())


def _case(pattern: re.Pattern[str], longest: int, use: str, where: str) -> object:
    if where in ANCHORED:
        use = WHOLE if where == "tui.cli._SIZE" else MATCH
    return pytest.param(
        pattern, longest, use, where in ONE_SPACE, id=f"{where}:{pattern.pattern[:30]!r}"
    )


@pytest.mark.parametrize(
    ("pattern", "longest", "use", "one_space"), [_case(*held) for held in PATTERNS.values()]
)
def test_every_pattern_reads_long_runs_of_every_character_class_in_linear_time(
    pattern, longest, use, one_space
):
    assert _slow_runs(pattern, longest, use, one_space) == []
