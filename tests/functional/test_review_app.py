"""Pilot tests of the review workflow: marks, notes, the unreviewed filter, persistence, settings.

The conftest points the XDG data and config dirs at the test's tmp_path, so
every app here reads and writes a fresh review database and settings file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from textual.widgets import Input, TextArea

from tests import paths
from tests.app_helpers import sample_comparison
from tui.app.app import REVIEW_CHECK_SECONDS, CompareApp
from tui.app.export_dialog import ExportDialog
from tui.app.note_editor import NoteEditor
from tui.app.panel import DiffPanel
from tui.app.review_session import open_review
from tui.engine.pipeline import CompareRequest
from tui.export.json_report import report_schema
from tui.options import AppOptions, session_options
from tui.review.keys import difference_indices
from tui.review.marks import Mark
from tui.review.store import ReviewStore, default_state_path, stored_review
from tui.settings import Settings, SettingsError, load_settings, save_settings, settings_path

FIXTURE = paths.FIXTURES / "news-repost"


def fixture_request(left: Path | None = None, right: Path | None = None) -> CompareRequest:
    return CompareRequest(
        str(left or FIXTURE / "original.txt"), str(right or FIXTURE / "repost.txt")
    )


def fixture_app(request: CompareRequest | None = None, **options) -> CompareApp:
    request = request or fixture_request()
    return CompareApp(request, options=AppOptions(**options))


async def until_compared(app: CompareApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.reading is not None


def status(app: CompareApp) -> str:
    return str(app.query_one("#status").render())


def notifications(app: CompareApp) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


async def write_note(app: CompareApp, pilot, text: str) -> None:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, NoteEditor)
    app.screen.query_one(TextArea).text = text
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert not isinstance(app.screen, NoteEditor)


# --------------------------------------------------------------------------- marking


async def test_space_bang_and_a_mark_the_current_difference_and_the_panel_shows_it():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        total = app.reading.review.total
        assert f"reviewed 0 / {total}" in status(app)
        current = app._current_change()
        await pilot.press("space")
        assert app.reading.review.mark(current).reviewed
        assert f"reviewed 1 / {total}" in status(app)
        assert app.position == 1  # space moved on to the next difference to review
        await pilot.press("p", "exclamation_mark")
        await write_note(app, pilot, "The figure went vague.")
        mark = app.reading.review.mark(current)
        assert mark.significant and mark.note == "The figure went vague."
        line = app.query_one(DiffPanel).render_line(0).text
        assert line.startswith("✓★✎")
        await pilot.press("space", "exclamation_mark")  # both toggle back; unmarking stays put
        assert app._current_change() == current
        assert (
            not app.reading.review.mark(current).reviewed
            and not app.reading.review.mark(current).significant
        )
        assert f"reviewed 0 / {total}" in status(app)


async def test_the_note_is_shown_under_its_difference_and_escape_cancels_an_edit():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await write_note(app, pilot, "first thought")
        panes = app.query_one("#panes")
        assert any("✎ first thought" in panes.render_line(y).text for y in range(panes.size.height))
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "first thought"
        app.screen.query_one(TextArea).text = "discarded"
        await pilot.press("escape")
        await pilot.pause()
        assert app.reading.review.mark(app._current_change()).note == "first thought"
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "saved with the button"
        await pilot.click("#save")
        await pilot.pause()
        assert app.reading.review.mark(app._current_change()).note == "saved with the button"


async def test_only_differences_can_be_marked():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("b")  # list the boilerplate byline too
        await pilot.press("g")
        boilerplate = app._current_change()
        assert app.reading.comparison.changes[boilerplate].boilerplate
        assert app.check_action("toggle_reviewed", ()) is None
        await pilot.press("space", "a")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        assert app.reading.review.marks == {}


async def test_u_lists_only_unreviewed_and_marking_moves_on():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        everything = app.reading.model.differences
        await pilot.press("u")
        assert "unreviewed only" in status(app)
        await pilot.press("space")  # reviewed: it leaves the list, the next one is current
        assert app.reading.model.differences == everything[1:]
        assert app._current_change() == everything[1]
        while app.reading.model.differences:
            await pilot.press("space")
        assert app.reading.review.reviewed == app.reading.review.total
        assert "all 6 differences reviewed" in notifications(app)
        await pilot.press("u")
        assert app.reading.model.differences == everything


# --------------------------------------------------------------------------- persistence


async def test_a_second_run_on_the_same_pair_sees_the_marks():
    app = fixture_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await until_compared(app, pilot)
        await pilot.press("space", "n", "exclamation_mark")
        await write_note(app, pilot, "check this quote")
        marked = dict(app.reading.review.marks)
    assert default_state_path().exists()

    again = fixture_app()
    async with again.run_test(size=(160, 45)) as pilot:
        await until_compared(again, pilot)
        assert again.reading.review.marks == marked
        assert again.position == 1  # the review resumes at the first unreviewed difference
        assert f"reviewed 1 / {again.reading.review.total}" in status(again)
        assert again.query_one(DiffPanel).render_line(0).text.startswith("✓")


async def test_two_instances_on_the_same_pair_keep_each_others_marks_and_say_so():
    """One marked every difference reviewed, the other significant: reopened, only one kind survived."""
    app = fixture_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await until_compared(app, pilot)
        other, _, _ = open_review(app.reading.comparison, ReviewStore.open(default_state_path()))
        differences = difference_indices(app.reading.comparison)
        for change in differences:
            app.reading.review.set(change, Mark(reviewed=True))
            other.set(change, Mark(significant=True))  # knows nothing of the first's marks
        await pilot.pause(REVIEW_CHECK_SECONDS + 0.5)  # the app looks every REVIEW_CHECK_SECONDS
        assert f"changed {len(differences)} marks of this review" in notifications(app)
        assert all(app.reading.review.mark(change) == Mark(True, True) for change in differences)
        other.store.close()
    assert set(stored_review(app.reading.comparison).values()) == {Mark(True, True)}


async def test_a_file_name_that_is_not_utf8_is_reviewed_and_shown_escaped(tmp_path):
    """Storing the name raised UnicodeEncodeError in SQLite: the bug dialog instead of the review."""
    left = tmp_path / os.fsdecode(b"caf\xe9 [red]\x1b[31m.txt")
    left.write_bytes((FIXTURE / "original.txt").read_bytes())
    app = fixture_app(fixture_request(left=left))
    async with app.run_test(size=(160, 45)) as pilot:
        await until_compared(app, pilot)
        assert isinstance(app.reading.review.store, ReviewStore)
        assert "caf\\xe9 [red]␛[31m.txt" in app.sub_title
        app.notify(f"cannot open {left.name}")  # as markup, "[red]" would vanish
        await pilot.pause()
        [notice] = [n for n in app._notifications if "cannot open" in n.message]
        assert "caf\\xe9 [red]␛[31m.txt" in notice.message and not notice.markup
    [recent] = ReviewStore.open(default_state_path()).recent()
    assert recent.left_source.endswith("caf\\xe9 [red]\x1b[31m.txt")


async def test_a_changed_input_is_detected_and_said(tmp_path):
    right = tmp_path / "repost.txt"
    right.write_text((FIXTURE / "repost.txt").read_text(encoding="utf-8"), encoding="utf-8")
    request = fixture_request(right=right)
    app = fixture_app(request)
    async with app.run_test(size=(160, 45)) as pilot:
        await until_compared(app, pilot)
        await pilot.press("space")
    story = right.read_text(encoding="utf-8")
    new = "A brand new paragraph about something else entirely, set in the middle of the story."
    right.write_text(  # in the story: after the forum's footer it would be page furniture
        story.replace("MPs are expected", f"{new}\n\nMPs are expected", 1), encoding="utf-8"
    )
    again = fixture_app(request)
    async with again.run_test(size=(160, 45)) as pilot:
        await until_compared(again, pilot)
        said = notifications(again)
        assert "the right side changed since your review: 1 difference is new" in said
        assert "1 of your marks carried over" in said
        assert again.reading.review.reviewed == 1


async def test_a_corrupt_database_is_one_warning_and_the_review_goes_on():
    path = default_state_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "corrupt" in notifications(app)
        await pilot.press("space")
        assert app.reading.review.reviewed == 1  # kept in memory
        assert f"reviewed 1 / {app.reading.review.total}" in status(app)


async def test_a_store_failing_mid_session_warns_once_and_keeps_the_marks():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.store._db.close()  # as if the file vanished under us
        await pilot.press("space", "n", "space")
        await pilot.pause()
        assert notifications(app).count("reviewing without saving") == 1
        assert app.reading.review.reviewed == 2


async def test_no_state_creates_no_database():
    app = fixture_app(no_state=True)
    async with app.run_test(size=(160, 45)) as pilot:
        await until_compared(app, pilot)
        await pilot.press("space")
        assert app.reading.review.reviewed == 1
    assert not default_state_path().exists()
    assert not any(default_state_path().parent.parent.rglob("*.sqlite3*"))


# --------------------------------------------------------------------------- settings


async def test_a_corrupt_settings_file_is_a_warning_and_is_not_overwritten():
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("theme = [unclosed\n", encoding="utf-8")
    app = CompareApp(sample_comparison(), options=session_options())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "cannot read settings" in notifications(app)
        await pilot.press("b")
        assert app.filters.show_boilerplate
    assert path.read_text(encoding="utf-8") == "theme = [unclosed\n"


async def test_settings_are_applied_and_changes_saved():
    save_settings(
        Settings(
            theme="textual-light",
            show_boilerplate=True,
            kinds_filter=("reworded", "added"),
            export_format="md",
        )
    )
    app = CompareApp(sample_comparison(), options=session_options())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
        assert app.filters.show_boilerplate
        assert {
            app.reading.comparison.changes[i].kind.value for i in app.reading.model.differences
        } <= {
            "reworded",
            "added",
            "dropped",
        }
        await pilot.press("b", "c")
        app.theme = "textual-dark"
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#path", Input).value.endswith(".md")
    saved, warnings = load_settings()
    assert not warnings
    assert (saved.theme, saved.show_boilerplate, saved.show_unchanged) == (
        "textual-dark",
        False,
        False,
    )
    assert set(saved.kinds_filter) == {"unchanged", "reworded", "added"}


async def test_settings_that_cannot_be_saved_are_one_warning_not_a_crash(monkeypatch):
    def disk_full(settings, path=None):
        raise SettingsError(f"cannot save settings to {settings_path()}: No space left on device")

    monkeypatch.setattr("tui.app.app.save_settings", disk_full)
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("b", "b", "c")
        assert notifications(app).count("cannot save settings") == 1


async def test_settings_warnings_from_the_cli_are_shown_once():
    app = CompareApp(
        sample_comparison(),
        options=AppOptions(
            settings=Settings(), settings_warnings=("x.toml: unknown setting 'colour' ignored",)
        ),
    )
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert notifications(app).count("unknown setting 'colour'") == 1


# --------------------------------------------------------------------------- reports


@pytest.mark.slow
async def test_export_from_the_app_carries_marks_and_notes_in_every_format(tmp_path):
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("space", "p", "exclamation_mark")  # space moved on: back to it
        await write_note(app, pilot, "vague <figure> & *all*")
        current = app._current_change()
        for fmt in ("json", "md", "html"):
            await pilot.press("e")
            await pilot.pause()
            app.screen.query_one("#format").value = fmt
            await pilot.pause()
            app.screen.query_one("#path", Input).value = str(tmp_path / f"report.{fmt}")
            await pilot.click("#write")
            await pilot.pause()
            assert not isinstance(app.screen, ExportDialog)
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft202012Validator(report_schema()).iter_errors(data))
    assert data["changes"][current]["review"] == {
        "reviewed": True,
        "significant": True,
        "note": "vague <figure> & *all*",
    }
    assert "vague &lt;figure&gt; &amp; *all*" in (tmp_path / "report.html").read_text(
        encoding="utf-8"
    )
    assert "vague \\<figure\\> & \\*all\\*" in (tmp_path / "report.md").read_text(encoding="utf-8")
    assert load_settings()[0].export_format == "html"  # the last format used is the next default


async def test_stored_review_reads_what_the_app_saved():
    app = fixture_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await until_compared(app, pilot)
        await write_note(app, pilot, "for the headless report")
        comparison, marks = app.reading.comparison, dict(app.reading.review.marks)
    assert stored_review(comparison) == marks


def test_stored_review_never_creates_the_database():
    assert stored_review(sample_comparison()) is None
    assert not default_state_path().exists()


async def test_help_lists_the_review_keys():
    app = CompareApp(sample_comparison())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("#help-keys").render())
        for key in ("space", "!", "a", "u"):
            assert any(line.split()[0:1] == [key] for line in text.splitlines()), key


async def test_headless_export_carries_the_stored_notes_unless_no_state(tmp_path):
    from tui.cli import main

    app = fixture_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await until_compared(app, pilot)
        await write_note(app, pilot, "note for the command line")
    left, right = fixture_request().left, fixture_request().right
    assert main([left, right, "--export", str(tmp_path / "with.md")]) == 0
    assert "note for the command line" in (tmp_path / "with.md").read_text(encoding="utf-8")
    assert main([left, right, "--no-state", "--export", str(tmp_path / "without.md")]) == 0
    assert "note for the command line" not in (tmp_path / "without.md").read_text(encoding="utf-8")
