"""The engine's compiled rules, kept between runs: a pattern built from the file is the one
``re.compile`` gives, and a file that cannot be used changes nothing but the time."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests import paths
from tui.engine import regex_cache

#: Imports every engine module, then builds every pattern the file holds and checks it against
#: a fresh ``re.compile`` (``==`` compares the matcher's code); prints how many the file holds,
#: how many differ, and how many this run compiled because the file did not hold them.
_CHECK = """
import importlib, pkgutil, re
import tui.engine
from tui.engine import regex_cache
for module in pkgutil.walk_packages(tui.engine.__path__, "tui.engine."):
    importlib.import_module(module.name)
stored = regex_cache._stored_entries()
different = [s for s, f in stored if regex_cache.compile(s, f) != re.compile(s, f)]
print(len(stored), len(different), len(regex_cache._new))
"""


def _run_engine_imports(cache: Path) -> tuple[int, int, int]:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environment |= {"PYTHONPYCACHEPREFIX": str(cache), "PYTHONPATH": str(paths.REPO)}
    done = subprocess.run(
        [sys.executable, "-c", _CHECK],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    stored, different, compiled = map(int, done.stdout.split())
    return stored, different, compiled


def test_a_second_run_builds_every_rule_from_the_file_as_re_compiles_it(tmp_path: Path) -> None:
    stored, _, compiled = _run_engine_imports(tmp_path)
    assert stored == 0 and compiled > 100  # the first run compiles the rules and writes them
    assert len(list(tmp_path.rglob("regex_cache.*.sre"))) == 1
    stored, different, compiled = _run_engine_imports(tmp_path)
    assert stored > 100 and different == 0 and compiled == 0


def test_nothing_is_written_when_bytecode_is_not(tmp_path: Path) -> None:
    environment = os.environ | {
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPYCACHEPREFIX": str(tmp_path),
        "PYTHONPATH": str(paths.REPO),
    }
    subprocess.run([sys.executable, "-c", "import tui.engine.tokens"], env=environment, check=True)
    assert not list(tmp_path.rglob("*.sre"))


@pytest.mark.parametrize(
    "content",
    [
        b"not marshal at all",
        marshal.dumps(
            (("another Python", 1), {("a+b", 32): (32, b"\x01\x00\x00\x00", 0, {}, (None,))})
        ),
        marshal.dumps(
            (regex_cache._INTERPRETER, {("a+b", 32): (32, b"\x01\x00\x00\x00", 0, {}, (None,))})
        ),
        marshal.dumps((regex_cache._INTERPRETER, ["not", "a", "table"])),
    ],
    ids=["damaged", "another interpreter", "code the matcher refuses", "wrong shape"],
)
def test_a_file_that_cannot_be_used_means_compiling_as_re_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    stored = tmp_path / "rules.sre"
    stored.write_bytes(content)
    monkeypatch.setattr(regex_cache, "cache_path", lambda: stored)
    monkeypatch.setattr(regex_cache, "_stored", None)
    monkeypatch.setattr(regex_cache, "_new", {})
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    pattern = regex_cache.compile("a+b")
    assert pattern == re.compile("a+b") and pattern.fullmatch("aab")
