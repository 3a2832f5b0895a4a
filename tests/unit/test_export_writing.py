"""Safe report writing: whole files only, no silent overwrite, clear errors."""

from __future__ import annotations

import os
import stat

import pytest

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
