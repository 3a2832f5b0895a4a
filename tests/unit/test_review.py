"""The review store: marks survive renames and edits, and a broken database never crashes the app."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui.review.store as review_store
from tui.engine.model import Change, Comparison, Document, Kind, Paragraph
from tui.review.keys import ComparisonKeys, change_key, comparison_keys, pair_key, side_hash
from tui.review.marks import MARK_FIELDS, Mark
from tui.review.store import (
    NullStore,
    ReviewStore,
    StateUnavailable,
    default_state_path,
    open_store,
)

LEFT = ["The council met on Monday.", "It approved the budget of 4 million.", "Residents objected."]
RIGHT = [
    "The council met on Monday.",
    "It approved a budget of 5 million.",
    "A new park was announced.",
]


@pytest.fixture
def store(tmp_path: Path):
    with ReviewStore.open(tmp_path / "state" / "review.sqlite3", timeout=0.1) as opened:
        yield opened


def diff_keys(left: list[str], right: list[str]) -> list[str]:
    """Keys of a hand-made difference list: each differing paragraph index as a reworded pair."""
    return [change_key([a], [b], "reworded") for a, b in zip(left, right, strict=True) if a != b]


def open_pair(store, left, right, left_source="a.txt", right_source="b.txt"):
    keys = diff_keys(left, right)
    key = pair_key(left, right)
    result = store.record_open(
        ComparisonKeys(key, side_hash(left), side_hash(right), tuple(keys)),
        left_source,
        right_source,
    )
    return key, keys, result


# ------------------------------------------------------------------ keys


def test_pair_key_depends_on_which_side_holds_which_text():
    assert pair_key(["a"], ["b"]) != pair_key(["b"], ["a"])
    assert pair_key(["ab", "c"], []) != pair_key(["a", "bc"], [])
    assert pair_key(LEFT, RIGHT) == pair_key(list(LEFT), tuple(RIGHT))


def test_change_key_depends_on_texts_and_kind_but_not_on_split_point_ambiguity():
    assert change_key(["x"], ["y"], "reworded") != change_key(["x"], ["y"], "moved")
    assert change_key(["x", "y"], [], "merged") != change_key(["x"], ["y"], "merged")
    assert change_key(["x"], ["y"], Kind.REWORDED) == change_key(["x"], ["y"], "reworded")


def test_comparison_keys_number_identical_differences_apart():
    left = Document("l", (Paragraph(0, "Intro."),))
    right = Document(
        "r", (Paragraph(0, "Intro."), Paragraph(1, "Same line."), Paragraph(2, "Same line."))
    )
    changes = (
        Change(Kind.UNCHANGED, (0,), (0,), 1.0),
        Change(Kind.ADDED, (), (1,), 0.0),
        Change(Kind.ADDED, (), (2,), 0.0),
    )
    keys = comparison_keys(Comparison(left, right, changes, 0.5))
    assert len(keys.change_keys) == 2 == len(set(keys.change_keys))
    assert keys.change_keys[1] == keys.change_keys[0] + "#2"
    assert keys.pair_key == pair_key(left.texts, right.texts)
    assert (keys.left_hash, keys.right_hash) == (side_hash(left.texts), side_hash(right.texts))


# ------------------------------------------------------------------ round trips


def test_the_default_database_lives_in_the_user_data_dir(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(review_store.platformdirs, "user_data_dir", lambda app: str(tmp_path / app))
    assert default_state_path().parent == tmp_path / "compare-tui"
    with ReviewStore.open() as store:
        assert store.path == default_state_path() and store.path.exists()


def test_marks_round_trip_and_survive_reopening(tmp_path: Path):
    path = tmp_path / "review.sqlite3"
    with ReviewStore.open(path) as store:
        key, keys, result = open_pair(store, LEFT, RIGHT)
        assert result.first_open and result.message is None
        store.set_mark(key, keys[0], Mark(reviewed=True, note="number changed: 4 → 5 million"))
        store.set_mark(key, keys[1], Mark(significant=True))
    with ReviewStore.open(path) as store:
        _, _, again = open_pair(store, LEFT, RIGHT)
        assert not again.first_open and again.message is None
        assert store.marks(key) == {
            keys[0]: Mark(True, False, "number changed: 4 → 5 million"),
            keys[1]: Mark(False, True, ""),
        }


def test_a_blank_mark_removes_the_entry(store):
    key, keys, _ = open_pair(store, LEFT, RIGHT)
    store.set_mark(key, keys[0], Mark(reviewed=True))
    store.set_mark(key, keys[0], Mark())
    assert store.marks(key) == {}


def test_recent_is_most_recent_first_with_progress(store):
    first, first_keys, _ = open_pair(store, LEFT, RIGHT, "one.txt", "one-repost.txt")
    second, _, _ = open_pair(store, LEFT[:2], RIGHT[:2], "two.txt", "two-repost.txt")
    store.set_mark(first, first_keys[0], Mark(reviewed=True))
    store.set_mark(first, first_keys[1], Mark(significant=True))
    assert [s.left_source for s in store.recent()] == ["two.txt", "one.txt"]
    open_pair(store, LEFT, RIGHT, "one.txt", "one-repost.txt")
    summaries = store.recent()
    assert [s.pair_key for s in summaries] == [first, second]
    assert (summaries[0].reviewed, summaries[0].total, summaries[0].significant) == (1, 2, 1)
    assert (summaries[1].reviewed, summaries[1].total) == (0, 1)
    assert summaries[0].opened_at >= summaries[1].opened_at
    assert [s.pair_key for s in store.recent(limit=1)] == [first]


def test_forget_removes_pair_and_marks(store):
    key, keys, _ = open_pair(store, LEFT, RIGHT)
    store.set_mark(key, keys[0], Mark(reviewed=True))
    store.forget(key)
    assert store.marks(key) == {}
    assert store.recent() == []


# ------------------------------------------------------------------ renames and edits


def test_a_renamed_file_keeps_its_review(store):
    key, keys, _ = open_pair(store, LEFT, RIGHT, "draft.txt", "repost.html")
    store.set_mark(key, keys[0], Mark(reviewed=True, note="checked"))
    same_key, _, result = open_pair(store, LEFT, RIGHT, "archive/final.txt", "repost.html")
    assert same_key == key and not result.first_open and result.message is None
    assert store.marks(key) == {keys[0]: Mark(True, False, "checked")}
    assert [(s.left_source, s.reviewed) for s in store.recent()] == [("archive/final.txt", 1)]


def test_a_changed_side_is_detected_and_untouched_marks_carry_over(store):
    old_key, old_keys, _ = open_pair(store, LEFT, RIGHT)
    store.set_mark(old_key, old_keys[0], Mark(reviewed=True, note="budget figure"))
    store.set_mark(old_key, old_keys[1], Mark(reviewed=True))
    edited = [RIGHT[0], RIGHT[1], "A new park was announced on Friday.", "The mayor resigned."]
    new_key, new_keys, result = open_pair(store, LEFT + ["Closing words."], edited)
    assert new_key != old_key
    assert (result.left_changed, result.right_changed) == (True, True)
    assert result.new_differences == 2 and result.carried_marks == 1
    assert result.message == "both sides changed since your review: 2 differences are new"
    assert store.marks(new_key) == {old_keys[0]: Mark(True, False, "budget figure")}
    assert old_keys[0] in new_keys
    assert [(s.pair_key, s.reviewed, s.total) for s in store.recent()] == [(new_key, 1, 3)]


def test_only_the_right_side_changed(store):
    open_pair(store, LEFT, RIGHT)
    _, _, result = open_pair(store, LEFT, RIGHT[:2] + ["Another park."])
    assert (result.left_changed, result.right_changed, result.new_differences) == (False, True, 1)
    assert result.message == "the right side changed since your review: 1 difference is new"


def test_reopening_an_edited_pair_a_second_time_reports_no_change(store):
    open_pair(store, LEFT, RIGHT)
    open_pair(store, LEFT, RIGHT[:2] + ["Another park."])
    _, _, result = open_pair(store, LEFT, RIGHT[:2] + ["Another park."])
    assert result.message is None and not result.first_open


# ------------------------------------------------------------------ broken databases


def test_a_corrupt_database_is_unavailable_not_a_crash(tmp_path: Path):
    path = tmp_path / "review.sqlite3"
    path.write_bytes(os.urandom(8192))
    with pytest.raises(StateUnavailable) as caught:
        ReviewStore.open(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and "corrupt" in message


def test_a_locked_database_is_unavailable_when_opening(tmp_path: Path):
    path = tmp_path / "review.sqlite3"
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("CREATE TABLE t (x)")
    locker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StateUnavailable, match="locked"):
            ReviewStore.open(path, timeout=0.1)
    finally:
        locker.close()


def test_a_database_locked_mid_session_makes_writes_unavailable(tmp_path: Path):
    path = tmp_path / "review.sqlite3"
    with ReviewStore.open(path, timeout=0.1) as store:
        key, keys, _ = open_pair(store, LEFT, RIGHT)
        locker = sqlite3.connect(path, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(StateUnavailable, match="locked"):
                store.set_mark(key, keys[0], Mark(reviewed=True))
        finally:
            locker.close()
        store.set_mark(key, keys[0], Mark(reviewed=True))
        assert store.marks(key) == {keys[0]: Mark(reviewed=True)}


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path):
    path = tmp_path / "review.sqlite3"
    ReviewStore.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE schema_version SET version = 999")
    with pytest.raises(StateUnavailable, match="newer"):
        ReviewStore.open(path)


def test_an_unwritable_location_is_unavailable(tmp_path: Path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the directory should be")
    with pytest.raises(StateUnavailable):
        ReviewStore.open(blocker / "review.sqlite3")


def test_open_store_falls_back_to_a_null_store_with_a_warning(tmp_path: Path):
    path = tmp_path / "review.sqlite3"
    path.write_bytes(b"definitely not sqlite" * 100)
    store, warning = open_store(path=path)
    assert isinstance(store, NullStore) and "corrupt" in warning
    store, warning = open_store(path=tmp_path / "fresh.sqlite3")
    assert isinstance(store, ReviewStore) and warning is None
    store.close()


def test_no_state_never_touches_the_database(tmp_path: Path):
    path = tmp_path / "review.sqlite3"
    store, warning = open_store(no_state=True, path=path)
    assert isinstance(store, NullStore) and warning is None
    assert not path.exists()


def test_null_store_accepts_everything_and_remembers_nothing():
    store = NullStore()
    key, keys, result = open_pair(store, LEFT, RIGHT)
    assert result.first_open and result.message is None
    store.set_mark(key, keys[0], Mark(reviewed=True))
    assert store.marks(key) == {} and store.recent() == []
    store.forget(key)


# ------------------------------------------------------------------ property


marks_strategy = st.builds(Mark, st.booleans(), st.booleans(), st.text(max_size=30))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(["k1", "k2", "k3", "k4"]), marks_strategy), max_size=25))
def test_marks_returns_the_last_mark_set_per_key(tmp_path_factory, calls):
    path = tmp_path_factory.mktemp("prop") / "review.sqlite3"
    with ReviewStore.open(path) as store:
        store.record_open(
            ComparisonKeys("pair", "l", "r", ("k1", "k2", "k3", "k4")), "a.txt", "b.txt"
        )
        for key, mark in calls:
            store.set_mark("pair", key, mark)
        expected = {key: mark for key, mark in calls}
        assert store.marks("pair") == {k: m for k, m in expected.items() if not m.is_blank}


# ------------------------------------------------------------------ hostile databases


def _tamper(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as db:
        for statement in statements:
            db.execute(statement)


@pytest.mark.parametrize("version", ["NULL", "'1'", "x'01'", "-1", "1.5"])
def test_a_damaged_schema_version_is_unavailable_not_a_type_error(tmp_path, version):
    path = tmp_path / "review.sqlite3"
    ReviewStore.open(path).close()
    _tamper(
        path,
        "DROP TABLE schema_version",
        "CREATE TABLE schema_version (version)",  # a foreign file need not keep NOT NULL
        f"INSERT INTO schema_version VALUES ({version})",
    )
    with pytest.raises(StateUnavailable, match="schema version is damaged"):
        ReviewStore.open(path)
    with pytest.raises(StateUnavailable, match="schema version is damaged"):
        ReviewStore.open_read_only(path)


def test_values_of_the_wrong_type_are_read_as_defaults_with_a_warning(store):
    key, keys, _ = open_pair(store, LEFT, RIGHT)
    store.set_mark(key, keys[0], Mark(reviewed=True, note="kept"))
    store.set_mark(key, keys[1], Mark(significant=True, note="blob next"))
    _tamper(
        store.path,
        f"UPDATE marks SET reviewed = 'yes' WHERE change_key = '{keys[0]}'",
        f"UPDATE marks SET note = x'00ff' WHERE change_key = '{keys[1]}'",
    )
    assert store.marks(key) == {keys[0]: Mark(note="kept"), keys[1]: Mark(significant=True)}
    [warning] = store.take_warnings()
    assert "2 mark values of the wrong type, read as blank" in warning
    assert store.take_warnings() == []


@pytest.mark.parametrize("opened", ["1e300", "'yesterday'", "-5"])
def test_a_recent_comparison_with_a_bad_value_is_left_out_with_a_warning(store, opened):
    open_pair(store, LEFT, RIGHT, "one.txt")
    open_pair(store, LEFT, LEFT[:2] + ["x"], "two.txt")
    _tamper(store.path, f"UPDATE pairs SET opened_at = {opened} WHERE left_source = 'two.txt'")
    assert [summary.left_source for summary in store.recent()] == ["one.txt"]
    assert "1 recent comparisons with values of the wrong type left out" in store.take_warnings()[0]


def test_reading_only_never_writes_an_empty_file_or_a_schema(tmp_path):
    """A headless export used to write a schema into an empty file (and needed write access)."""
    path = tmp_path / "review.sqlite3"
    assert ReviewStore.open_read_only(path) is None and not path.exists()
    path.touch()
    assert ReviewStore.open_read_only(path) is None
    assert path.stat().st_size == 0


def test_reading_only_reads_a_file_it_cannot_write(tmp_path, store):
    key, keys, _ = open_pair(store, LEFT, RIGHT)
    store.set_mark(key, keys[0], Mark(reviewed=True))
    store.close()
    before = store.path.read_bytes()
    with ReviewStore.open_read_only(store.path) as reader:
        assert reader.marks(key) == {keys[0]: Mark(reviewed=True)}
        with pytest.raises(StateUnavailable, match="readonly"):
            reader.set_mark(key, keys[1], Mark(reviewed=True))
    assert store.path.read_bytes() == before


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero"])
def test_a_special_file_is_not_a_database(tmp_path, kind):
    path = tmp_path / "review.sqlite3"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    for opening in (ReviewStore.open, ReviewStore.open_read_only):
        with pytest.raises(StateUnavailable, match="not a regular file"):
            opening(path)


# ------------------------------------------------------------------ two instances


def test_each_instance_writes_only_the_fields_it_changed(tmp_path):
    path = tmp_path / "review.sqlite3"
    with ReviewStore.open(path) as first, ReviewStore.open(path) as second:
        key, keys, _ = open_pair(first, LEFT, RIGHT)
        first.set_mark(key, keys[0], Mark(reviewed=True), ["reviewed"])
        merged = second.set_mark(key, keys[0], Mark(significant=True, note="n"), ["significant"])
        assert merged == Mark(reviewed=True, significant=True)  # the note was not asked for
        assert first.marks(key) == {keys[0]: merged}
        assert second.set_mark(key, keys[0], Mark(), MARK_FIELDS) == Mark()
        assert first.marks(key) == {}


def test_the_data_version_moves_only_for_another_connections_writes(tmp_path):
    path = tmp_path / "review.sqlite3"
    with ReviewStore.open(path) as first, ReviewStore.open(path) as second:
        key, keys, _ = open_pair(first, LEFT, RIGHT)
        seen = first.data_version()
        first.set_mark(key, keys[0], Mark(reviewed=True))
        assert first.data_version() == seen
        second.set_mark(key, keys[0], Mark(significant=True))
        assert first.data_version() != seen


def test_reading_only_sees_what_an_open_instance_committed_to_its_log(store):
    key, keys, _ = open_pair(store, LEFT, RIGHT)
    store.set_mark(key, keys[0], Mark(note="in the log, not yet in the file"))
    assert store.path.with_name(store.path.name + "-wal").exists()
    with ReviewStore.open_read_only(store.path) as reader:
        assert reader.marks(key) == {keys[0]: Mark(note="in the log, not yet in the file")}


def test_closing_waits_for_a_read_under_way_and_a_later_read_is_unavailable(tmp_path: Path):
    """The app closes its store on quit while a worker may be reading it (a crash before)."""
    store = ReviewStore.open(tmp_path / "review.sqlite3", timeout=0.1)
    reading, release = threading.Event(), threading.Event()

    def read_slowly() -> None:
        with store._reading():
            reading.set()
            release.wait(5)

    reader = threading.Thread(target=read_slowly)
    reader.start()
    assert reading.wait(5)
    closer = threading.Thread(target=store.close)
    closer.start()
    closer.join(0.2)
    assert closer.is_alive()  # the close waits for the read
    release.set()
    closer.join(5)
    reader.join(5)
    assert not closer.is_alive()
    with pytest.raises(StateUnavailable):
        store.data_version()
