"""The CLI's --export: format from the extension, '-' with --format, no silent overwrite, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests import paths
from tui.cli import main

ORIGINAL = """The river ferry will stop running on 1 March after 84 years, the county said on Monday.

Officials blamed a fall in passengers and the cost of repairing the landing stages.

A campaign to save the service has gathered 3,000 signatures.
"""
REWRITE = """A campaign to save the service has gathered 3,000 signatures.

The county said on Monday that the river ferry will stop running on 1 March, after 84 years.

Officials blamed falling passenger numbers and the cost of repairing the landing stages.
"""


@pytest.fixture
def texts(tmp_path):
    left, right = tmp_path / "original.txt", tmp_path / "rewrite.txt"
    left.write_text(ORIGINAL, encoding="utf-8")
    right.write_text(REWRITE, encoding="utf-8")
    return str(left), str(right)


def one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("compare-tui: error: "), stderr
    return lines[0]


@pytest.mark.parametrize(
    ("name", "opening"),
    [
        ("r.json", '{\n  "format": "compare-tui-report"'),
        ("r.md", "# Comparison report"),
        ("r.HTML", "<!DOCTYPE html>"),
    ],
)
def test_the_extension_chooses_the_format(texts, tmp_path, capsys, name, opening):
    target = tmp_path / name
    assert main([*texts, "--export", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith(opening)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"wrote {name.split('.')[1].lower()} report to {target}" in captured.err


def test_format_overrides_the_extension(texts, tmp_path):
    target = tmp_path / "report.txt"
    assert main([*texts, "--export", str(target), "--format", "md"]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Comparison report")


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_dash_writes_the_report_to_stdout(texts, capsys, fmt):
    assert main([*texts, "--export", "-", "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert json.loads(out)["left"]["source"] == texts[0]
    else:
        assert "ferry" in out


def test_dash_needs_a_format(texts, capsys):
    assert main([*texts, "--export", "-"]) == 2
    assert "--format" in one_error_line(capsys.readouterr().err)


def test_an_existing_file_is_kept_unless_forced(texts, tmp_path, capsys):
    target = tmp_path / "r.md"
    target.write_text("my notes", encoding="utf-8")
    assert main([*texts, "--export", str(target)]) == 2
    assert "--force" in one_error_line(capsys.readouterr().err)
    assert target.read_text(encoding="utf-8") == "my notes"
    assert main([*texts, "--export", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Comparison report")


@pytest.mark.parametrize("where", ["no-such-dir/r.html", "original.txt/r.html"])
def test_an_unwritable_path_is_one_error_line(texts, tmp_path, capsys, where):
    assert main([*texts, "--export", str(tmp_path / where)]) == 2
    assert "cannot write report" in one_error_line(capsys.readouterr().err)


def test_an_unknown_extension_is_one_error_line(texts, tmp_path, capsys):
    assert main([*texts, "--export", str(tmp_path / "r.pdf")]) == 2
    assert "cannot tell the report format" in one_error_line(capsys.readouterr().err)
    assert not (tmp_path / "r.pdf").exists()


def test_an_unknown_format_is_one_error_line(texts, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_status:
        status = main([*texts, "--export", str(tmp_path / "r.out"), "--format", "pdf"])
        raise SystemExit(status)
    assert exit_status.value.code == 2
    assert "pdf" in one_error_line(capsys.readouterr().err)


def test_python_dash_m_tui_exports(texts, tmp_path):
    target = tmp_path / "r.html"
    result = subprocess.run(
        [sys.executable, "-m", "tui", *texts, "--export", str(target)],
        capture_output=True,
        text=True,
        cwd=paths.REPO,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"compare-tui: wrote html report to {target}"
    page = target.read_text(encoding="utf-8")
    assert (
        page.startswith("<!DOCTYPE html>")
        and "<svg" in page
        and page.count("<table") - page.count('<table class="sent">') == 1
    )
