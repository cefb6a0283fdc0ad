"""Compiled templates are kept between processes, and a cache that cannot be written
costs the compile, never the report or the e-mail (#15)."""

from __future__ import annotations

from pathlib import Path

import jinja2

from portfolio.template_cache import _Cache


def _render(folder: Path, cache: jinja2.BytecodeCache) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache)
    return env.get_template("t.txt").render(name="Aarhus")


def test_a_second_process_loads_the_compiled_template_and_an_edit_is_seen(
    tmp_path: Path,
) -> None:
    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    cache.mkdir()
    (templates / "t.txt").write_text("Hej {{ name }}", "utf-8")

    assert _render(templates, _Cache(str(cache))) == "Hej Aarhus"
    assert len(list(cache.iterdir())) == 1
    (templates / "t.txt").write_text("Farvel {{ name }}", "utf-8")
    assert _render(templates, _Cache(str(cache))) == "Farvel Aarhus"


def test_a_cache_that_cannot_be_written_or_read_still_renders(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.txt").write_text("Hej {{ name }}", "utf-8")
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("", "utf-8")

    assert _render(templates, _Cache(str(not_a_directory))) == "Hej Aarhus"
