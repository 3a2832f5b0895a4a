"""Fuzz the loader and the engine: arbitrary bytes -> decode, segment, label, align, export.

Run (from the repository root, with the project's venv)::

    python fuzz/fuzz_engine.py --seconds 300            # atheris (libFuzzer) if installed
    python fuzz/fuzz_engine.py --seconds 300 --corpus /tmp/ct-corpus  # keep what it learns
    python fuzz/fuzz_engine.py --seconds 300 --hypothesis  # pure-Python fallback
    python fuzz/fuzz_engine.py --replay crash-*           # re-run findings

One input is two documents: byte 0 and 1 pick each side's format (detect, text,
Markdown, HTML), bytes 2-3 the length of the left side, the rest is the left
then the right side's raw bytes. Seeds are built from ``fixtures/`` and a few
hostile strings, so the fuzzer starts from real text rather than noise.

Every input must either be refused with an :class:`~tui.engine.errors.InputError`
(the CLI's one-line error) or compare with the report contract intact: each
paragraph of both sides in exactly one change, the reports' paragraphs equal
to the loaded ones, and every exporter rendering without an exception or a raw
control character. Any
other exception, or an input slower than ``--timeout`` seconds, is a finding:
atheris writes it to ``crash-*``/``timeout-*`` files in the working directory.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORMATS = (None, "text", "markdown", "html")
HEADER = 4
SEED_SIDE_BYTES = 3000
HOSTILE_SEEDS = (
    "Red \x1b[31mtext\x1b[0m, clear \x1b[2J, clip \x1b]52;c;ZXZpbA==\x07, title \x1b]0;t\x07.\n\nsafe\rEVIL\n",
    "[bold red]x[/] [link=https://evil]click[/link] <script>alert(1)</script>\n\n> > > deep\n",
    "وقال الوزير إن الخطة\n\nהשר אמר כי\n\ncafe\u0301 👨‍👩‍👧‍👦 🇫🇷\u2028x\n",
)


def pack(left: bytes, right: bytes, left_format: int = 0, right_format: int = 0) -> bytes:
    """One fuzz input from two documents (the inverse of :func:`unpack`)."""
    left = left[:0xFFFF]
    return bytes([left_format, right_format]) + len(left).to_bytes(2, "big") + left + right


def unpack(data: bytes) -> tuple[bytes, bytes, str | None, str | None]:
    """Two documents and their formats from one fuzz input; any bytes are a valid input."""
    header = data[:HEADER].ljust(HEADER, b"\0")
    body = data[HEADER:]
    cut = int.from_bytes(header[2:4], "big") % (len(body) + 1)
    return body[:cut], body[cut:], FORMATS[header[0] % 4], FORMATS[header[1] % 4]


def check(data: bytes) -> None:
    """Load both sides from bytes and compare them; raise AssertionError on a broken contract."""
    from tui.engine.compare import compare_documents
    from tui.engine.errors import InputError
    from tui.engine.loading import load_document
    from tui.engine.pipeline import label_boilerplate
    from tui.export import render

    left_bytes, right_bytes, left_format, right_format = unpack(data)
    try:
        left = load_document("-", left_format, stdin=io.BytesIO(left_bytes))
        right = load_document("-", right_format, stdin=io.BytesIO(right_bytes))
    except InputError as error:
        assert "\n" not in str(error), "an error message must be one line"
        return
    comparison = compare_documents(label_boilerplate(left), label_boilerplate(right))
    for side, document in (("left", comparison.left), ("right", comparison.right)):
        indices = sorted(i for change in comparison.changes for i in getattr(change, side))
        assert indices == list(range(len(document.paragraphs))), (
            f"{side} paragraphs not each in one change"
        )
        assert all(text.strip() for text in document.texts), f"empty {side} paragraph"
    report = json.loads(render(comparison, "json"))
    assert report["left"]["paragraphs"] == list(left.texts)
    assert report["right"]["paragraphs"] == list(right.texts)
    for fmt in ("json", "md", "html"):
        raw = {
            ch
            for ch in render(comparison, fmt)
            if unicodedata.category(ch) == "Cc" and ch not in "\t\n"
        }
        assert not raw, f"{fmt} report carries raw control characters {raw!r}"


def seeds() -> list[bytes]:
    """Starting inputs: pairs of fixture files (cut short), each in every format, and hostile text."""
    files = sorted(
        p for p in (ROOT / "fixtures").glob("*/*") if p.name != "gold.json" and p.is_file()
    )
    texts = [p.read_bytes()[:SEED_SIDE_BYTES] for p in files] + [s.encode() for s in HOSTILE_SEEDS]
    pairs = list(zip(texts[::2], texts[1::2], strict=True))
    return [pack(left, right, fmt, fmt) for left, right in pairs for fmt in range(4)]


def run_atheris(seconds: int, timeout: int, corpus: Path | None, extra: list[str]) -> None:
    import atheris

    with atheris.instrument_imports():
        import tui.engine.compare  # noqa: F401  (instrumented for coverage feedback)
        import tui.engine.loading  # noqa: F401
        import tui.engine.pipeline  # noqa: F401
        import tui.export  # noqa: F401
        import tui.export.html  # noqa: F401
        import tui.export.json_report  # noqa: F401
        import tui.export.markdown  # noqa: F401

    corpus = corpus or Path(tempfile.mkdtemp(prefix="compare-tui-fuzz-"))
    corpus.mkdir(parents=True, exist_ok=True)
    for number, seed in enumerate(seeds()):
        (corpus / f"seed-{number:03}").write_bytes(seed)
    args = [
        sys.argv[0],
        f"-max_total_time={seconds}",
        f"-timeout={timeout}",
        "-max_len=20000",
        "-rss_limit_mb=4096",
        *extra,
        str(corpus),
    ]
    print(f"atheris: {seconds}s, corpus {corpus}", file=sys.stderr)
    atheris.Setup(args, check)
    atheris.Fuzz()


def run_hypothesis(seconds: int) -> None:
    """Batches of random inputs (raw bytes, and seeds with random bytes spliced in) until time is up."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seed_inputs = seeds()
    spliced = st.builds(
        lambda seed, at, junk: seed[:at] + junk + seed[at:],
        st.sampled_from(seed_inputs),
        st.integers(0, 4000),
        st.binary(max_size=64) | st.text(max_size=32).map(str.encode),
    )
    inputs = (
        st.binary(max_size=2000)
        | spliced
        | st.text(max_size=2000).map(lambda t: pack(t.encode(), t[::-1].encode()))
    )

    @settings(
        max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(inputs)
    def batch(data: bytes) -> None:
        check(data)

    deadline, runs = time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        batch()
        runs += 200
    print(f"hypothesis: {runs} inputs in {seconds}s, no failure", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=300, help="total fuzzing time (default 300)")
    parser.add_argument(
        "--timeout", type=int, default=60, help="seconds one input may take (atheris)"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        help="corpus folder to keep and grow across runs (default: a new temporary one)",
    )
    parser.add_argument(
        "--hypothesis", action="store_true", help="use hypothesis even if atheris is installed"
    )
    parser.add_argument(
        "--replay",
        nargs="+",
        metavar="FILE",
        help="run saved inputs (e.g. crash-*) once and report",
    )
    args, extra = parser.parse_known_args()
    if args.replay:
        for name in args.replay:
            check(Path(name).read_bytes())
            print(f"{name}: ok", file=sys.stderr)
        return
    try:
        if args.hypothesis:
            raise ImportError
        import atheris  # noqa: F401
    except ImportError:
        run_hypothesis(args.seconds)
    else:
        run_atheris(args.seconds, args.timeout, args.corpus, extra)


if __name__ == "__main__":
    main()
