"""Issue #16: no import circles and no private names borrowed across modules.

A circle means two modules are one concept split in two, and a borrowed `_name` means a
rule lives somewhere other than where readers look for it; both make the code harder to
take over. The graph is read from the source (tests/architecture/imports.py).
"""

from __future__ import annotations

from tests.architecture.imports import cycles, graph


def test_the_project_has_no_import_circles():
    edges, _ = graph()
    assert cycles(edges) == []


def test_no_module_imports_a_private_name_from_another():
    _, every = graph()
    borrowed = [
        f"{i.importer}:{i.line} takes {name} from {i.imported}"
        for i in every
        for name in i.names
        if name.startswith("_") and not name.startswith("__") and i.importer != i.imported
    ]
    assert borrowed == []


def test_the_checker_sees_a_circle_when_there_is_one():
    """The checker itself can fail: a made-up graph with a circle is reported."""
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]
