"""Shell completion scripts for bash, zsh and fish, printed by ``compare-tui --completion SHELL``.

Why this shape
--------------
The scripts are small and generated from the argparse parser itself, so a new
option or format choice is completed without anyone remembering to update
three shell dialects. What each option completes follows from how it is
declared: ``choices`` complete as words, a ``PATH`` metavar as files, other
values as nothing, and the two positional inputs as files.

``parser._actions`` is argparse's only list of options; completion
generators (argcomplete, shtab) read it the same way.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["SHELLS", "completion_script"]

SHELLS = ("bash", "zsh", "fish")
PROG = "compare-tui"


@dataclass(frozen=True, slots=True)
class _Option:
    """One option as completion sees it: its spellings, what its value is, and a short help."""

    flags: tuple[str, ...]
    takes_value: bool
    choices: tuple[str, ...]
    wants_path: bool
    help: str


def completion_script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for ``shell`` (one of :data:`SHELLS`)."""
    writers: dict[str, Callable[[list[_Option]], str]] = {"bash": _bash, "zsh": _zsh, "fish": _fish}
    return writers[shell](_options(parser))


def _options(parser: argparse.ArgumentParser) -> list[_Option]:
    return [
        _Option(
            flags=tuple(flag for flag in action.option_strings if flag.startswith("--"))
            or tuple(action.option_strings),
            takes_value=action.nargs != 0,
            choices=tuple(str(choice) for choice in action.choices or ()),
            wants_path=action.metavar == "PATH",
            help=_short_help(action.help),
        )
        for action in parser._actions
        if action.option_strings and action.help != argparse.SUPPRESS
    ]


def _short_help(text: str | None) -> str:
    """The help's first clause, without argparse's %(default)s markers, at most 60 characters."""
    text = re.split(r"[;:(]", (text or "").replace("%%", "%"), maxsplit=1)[0].strip()
    return text if len(text) <= 60 else text[:59].rstrip() + "…"


def _quote(text: str) -> str:
    """A single-quoted word for bash, zsh and fish alike."""
    return "'" + text.replace("'", "'\\''") + "'"


# --------------------------------------------------------------------------- bash


def _bash(options: list[_Option]) -> str:
    cases = []
    for option in options:
        if not option.takes_value:
            continue
        flags = "|".join(option.flags)
        if option.choices:
            action = f'COMPREPLY=($(compgen -W {_quote(" ".join(option.choices))} -- "$cur"))'
        elif option.wants_path:
            action = 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))'
        else:
            action = "COMPREPLY=()"
        cases.append(f"        {flags}) {action}; return ;;")
    words = " ".join(flag for option in options for flag in option.flags)
    return f"""\
# bash completion for {PROG}. Install:
#   {PROG} --completion bash > ~/.local/share/bash-completion/completions/{PROG}
_compare_tui() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    # "--color=al" arrives as three words: --color, =, al
    if [[ "$cur" == "=" ]]; then
        cur=""
    elif [[ "$prev" == "=" ]]; then
        prev="${{COMP_WORDS[COMP_CWORD-2]}}"
    fi
    case "$prev" in
{chr(10).join(cases)}
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W {_quote(words)} -- "$cur"))
        return
    fi
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
}}
complete -o default -F _compare_tui {PROG}
"""


# --------------------------------------------------------------------------- zsh


def _zsh(options: list[_Option]) -> str:
    specs = [_zsh_spec(option, flag) for option in options for flag in option.flags]
    specs += [
        "'1:original (file, - for stdin, or URL):_files'",
        "'2:rewrite (file, - for stdin, or URL):_files'",
    ]
    body = " \\\n    ".join(specs)
    return f"""\
#compdef {PROG}
# zsh completion for {PROG}. Install (with ~/.zfunc in your fpath):
#   {PROG} --completion zsh > ~/.zfunc/_{PROG}
# or, in ~/.zshrc after compinit:  source <({PROG} --completion zsh)
_compare_tui() {{
  _arguments -s \\
    {body}
}}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _compare_tui "$@"
else
  compdef _compare_tui {PROG}
fi
"""


def _zsh_spec(option: _Option, flag: str) -> str:
    described = (
        option.help.replace("\\", "\\\\")
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace(":", "\\:")
    )
    if not option.takes_value:
        return _quote(f"{flag}[{described}]")
    if option.choices:
        value = f"value:({' '.join(option.choices)})"
    elif option.wants_path:
        value = "file:_files"
    else:
        value = "value: "
    separator = "=" if flag.startswith("--") else "+"
    return _quote(f"{flag}{separator}[{described}]:{value}")


# --------------------------------------------------------------------------- fish


def _fish(options: list[_Option]) -> str:
    lines = [
        f"# fish completion for {PROG}. Install:",
        f"#   {PROG} --completion fish > ~/.config/fish/completions/{PROG}.fish",
    ]
    for option in options:
        words = [f"complete -c {PROG}"]
        for flag in option.flags:
            words.append(f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}")
        if option.choices:
            words.append(f"-x -a {_quote(' '.join(option.choices))}")
        elif option.wants_path:
            words.append("-r -F")
        elif option.takes_value:
            words.append("-x")
        words.append(f"-d {_quote(option.help)}")
        lines.append(" ".join(words))
    return "\n".join(lines) + "\n"
