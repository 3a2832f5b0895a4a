"""compare-tui as git's difftool, in a repository made by the test.

git hands the tool temporary copies of old revisions (/tmp/git-blob-XXXX/story.txt
or /tmp/XXXX_story.txt, depending on the version) and /dev/null for the missing
side of an added or deleted file; ``--summary`` keeps the app closed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import COSMETIC, ORIGINAL, REWRITE, cli_env

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture
def repo(tmp_path):
    """story.txt in three revisions (original, cosmetic edit, rewrite), then notes.txt added."""
    repo = tmp_path / "repo"
    repo.mkdir()
    env = cli_env(tmp_path, GIT_CONFIG_NOSYSTEM="1", HOME=str(tmp_path / "home"))
    git(repo, "init", "-q", env=env)
    git(repo, "config", "user.name", "Test Writer", env=env)
    git(repo, "config", "user.email", "writer@example.invalid", env=env)
    for text, message in (
        (ORIGINAL, "first draft"),
        (COSMETIC, "curly quotes"),
        (REWRITE, "rewrite"),
    ):
        (repo / "story.txt").write_text(text, encoding="utf-8")
        git(repo, "add", "story.txt", env=env)
        assert git(repo, "commit", "-q", "-m", message, env=env).returncode == 0
    (repo / "notes.txt").write_text("Check the figure with the harbour board.\n", encoding="utf-8")
    git(repo, "add", "notes.txt", env=env)
    git(repo, "commit", "-q", "-m", "notes", env=env)
    return repo, env


def difftool(
    repo: Path, env: dict[str, str], tool: str, *revisions: str
) -> subprocess.CompletedProcess[str]:
    command = f'"{sys.executable}" -m tui {tool}'
    return git(repo, "difftool", "-y", "--trust-exit-code", "-x", command, *revisions, env=env)


def test_difftool_summary_of_two_revisions(repo):
    repo, env = repo
    result = difftool(repo, env, "--summary", "HEAD~3", "HEAD~1", "--", "story.txt")
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[0]
    left, right = header.split(" → ")
    assert left.endswith("story.txt") and right.endswith("story.txt") and left != right
    assert "4 differences" in result.stdout and "“£2.1 million” → “£2 million”" in result.stdout


def test_difftool_against_the_work_tree(repo):
    repo, env = repo
    result = difftool(repo, env, "--summary", "HEAD~3", "--", "story.txt")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].endswith(" → story.txt")


def test_difftool_exit_code_tells_cosmetic_from_content(repo):
    repo, env = repo
    assert difftool(repo, env, "--exit-code", "HEAD~3", "HEAD~2", "--", "story.txt").returncode == 0
    # git reports a failing tool under --trust-exit-code with its own non-zero status.
    assert difftool(repo, env, "--exit-code", "HEAD~2", "HEAD~1", "--", "story.txt").returncode != 0


def test_difftool_on_an_added_file_compares_against_empty(repo):
    repo, env = repo
    result = difftool(repo, env, "--summary", "HEAD~1", "HEAD")
    assert result.returncode == 0, result.stderr
    assert "/dev/null (empty) → " in result.stdout and "+ added 1" in result.stdout


def test_configured_difftool_runs_with_local_and_remote(repo):
    """The README's ``[difftool "compare-tui"] cmd = compare-tui "$LOCAL" "$REMOTE"``, with --summary."""
    repo, env = repo
    command = f'"{sys.executable}" -m tui --summary "$LOCAL" "$REMOTE"'
    git(repo, "config", "difftool.compare-tui.cmd", command, env=env)
    result = git(
        repo, "difftool", "-y", "--tool=compare-tui", "HEAD~3", "HEAD~1", "--", "story.txt", env=env
    )
    assert result.returncode == 0, result.stderr
    assert "4 differences" in result.stdout
