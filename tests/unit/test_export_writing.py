"""Safe report writing: whole files only, no silent overwrite, clear errors."""

from __future__ import annotations

import fcntl
import os
import signal
import stat
import subprocess
import sys

import pytest

from tests import paths
from tui.engine.errors import ExportError
from tui.export.writing import write_atomically


def test_writes_utf8_text_with_unix_newlines(tmp_path):
    target = tmp_path / "report.md"
    assert write_atomically(target, "ç\nline\n") == target
    assert target.read_bytes() == "ç\nline\n".encode()


def test_refuses_to_overwrite_unless_asked(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("mine")
    with pytest.raises(ExportError, match="already exists; use --force"):
        write_atomically(target, "new")
    assert target.read_text() == "mine"
    write_atomically(target, "new", overwrite=True)
    assert target.read_text() == "new"


def test_a_directory_is_not_a_report(tmp_path):
    with pytest.raises(ExportError, match="it is a directory"):
        write_atomically(tmp_path, "x", overwrite=True)


@pytest.mark.parametrize("where", ["missing/report.html", "a-file/report.html"])
def test_an_unwritable_place_is_a_clear_error(tmp_path, where):
    (tmp_path / "a-file").write_text("not a directory")
    with pytest.raises(ExportError, match="cannot write report to"):
        write_atomically(tmp_path / where, "x")


def test_leaves_no_temporary_file_behind(tmp_path):
    write_atomically(tmp_path / "r.html", "<p>")
    with pytest.raises(ExportError):
        write_atomically(tmp_path / "r.html", "<p>")
    assert sorted(p.name for p in tmp_path.glob("*r.html*")) == ["r.html"]


def test_a_failed_write_keeps_the_old_file_and_cleans_up(tmp_path):
    target = tmp_path / "r.md"
    target.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        write_atomically(target, "lone surrogate \ud800", overwrite=True)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.glob("*r.md*")) == ["r.md"]


def test_the_report_gets_ordinary_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "r.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o644


def test_a_name_that_fits_gets_a_temporary_name_that_fits_too(tmp_path):
    """The temporary name adds 14 characters: a 250-character report name used to be refused."""
    name_max = os.pathconf(tmp_path, "PC_NAME_MAX")
    for name in ("r" * (name_max - 5) + ".json", "é" * ((name_max - 5) // 2) + ".md"):
        assert write_atomically(tmp_path / name, "x").read_text() == "x"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_name_too_long_is_an_export_error(tmp_path):
    with pytest.raises(ExportError, match="cannot write report to .*: File name too long"):
        write_atomically(tmp_path / ("x" * 300 + ".json"), "x", overwrite=True)


def test_an_input_is_never_overwritten_even_when_asked(tmp_path):
    source = tmp_path / "story.txt"
    source.write_text("the text")
    (tmp_path / "link.json").symlink_to(source)
    for target in (source, tmp_path / "link.json"):
        with pytest.raises(ExportError, match="one of the inputs"):
            write_atomically(target, "report", overwrite=True, inputs=[str(source), "-"])
    assert source.read_text() == "the text"


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/null"])
def test_only_a_regular_file_is_overwritten(tmp_path, kind):
    target = tmp_path / "report.json"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to(os.devnull)
    with pytest.raises(ExportError, match="not a regular file"):
        write_atomically(target, "report", overwrite=True)
    assert not stat.S_ISREG(target.stat().st_mode)


@pytest.fixture
def folder(tmp_path):
    """A folder of its own: the suite keeps the user's directories in tmp_path."""
    path = tmp_path / "reports"
    path.mkdir()
    return path


def _write_and_signal(folder, signum: int) -> subprocess.CompletedProcess[str]:
    """A writer that receives ``signum`` (by os.kill) between writing its temporary file and the rename."""
    script = f"""
import os, sys
from pathlib import Path
from tui.export import writing
real_replace = os.replace
def replace(source, target):
    os.kill(os.getpid(), {signum})
    real_replace(source, target)
writing.os.replace = replace
writing.write_atomically(Path(sys.argv[1]) / "report.json", "x" * 100_000)
"""
    return subprocess.run(
        [sys.executable, "-c", script, str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(paths.REPO)},
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_terminating_signals_remove_the_temporary_file_and_still_end_the_process(folder, signum):
    result = _write_and_signal(folder, signum)
    assert result.returncode == -signum, result.stderr
    assert list(folder.iterdir()) == []


def test_a_killed_writers_temporary_file_is_swept_by_the_next_export(folder):
    result = _write_and_signal(folder, signal.SIGKILL)
    assert result.returncode == -signal.SIGKILL
    [left_over] = folder.iterdir()
    assert left_over.name.startswith(".report.json.") and left_over.name.endswith(".tmp")
    write_atomically(folder / "other.md", "x")
    assert sorted(p.name for p in folder.iterdir()) == ["other.md"]


def test_the_sweep_leaves_a_temporary_file_being_written_and_files_not_ours(folder):
    busy = folder / ".busy.html.0123abcd.tmp"
    strangers = [".notes.txt.0123abcd.tmp", ".report.json.tmp", "report.json.0123abcd.tmp"]
    for name in strangers:
        (folder / name).write_text("someone else's")
    with busy.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        write_atomically(folder / "report.md", "x")
        assert busy.exists()
    assert sorted(p.name for p in folder.iterdir()) == sorted([busy.name, "report.md", *strangers])
