"""The command line as people and scripts use it: summary, exit codes, colour, pipes, hints, setup flags.

Each path of the command line has a test that runs the real console script
(``python -m tui``) in a subprocess (``run_cli``); the other tests call the same entry
point in this process (``run_main``: same arguments, environment and non-terminal
pipes, without an interpreter start each). The user's config and data dirs are under
tmp_path; a few tests replace the app itself.
"""

from __future__ import annotations

import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tests.cli_helpers import (
    COSMETIC,
    ORIGINAL,
    REPO,
    REWRITE,
    cli_env,
    one_error_line,
    run_cli,
    run_command,
    run_main,
    write_pair,
)
from tui import __version__
from tui.cli import build_parser, main
from tui.engine.pipeline import SessionDefaults
from tui.options import AppOptions
from tui.settings import Settings, save_settings

GOLDEN = REPO / "tests" / "golden"


@pytest.fixture
def pair(tmp_path):
    return write_pair(tmp_path)


# --------------------------------------------------------------------------- --summary


def test_summary_matches_the_golden_file(tmp_path, pair):
    result = run_cli(*pair, "--summary", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    golden = GOLDEN / "summary-harbour.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_a_summary_runs_on_one_thread_unless_the_user_asks_for_blas_threads(tmp_path, pair):
    """numpy's BLAS threads only cost start-up time: the command runs without them."""
    code = (
        "import os, sys; from tui.cli import main; main(sys.argv[1:]); "
        "print(len(os.listdir('/proc/self/task')), file=sys.stderr)"
    )
    command = [sys.executable, "-c", code, *pair, "--summary"]
    environment = {k: v for k, v in cli_env(tmp_path).items() if k != "OPENBLAS_NUM_THREADS"}
    alone = run_command(command, tmp_path=tmp_path, env=environment)
    asked = run_command(command, tmp_path=tmp_path, env=environment | {"OPENBLAS_NUM_THREADS": "2"})
    assert alone.stderr.split() == ["1"] and asked.stderr.split() == ["2"]


def test_summary_names_counts_facts_and_differences(tmp_path, pair):
    out = run_main(*pair, "--summary", tmp_path=tmp_path).stdout
    lines = out.splitlines()
    assert lines[0] == "original.txt → rewrite.txt"
    assert "4 differences" in lines[1]
    assert (
        "~ reworded 1" in lines[2]
        and "↕ moved 1" in lines[2]
        and "+ added 1" in lines[2]
        and "- dropped 1" in lines[2]
    )
    facts = lines[
        lines.index(next(line for line in lines if line.startswith("Facts to check"))) + 1 :
    ]
    assert facts[0].split()[0] == "high", "high-severity facts come first"
    assert "“£2.1 million” → “£2 million”" in out and "¶3→¶2" in out
    assert re.search(r"^  \+ added +— +—→¶4 +\d+ \++ +Some traders", out, re.MULTILINE), out


def test_summary_of_identical_texts_says_so(tmp_path):
    write_pair(tmp_path, ORIGINAL, ORIGINAL)
    out = run_main("original.txt", "rewrite.txt", "--summary", tmp_path=tmp_path).stdout
    assert "0 differences" in out and "No differences in content." in out and "Facts" not in out


def test_summary_lines_fit_80_columns_and_one_screen(tmp_path):
    result = run_main("--example", "--summary", tmp_path=tmp_path)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stderr
    assert max(cell_len(line) for line in lines) <= 80
    assert len(lines) <= 23


@pytest.fixture(scope="module")
def example_comparison():
    from tui.engine.pipeline import CompareRequest, example_sources, run_comparison

    return run_comparison(CompareRequest(*example_sources()))


@settings(max_examples=40, deadline=None)
@given(width=st.integers(min_value=40, max_value=160))
def test_every_summary_line_fits_the_width(example_comparison, width):
    from tui.summary import render_summary

    for line in render_summary(example_comparison, width).plain.splitlines():
        assert cell_len(line) <= width


# --------------------------------------------------------------------------- --exit-code


@pytest.mark.parametrize(
    ("right", "status"),
    [(ORIGINAL, 0), (COSMETIC, 0), (REWRITE, 1)],
    ids=["identical", "cosmetic-only", "different"],
)
def test_exit_code_alone_prints_nothing(tmp_path, right, status):
    write_pair(tmp_path, ORIGINAL, right)
    result = run_main("original.txt", "rewrite.txt", "--exit-code", tmp_path=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (status, "", "")


@pytest.mark.parametrize(
    "args",
    [
        ("missing.txt", "rewrite.txt", "--exit-code"),
        ("empty.txt", "rewrite.txt", "--exit-code"),
        ("-", "-", "--exit-code"),
        ("original.txt", "rewrite.txt", "--exit-code", "--format", "pdf"),
        ("original.txt", "rewrite.txt", "--summary", "--export", "-", "--format", "md"),
    ],
    ids=["missing", "empty", "two-stdins", "bad-format", "two-writers-to-stdout"],
)
def test_errors_exit_2_with_one_line(tmp_path, pair, args):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = run_main(*args, tmp_path=tmp_path, stdin="")
    assert result.returncode == 2
    assert result.stdout == ""
    one_error_line(result.stderr)


def test_exit_code_with_summary_and_export(tmp_path, pair):
    result = run_cli(*pair, "--summary", "--exit-code", "--export", "r.json", tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("original.txt → rewrite.txt\n")
    assert (
        (tmp_path / "r.json")
        .read_text(encoding="utf-8")
        .startswith('{\n  "format": "compare-tui-report"')
    )


def test_dev_null_is_an_empty_side(tmp_path, pair):
    """git passes /dev/null for the missing side of an added or deleted file."""
    added = run_cli("/dev/null", "rewrite.txt", "--summary", "--exit-code", tmp_path=tmp_path)
    assert added.returncode == 1, added.stderr
    assert added.stdout.startswith("/dev/null (empty) → rewrite.txt\n")
    assert "+ added 4" in added.stdout
    deleted = run_main("original.txt", "/dev/null", "--exit-code", tmp_path=tmp_path)
    assert deleted.returncode == 1, deleted.stderr
    both = run_main("/dev/null", "/dev/null", "--exit-code", tmp_path=tmp_path)
    assert both.returncode == 2 and "nothing to compare" in one_error_line(both.stderr)


# --------------------------------------------------------------------------- pipes and stdin


def test_stdin_dash_reads_one_side(tmp_path, pair):
    result = run_cli("-", "rewrite.txt", "--summary", tmp_path=tmp_path, stdin=ORIGINAL)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("- → rewrite.txt\n") and "4 differences" in result.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash for process substitution")
def test_process_substitution_pipe_is_read(tmp_path, pair):
    """``<(git show ...)`` arrives as /dev/fd/N, a pipe with no size: it must load like a file."""
    script = f'"{sys.executable}" -m tui <(cat original.txt) rewrite.txt --summary --exit-code'
    result = run_command(["bash", "-c", script], tmp_path=tmp_path)
    assert result.returncode == 1, result.stderr
    assert re.match(r"/dev/fd/\d+ → rewrite.txt\n", result.stdout)


def test_piped_output_has_no_escape_codes(tmp_path, pair):
    for run, args in (
        (run_cli, ("--summary",)),  # a real pipe once
        (run_main, ("--summary", "--color=auto")),
        (run_main, ("--export", "-", "--format", "md")),
    ):
        result = run(*pair, *args, tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout


def test_color_always_colours_even_a_pipe_and_never_wins_over_it(tmp_path, pair):
    always = run_cli(*pair, "--summary", "--color=always", tmp_path=tmp_path)
    assert "\x1b[" in always.stdout
    assert (
        re.sub(r"\x1b\[[0-9;]*m", "", always.stdout)
        == run_main(*pair, "--summary", tmp_path=tmp_path).stdout
    )
    assert (
        "\x1b"
        not in run_main(
            *pair, "--summary", "--color=always", "--no-color", tmp_path=tmp_path
        ).stdout
    )


def run_on_a_terminal(args: list[str], tmp_path: Path, **env: str) -> tuple[int, str]:
    """Run with stdout and stderr on a pseudo-terminal (stdin from /dev/null); returns status and output."""
    main_fd, child_fd = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", *args],
        stdin=subprocess.DEVNULL,
        stdout=child_fd,
        stderr=child_fd,
        cwd=tmp_path,
        env=cli_env(tmp_path, **env),
    )
    os.close(child_fd)
    chunks = []
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main_fd)
    return process.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_gets_colour_unless_no_color_is_set(tmp_path, pair):
    status, coloured = run_on_a_terminal([*pair, "--summary"], tmp_path)
    assert status == 0 and "\x1b[" in coloured
    status, plain = run_on_a_terminal([*pair, "--summary"], tmp_path, NO_COLOR="1")
    assert status == 0 and "\x1b" not in plain and "Facts to check" in plain


# --------------------------------------------------------------------------- the app needs a terminal


def test_stdout_not_a_terminal_gives_a_hint_instead_of_a_broken_app(tmp_path, pair):
    result = run_cli(*pair, tmp_path=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    line = one_error_line(result.stderr)
    assert "stdout is not a terminal" in line
    assert all(option in line for option in ("--summary", "--export PATH", "--exit-code"))


def test_stdin_not_a_terminal_gives_a_hint_too(tmp_path, pair):
    status, output = run_on_a_terminal(list(pair), tmp_path)
    assert status == 2
    assert output.strip().startswith("compare-tui: error: stdin is not a terminal")
    assert "--summary" in output


def app_calls(monkeypatch) -> list[tuple[object, AppOptions]]:
    """What the CLI hands the app (request, options), with a terminal faked and no app run."""
    import tui.app.app as app_module

    calls: list[tuple[object, AppOptions]] = []
    monkeypatch.setattr(
        app_module, "run_app", lambda request, options: calls.append((request, options))
    )
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    return calls


def test_the_app_gets_the_no_state_option(tmp_path, pair, monkeypatch):
    calls = app_calls(monkeypatch)
    monkeypatch.chdir(tmp_path)
    assert main([*pair, "--no-state"]) == 0
    assert main(list(pair)) == 0
    assert [options.no_state for _, options in calls] == [True, False]


@pytest.mark.parametrize("with_files", [True, False])
def test_command_line_options_are_the_whole_sessions_defaults(
    tmp_path, pair, monkeypatch, with_files
):
    """--threshold, the formats and --max-size hold for every comparison the app opens, also
    from its start screen: they are the session's defaults, not the first request's."""
    save_settings(Settings(threshold=0.7))
    calls = app_calls(monkeypatch)
    monkeypatch.chdir(tmp_path)
    options = ["--threshold", "1.5", "--left-format", "text", "--max-size", "1M"]
    assert main([*(pair if with_files else ()), *options]) == 0
    request, session = calls[0]
    assert session.defaults == SessionDefaults(
        threshold=1.5, left_format="text", right_format=None, max_bytes=1024 * 1024
    )
    assert (request is not None) == with_files
    if with_files:
        assert request.defaults == session.defaults


def test_without_threshold_the_settings_files_is_the_sessions(pair, monkeypatch):
    save_settings(Settings(threshold=0.7))
    calls = app_calls(monkeypatch)
    assert main([]) == 0
    assert calls[0][1].defaults == SessionDefaults(threshold=0.7)


def test_a_missing_file_is_an_error_before_the_app_opens(tmp_path, pair, monkeypatch, capsys):
    calls = app_calls(monkeypatch)
    monkeypatch.chdir(tmp_path)
    assert main([pair[0], str(tmp_path / "gone.txt")]) == 2
    assert capsys.readouterr().err == f"compare-tui: error: {tmp_path / 'gone.txt'}: no such file\n"
    assert calls == []


# --------------------------------------------------------------------------- settings and setup flags


def test_config_path_prints_the_settings_file_under_xdg_config_home(tmp_path):
    env = cli_env(tmp_path)
    result = run_cli("--config-path", tmp_path=tmp_path, env=env)
    assert result.returncode == 0
    assert (
        result.stdout == str(Path(env["XDG_CONFIG_HOME"]) / "compare-tui" / "settings.toml") + "\n"
    )


def test_the_settings_threshold_is_the_default_and_the_flag_overrides_it(tmp_path):
    env = cli_env(tmp_path)
    settings_file = Path(env["XDG_CONFIG_HOME"]) / "compare-tui" / "settings.toml"
    default = run_main("--example", "--summary", tmp_path=tmp_path, env=env).stdout
    cautious = run_main(
        "--example", "--summary", "--threshold", "4", tmp_path=tmp_path, env=env
    ).stdout
    assert cautious != default, (
        "the example must respond to the threshold for this test to mean anything"
    )
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text("threshold = 4.0\n", encoding="utf-8")
    assert run_main("--example", "--summary", tmp_path=tmp_path, env=env).stdout == cautious
    assert (
        run_main("--example", "--summary", "--threshold", "1", tmp_path=tmp_path, env=env).stdout
        == default
    )


def test_a_bad_setting_is_one_warning_line_and_the_run_goes_on(tmp_path, pair):
    env = cli_env(tmp_path)
    settings_file = Path(env["XDG_CONFIG_HOME"]) / "compare-tui" / "settings.toml"
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text('threshold = "high"\ncolour = "red"\n', encoding="utf-8")
    result = run_cli(*pair, "--exit-code", tmp_path=tmp_path, env=env)
    assert result.returncode == 1
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2 and all(
        line.startswith("compare-tui: warning: ") for line in warnings
    )
    assert "threshold" in warnings[0] and "colour" in warnings[1]


def test_version(tmp_path):
    result = run_cli("--version", tmp_path=tmp_path)
    assert (result.returncode, result.stdout) == (0, f"compare-tui {__version__}\n")


def test_help_has_examples_groups_and_exit_codes(tmp_path):
    out = run_main("--help", tmp_path=tmp_path).stdout
    for text in (
        "examples:",
        "git difftool",
        "exit status:",
        "NO_COLOR",
        "printed output and reports",
        "--exit-code",
        "--stat",
    ):
        assert text in out


def test_installed_entry_point_runs(tmp_path, pair):
    script = Path(sys.executable).parent / "compare-tui"
    if not script.exists():
        pytest.skip(
            f"no compare-tui console script next to {sys.executable} (package not installed in this env)"
        )
    result = run_command([str(script), *pair, "--summary", "--exit-code"], tmp_path=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout == run_main(*pair, "--summary", tmp_path=tmp_path).stdout


# --------------------------------------------------------------------------- completion


def _long_options() -> set[str]:
    return {
        flag
        for action in build_parser()._actions
        for flag in action.option_strings
        if flag.startswith("--")
    }


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script_names_every_option(tmp_path, shell):
    result = run_main("--completion", shell, tmp_path=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    spelled = (
        {flag.replace("-l ", "--") for flag in re.findall(r"-l [\w-]+", result.stdout)}
        if shell == "fish"
        else set()
    )
    for option in _long_options():
        assert option in result.stdout or option in spelled, option


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script_is_valid_syntax(tmp_path, shell):
    executable = shutil.which(shell)
    if executable is None:
        pytest.skip(f"{shell} is not installed")
    script = tmp_path / f"completion.{shell}"
    script.write_text(run_cli("--completion", shell, tmp_path=tmp_path).stdout, encoding="utf-8")
    check = (
        [executable, "--no-execute", str(script)]
        if shell == "fish"
        else [executable, "-n", str(script)]
    )
    result = subprocess.run(check, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["--form"], {"--format"}),
        (["a.txt", "--format", ""], {"json", "md", "html"}),
        (["--color", "=", "al"], {"always"}),
        (["--completion", "z"], {"zsh"}),
    ],
)
def test_bash_completion_completes_options_and_choices(tmp_path, words, expected):
    script = tmp_path / "completion.bash"
    script.write_text(run_main("--completion", "bash", tmp_path=tmp_path).stdout, encoding="utf-8")
    quoted = " ".join(f"'{word}'" for word in ["compare-tui", *words])
    program = f'source "{script}"; COMP_WORDS=({quoted}); COMP_CWORD={len(words)}; _compare_tui; printf "%s\\n" "${{COMPREPLY[@]}}"'
    result = subprocess.run(["bash", "-c", program], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == expected
