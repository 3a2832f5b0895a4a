"""Shared test set-up: no test may read or write the real user's config, data or state."""

import shutil
import tempfile
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_user_dirs(monkeypatch):
    """Point platformdirs' config/data/state/cache dirs (XDG on Linux) into a fresh folder.

    A folder of its own rather than ``tmp_path``: most tests never ask for ``tmp_path``, and
    pytest's numbered, kept folders cost a few milliseconds a test (seconds over the suite).
    """
    home = Path(tempfile.mkdtemp(prefix="compare-tui-user-dirs-"))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = home / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    yield home
    shutil.rmtree(home, ignore_errors=True)
