"""The reader's polish: how each side was read in the header, facts highest first, crash safety."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.binding import Binding
from textual.message import Message

from tests import paths
from tests.app_helpers import sample_comparison, until
from tui.app.app import CompareApp
from tui.app.bars import PaneTitles, pane_label
from tui.app.crash import MAX_LOG_CHARS, MAX_LOGS, CrashDialog, crash_dir, one_line, write_crash_log
from tui.app.panel import DiffPanel
from tui.app.start_screen import StartScreen
from tui.app.view_model import Filters, ReaderModel
from tui.engine.errors import ExportError
from tui.engine.model import Document, FactFlag, Paragraph
from tui.engine.pipeline import CompareRequest

FIXTURES = paths.FIXTURES


def document(
    source: str = "original.txt",
    encoding: str = "utf-8",
    fmt: str = "text",
    title: str | None = None,
) -> Document:
    return Document(
        source, (Paragraph(0, "Some text."),), encoding=encoding, format=fmt, title=title
    )


def status(app: CompareApp) -> str:
    return str(app.query_one("#status").render())


def titles_text(app: CompareApp) -> str:
    return str(app.query_one(PaneTitles).render())


# --------------------------------------------------------------------------- how each side was read


def test_utf8_plain_text_is_just_its_name():
    assert pane_label(document(), 40) == "original.txt"
    assert pane_label(document(encoding="utf-8-sig"), 40) == "original.txt"


def test_legacy_encoding_format_and_title_are_named():
    assert pane_label(document(encoding="cp1252"), 40) == "original.txt · cp1252"
    assert (
        pane_label(document("page.html", fmt="html", title="Ferry returns"), 60)
        == "page.html · html · “Ferry returns”"
    )


def test_a_long_title_is_cut_before_the_name_or_the_notes():
    label = pane_label(
        document(
            "page.html",
            "utf-16",
            "html",
            "A very long headline about the night ferry to the islands",
        ),
        40,
    )
    assert label.startswith("page.html · utf-16 · html · “") and label.endswith("…”")
    assert cell_len(label) <= 40


def test_without_room_the_title_goes_then_the_name_loses_its_beginning():
    doc = document("/home/reader/saved pages/2024/page.html", "cp1252", "html", "Ferry returns")
    assert pane_label(doc, 34) == "…es/2024/page.html · cp1252 · html"
    assert pane_label(doc, 8) == "…ge.html"


def test_control_characters_in_a_title_are_drawn_as_symbols():
    label = pane_label(document("page.html", fmt="html", title="Evil\x1b]52;c;AAAA\x07 title"), 60)
    assert "\x1b" not in label and "␛" in label


@given(
    source=st.text(min_size=1, max_size=60),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-16", "iso8859-15"]),
    fmt=st.sampled_from(["text", "markdown", "html"]),
    title=st.none() | st.text(max_size=80),
    width=st.integers(min_value=1, max_value=120),
)
def test_a_label_always_fits_its_column(source, encoding, fmt, title, width):
    label = pane_label(document(source, encoding, fmt, title), width)
    assert cell_len(label) <= width
    assert label  # something is always shown


async def test_header_names_the_encodings_of_latin1_and_utf16_files_at_80_columns():
    gold = FIXTURES / "encodings"
    request = CompareRequest(str(gold / "village-latin1.txt"), str(gold / "village-utf16.txt"))
    app = CompareApp(request)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = titles_text(app)
        assert "village-latin1.txt · cp1252" in text
        assert "village-utf16.txt · utf-16" in text
        assert len(text) <= 80


async def test_header_shows_an_html_sides_format_and_title():
    comparison = sample_comparison()
    page = replace(
        comparison.right, source="repost.html", format="html", title="Council backs pier plan"
    )
    app = CompareApp(replace(comparison, right=page))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "repost.html · html · “Council backs pier plan”" in titles_text(app)


# --------------------------------------------------------------------------- facts, highest first


def flagged_comparison():
    """The sample with a medium fact (split, change 3) read before a high one (moved, change 6)."""
    comparison = sample_comparison()
    changes = list(comparison.changes)
    changes[3] = replace(
        changes[3],
        facts=(FactFlag("attribution", "medium", "They asked", None, "who asked was dropped"),),
    )
    changes[6] = replace(
        changes[6], facts=(FactFlag("name", "high", "Critics", "Critic", "possible misspelling"),)
    )
    return replace(comparison, changes=tuple(changes))


def test_facts_filter_lists_high_before_medium_then_in_reading_order():
    model = ReaderModel(flagged_comparison())
    assert model.with_filters(Filters(facts_only=True)).differences == (1, 6, 3)
    assert model.differences == tuple(sorted(model.differences))  # reading order without the filter


severities = st.lists(st.sampled_from(["high", "medium"]), max_size=3)


@given(st.lists(severities, min_size=8, max_size=8), st.booleans())
def test_facts_order_is_severity_then_reading_order_and_loses_nothing(flags, unreviewed_only):
    comparison = sample_comparison()
    changes = tuple(
        replace(
            change,
            facts=tuple(
                FactFlag("number", severity, "1", "2", "changed") for severity in of_change
            ),
        )
        for change, of_change in zip(comparison.changes, flags, strict=True)
    )
    comparison = replace(comparison, changes=changes)
    filters = Filters(facts_only=True, unreviewed_only=unreviewed_only)
    model = ReaderModel(comparison, filters)
    listed = list(zip(model.differences, model.entry_facts, strict=True))
    assert sorted(listed) == [
        (i, number)
        for i, c in enumerate(changes)
        if filters.lists(c)
        for number in range(len(c.facts))
    ]
    keys = [(changes[i].facts[number].severity.rank, i, number) for i, number in listed]
    assert keys == sorted(keys)


async def test_n_steps_through_facts_highest_first_and_the_status_counts_facts():
    app = CompareApp(flagged_comparison())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        assert app._current_change() == 1
        assert "fact 1 of 3, high" in status(app)
        await pilot.press("n")
        assert app._current_change() == 6
        assert "fact 2 of 3, high" in status(app)
        await pilot.press("n")
        assert app._current_change() == 3
        assert "fact 3 of 3, medium" in status(app)
        assert app.query_one(DiffPanel).cursor == 2
        await pilot.press("p", "G")
        assert app._current_change() == 3
        await pilot.press("f")  # off: reading order again, on the same difference
        assert app._current_change() == 3
        assert app.reading.model.differences == tuple(sorted(app.reading.model.differences))
        assert f"difference {app.position + 1} of {len(app.reading.model.differences)}" in status(
            app
        )
        assert "fact" not in status(app).split("│")[0]


async def test_facts_filter_on_the_news_repost_orders_the_real_flags():
    request = CompareRequest(
        str(FIXTURES / "news-repost" / "original.txt"), str(FIXTURES / "news-repost" / "repost.txt")
    )
    app = CompareApp(request)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f")
        model = app.reading.model
        ranks = [model.fact_at(n).severity.rank for n in range(len(model.differences))]
        assert ranks and ranks == sorted(ranks)
        for number in range(1, len(ranks) + 1):
            assert f"fact {number} of {len(ranks)}" in status(app)
            await pilot.press("n")


# --------------------------------------------------------------------------- crash safety


class BuggyApp(CompareApp):
    """The reader with a bug planted behind a key, in a message handler and (optionally) in the worker."""

    BINDINGS = [*CompareApp.BINDINGS, Binding("x", "explode", "Explode")]

    class Boom(Message):
        """Posted by a test to reach a handler outside any action."""

    def action_explode(self) -> None:
        raise ZeroDivisionError("planted bug\x1b[2J\nwith a second line the dialog leaves out")

    def on_buggy_app_boom(self, message: Boom) -> None:
        raise RuntimeError("bug in a handler")


def crash_logs() -> list[Path]:
    return sorted(crash_dir().glob("crash-*.log"))


async def test_a_bug_in_an_action_is_logged_shown_and_the_reader_goes_on():
    app = BuggyApp(sample_comparison())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CrashDialog)
        [log] = crash_logs()
        assert dialog.log_path == log and app.crash_logs == [log]
        shown = str(dialog.query_one("#crash-error").render())
        assert shown == "ZeroDivisionError: planted bug␛[2J"  # one line, control-safe
        assert str(log) in str(dialog.query_one("#crash-log").render())
        text = log.read_text(encoding="utf-8")
        assert (
            "action 'explode'" in text and "Traceback" in text and "raise ZeroDivisionError" in text
        )
        assert "original.txt" in text  # which texts were open
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CrashDialog)
        await pilot.press("n")  # still reading
        assert app.position == 1
        await pilot.press("x", "q")  # a second bug; this time quit from the dialog
        await pilot.pause()
        assert len(crash_logs()) == 2
    assert app.return_code == 1


async def test_a_second_bug_while_the_dialog_is_open_is_logged_without_a_second_dialog():
    app = BuggyApp(sample_comparison())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await app.run_action("explode")
        await pilot.pause()
        assert len(crash_logs()) == 2
        assert sum(isinstance(screen, CrashDialog) for screen in app.screen_stack) == 1


async def test_a_bug_in_the_comparison_worker_is_shown_and_other_texts_can_be_opened(monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("aligner bug")

    monkeypatch.setattr("tui.engine.compare.compare_documents", broken)
    request = CompareRequest(
        str(FIXTURES / "news-repost" / "original.txt"), str(FIXTURES / "news-repost" / "repost.txt")
    )
    app = CompareApp(request)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CrashDialog))
        await pilot.pause()
        assert "KeyError: 'aligner bug'" in str(app.screen.query_one("#crash-error").render())
        assert "worker" in crash_logs()[0].read_text(encoding="utf-8")
        await pilot.click("#continue")
        await pilot.pause()
        assert not app.query_one("#progress").display
        assert "error:" in status(app)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
    assert not app.return_code  # closed normally, not by a crash


async def test_a_user_error_from_an_action_is_a_notification_not_a_crash(monkeypatch):
    app = CompareApp(sample_comparison())

    def refuse() -> None:
        raise ExportError("cannot write /nowhere/report.html")

    monkeypatch.setattr(app, "action_export", refuse)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert not isinstance(app.screen, CrashDialog)
        assert "cannot write /nowhere/report.html" in "\n".join(
            n.message for n in app._notifications
        )
        assert crash_logs() == []


async def test_a_bug_outside_any_action_still_ends_the_app_but_is_logged_first():
    app = BuggyApp(sample_comparison())
    with pytest.raises(RuntimeError, match="bug in a handler"):
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.post_message(BuggyApp.Boom())
            await pilot.pause()
    [log] = crash_logs()
    assert "bug in a handler" in log.read_text(encoding="utf-8")
    assert app.return_code == 1 and app.crash_logs == [log]


def test_crash_logs_are_bounded_in_number_and_size(tmp_path):
    error = ValueError("x" * (MAX_LOG_CHARS * 2))
    for _ in range(MAX_LOGS + 5):
        path = write_crash_log(error, "test", folder=tmp_path)
        assert len(path.read_text(encoding="utf-8")) <= MAX_LOG_CHARS + 100
    kept = sorted(tmp_path.glob("crash-*.log"))
    assert len(kept) == MAX_LOGS and path in kept


def test_an_unwritable_state_dir_still_shows_the_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OSError):
        write_crash_log(ValueError("bug"), "test", folder=blocker / "crashes")
    assert one_line(ValueError("")) == "ValueError"
    assert len(one_line(ValueError("y" * 1000))) <= 200
