"""Settings: defaults without a file, a warning (never a crash) for anything wrong, atomic saves."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tui.settings as settings_module
from tui.settings import (
    ALL_KINDS,
    EXPORT_FORMATS,
    Settings,
    SettingsError,
    load_settings,
    save_settings,
    settings_path,
    to_toml,
    with_value,
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_gives_defaults_and_no_warning(tmp_path: Path):
    settings, warnings = load_settings(tmp_path / "nowhere" / "settings.toml")
    assert settings == Settings() and warnings == []
    assert settings.theme == "textual-dark" and settings.threshold == 1.0
    assert (
        settings.export_format == "html"
        and not settings.show_boilerplate
        and settings.show_unchanged
    )
    assert settings.kinds_filter == ALL_KINDS and len(ALL_KINDS) == 7


def test_settings_path_is_in_the_user_config_dir(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(
        settings_module.platformdirs, "user_config_dir", lambda app: str(tmp_path / app)
    )
    assert settings_path() == tmp_path / "compare-tui" / "settings.toml"


def test_round_trip_through_the_file(tmp_path: Path):
    chosen = Settings(
        theme="nord",
        threshold=1.25,
        export_format="md",
        show_boilerplate=True,
        show_unchanged=False,
        kinds_filter=("reworded", "added", "dropped"),
    )
    path = tmp_path / "deep" / "config" / "settings.toml"
    save_settings(chosen, path)
    assert load_settings(path) == (chosen, [])


def test_a_partial_file_keeps_defaults_for_the_rest(tmp_path: Path):
    settings, warnings = load_settings(write(tmp_path, 'export_format = "json"\nthreshold = 2\n'))
    assert warnings == []
    assert settings == Settings(export_format="json", threshold=2.0)
    assert isinstance(settings.threshold, float)


def test_kinds_are_kept_in_engine_order_without_repeats(tmp_path: Path):
    settings, warnings = load_settings(
        write(tmp_path, 'kinds_filter = ["dropped", "added", "dropped"]\n')
    )
    assert warnings == [] and settings.kinds_filter == ("added", "dropped")


def test_an_unknown_theme_name_is_kept_for_the_app_to_judge(tmp_path: Path):
    settings, warnings = load_settings(write(tmp_path, 'theme = "my-own-theme"\n'))
    assert warnings == [] and settings.theme == "my-own-theme"


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("theme = 3", "theme"),
        ('theme = ""', "theme"),
        ("threshold = 0", "threshold"),
        ("threshold = -1.5", "threshold"),
        ("threshold = nan", "threshold"),
        ("threshold = inf", "threshold"),
        ('threshold = "high"', "threshold"),
        ("threshold = true", "threshold"),
        ('export_format = "pdf"', "export_format"),
        ("export_format = 1", "export_format"),
        ('show_boilerplate = "yes"', "show_boilerplate"),
        ("show_unchanged = 1", "show_unchanged"),
        ('kinds_filter = "added"', "kinds_filter"),
        ("kinds_filter = []", "kinds_filter"),
        ('kinds_filter = ["added", "renamed"]', "kinds_filter"),
        ("kinds_filter = [1, 2]", "kinds_filter"),
        ("[kinds_filter]\nadded = true", "kinds_filter"),
    ],
)
def test_each_bad_value_is_one_warning_and_the_default(tmp_path: Path, line: str, key: str):
    path = write(
        tmp_path, f'export_format = "json"\n{line}\n' if key != "export_format" else f"{line}\n"
    )
    settings, warnings = load_settings(path)
    assert getattr(settings, key) == getattr(Settings(), key)
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert f"{key} must be" in warnings[0] and str(path) in warnings[0]
    if key != "export_format":
        assert settings.export_format == "json"  # the good key beside the bad one is kept


def test_an_unknown_key_is_a_warning_and_ignored(tmp_path: Path):
    settings, warnings = load_settings(write(tmp_path, 'colour = "blue"\nshow_unchanged = false\n'))
    assert settings == Settings(show_unchanged=False)
    assert len(warnings) == 1 and "unknown setting 'colour'" in warnings[0]


@pytest.mark.parametrize(
    "content",
    [
        b"theme = \n",
        b"[[[",
        b'theme = "unterminated\n',
        b"\xff\xfe\x00garbage",
        b'theme = "a"\ntheme = "b"\n',
    ],
)
def test_a_corrupt_file_gives_defaults_and_a_warning(tmp_path: Path, content: bytes):
    path = tmp_path / "settings.toml"
    path.write_bytes(content)
    settings, warnings = load_settings(path)
    assert settings == Settings()
    assert len(warnings) == 1 and "cannot read settings" in warnings[0] and "\n" not in warnings[0]


def test_an_unreadable_path_gives_defaults_and_a_warning(tmp_path: Path):
    directory = tmp_path / "settings.toml"
    directory.mkdir()
    settings, warnings = load_settings(directory)
    assert settings == Settings() and len(warnings) == 1


def test_saving_leaves_no_temporary_files(tmp_path: Path):
    path = tmp_path / "config" / "settings.toml"
    save_settings(Settings(theme="nord"), path)
    save_settings(Settings(theme="gruvbox"), path)
    assert os.listdir(path.parent) == ["settings.toml"]
    assert load_settings(path)[0].theme == "gruvbox"


def test_a_failed_save_keeps_the_old_file_and_cleans_up(tmp_path: Path, monkeypatch):
    path = tmp_path / "config" / "settings.toml"
    save_settings(Settings(theme="nord"), path)

    def broken_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(settings_module.os, "replace", broken_replace)
    with pytest.raises(SettingsError, match="disk full"):
        save_settings(Settings(theme="gruvbox"), path)
    assert os.listdir(path.parent) == ["settings.toml"]
    assert load_settings(path)[0].theme == "nord"


def test_saving_where_a_directory_cannot_be_made_is_a_settings_error(tmp_path: Path):
    blocker = tmp_path / "config"
    blocker.write_text("a file where the directory should be")
    with pytest.raises(SettingsError, match="cannot save settings"):
        save_settings(Settings(), blocker / "settings.toml")


def test_with_value_validates_like_the_file():
    assert with_value(Settings(), "threshold", 3).threshold == 3.0
    assert with_value(Settings(), "kinds_filter", ["moved"]).kinds_filter == ("moved",)
    with pytest.raises(ValueError, match="threshold must be"):
        with_value(Settings(), "threshold", -2)
    with pytest.raises(ValueError, match="unknown setting"):
        with_value(Settings(), "colour", "blue")


def test_invalid_settings_cannot_be_constructed():
    with pytest.raises(ValueError, match="export_format must be"):
        Settings(export_format="pdf")


valid_settings = st.builds(
    Settings,
    theme=st.text(min_size=1).filter(str.strip),
    threshold=st.floats(min_value=1e-9, max_value=1e9, allow_nan=False, allow_infinity=False),
    export_format=st.sampled_from(EXPORT_FORMATS),
    show_boilerplate=st.booleans(),
    show_unchanged=st.booleans(),
    kinds_filter=st.lists(st.sampled_from(ALL_KINDS), min_size=1),
)


@given(valid_settings)
def test_any_valid_settings_survive_the_writer(settings: Settings):
    """The hand-written TOML writer must produce what tomllib reads back exactly."""
    raw = tomllib.loads(to_toml(settings))
    assert Settings(**raw) == settings
