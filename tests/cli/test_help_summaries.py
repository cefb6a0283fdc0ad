"""`failscale --help` lists each command with a one-line summary (its docstring's first
paragraph): Typer's rich listing keeps a docstring's line breaks, so a summary wrapped
over two source lines showed broken mid-sentence in the list."""

from __future__ import annotations

from typing import Any

import typer.main

from failscale.cli import app


def commands(command: Any, path: tuple[str, ...] = ("failscale",)) -> list[tuple[str, Any]]:
    found = [(" ".join(path), command)]
    for name, sub in getattr(command, "commands", {}).items():
        found += commands(sub, (*path, name))
    return found


def test_every_command_has_a_one_line_summary() -> None:
    listed = commands(typer.main.get_command(app))

    broken = [path for path, command in listed
              if "\n" in (command.help or "").strip().split("\n\n")[0]]

    assert len(listed) > 30
    assert broken == []
