"""How long the app takes to show something, and to show the comparison: fresh processes in tmux.

``python -m benchmarks.first_screen [--sizes 40 5000] [--repeat 3]`` starts
``compare-tui left.txt right.txt`` on the synthetic pairs of :mod:`benchmarks.whole_command`
in a detached tmux terminal (120 × 40) and reads the terminal every few milliseconds until

* the first frame: anything drawn (the app's progress display);
* the first useful screen: the status line's ``difference 1 of N`` (or its "no differences"),
  i.e. the comparison listed and the first difference shown beside the texts;

then quits the app. Wall seconds from the command's start, median of ``--repeat`` runs, the
app's CPU seconds when its first frame and its useful screen were there (less noisy on a
shared machine: they leave out the time the app waited for a core), and the machine's load
average. The bytecode is cached first, as in :mod:`benchmarks.whole_command`.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from benchmarks.whole_command import child_environment, warm_cache, write_pair

REPO = Path(__file__).resolve().parent.parent
USEFUL_MARKERS = ("difference 1 of", "no differences")
POLL_SECONDS = 0.005
GIVE_UP_SECONDS = 120.0


class Timing(NamedTuple):
    """Seconds from the command's start to its first frame and to its first useful screen, and
    the app's CPU seconds (user + system) at each."""

    first_frame: float
    first_frame_cpu: float
    useful: float
    useful_cpu: float


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process, from ``/proc`` (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _screen(tmux: list[str], session: str) -> str:
    return subprocess.run(
        [*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=False
    ).stdout


def time_app(left: Path, right: Path) -> Timing:
    """One fresh run of the app on ``left`` and ``right`` in tmux."""
    session = f"first-screen-{os.getpid()}-{time.monotonic_ns()}"  # a server of its own per run
    tmux = ["tmux", "-L", session]
    cache = child_environment(left.parent)["PYTHONPYCACHEPREFIX"]
    command = (
        f"cd {shlex.quote(str(left.parent))} && exec env -u PYTHONDONTWRITEBYTECODE"
        f" PYTHONPYCACHEPREFIX={shlex.quote(cache)} PYTHONPATH={shlex.quote(str(REPO))}"
        f" TERM=xterm-256color {sys.executable} -m tui {left.name} {right.name} --no-state"
    )
    start = time.perf_counter()
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command], check=True
    )
    first_frame = first_frame_cpu = useful = useful_cpu = float("nan")
    try:
        pid = int(
            subprocess.run(
                [*tmux, "display-message", "-p", "-t", session, "#{pane_pid}"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        while time.perf_counter() - start < GIVE_UP_SECONDS:
            screen = _screen(tmux, session)
            now = time.perf_counter() - start
            if screen.strip() and first_frame != first_frame:
                first_frame, first_frame_cpu = now, _cpu_seconds(pid)
            if any(marker in screen.lower() for marker in USEFUL_MARKERS):
                useful, useful_cpu = now, _cpu_seconds(pid)
                break
            time.sleep(POLL_SECONDS)
        subprocess.run([*tmux, "send-keys", "-t", session, "q"], check=False)
        time.sleep(0.3)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, check=False)
    return Timing(first_frame, first_frame_cpu, useful, useful_cpu)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not shutil.which("tmux"):
        sys.exit("tmux is needed: the app runs in a real terminal")
    print(f"the app in tmux, median of {args.repeat} fresh processes, wall seconds")
    print(
        f"{'paragraphs':>10} {'first frame':>12} {'(CPU)':>6} {'useful screen':>14} {'(CPU)':>6}"
        f" {'load average':>13}"
    )
    with tempfile.TemporaryDirectory() as folder:
        warm_cache([sys.executable, "-m", "tui"], Path(folder))
        for size in args.sizes:
            left, right = write_pair(Path(folder), size)
            runs = [time_app(left, right) for _ in range(args.repeat)]
            print(
                f"{size:>10} {statistics.median(r.first_frame for r in runs):>11.2f}s"
                f" {statistics.median(r.first_frame_cpu for r in runs):>5.2f}s"
                f" {statistics.median(r.useful for r in runs):>13.2f}s"
                f" {statistics.median(r.useful_cpu for r in runs):>5.2f}s"
                f" {os.getloadavg()[0]:>13.1f}"
            )


if __name__ == "__main__":
    main()
