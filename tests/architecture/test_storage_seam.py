"""Issue #16: the database is reached through the storage seam only.

Outside portfolio/storage no module imports duckdb or reads a unit of work's connection
(`store.con`): use cases ask repositories, so a second store (DuckLake, #17) plugs in
behind `Database` and `Store` without a change to the service layer.
"""

from __future__ import annotations

import ast

from tests.architecture.imports import project_modules

STORAGE = "portfolio.storage"


def outside_storage(module: str) -> bool:
    return module != STORAGE and not module.startswith(STORAGE + ".")


def imported_names(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and not node.level:
        return [node.module or ""]
    return []


def test_only_storage_imports_duckdb():
    importers = [
        f"{module}:{node.lineno}"
        for module, path in project_modules().items() if outside_storage(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if any(name.split(".")[0] in ("duckdb", "duckdb_extensions")
               for name in imported_names(node))
    ]
    assert importers == []


def test_no_module_outside_storage_reads_a_raw_connection():
    readers = [
        f"{module}:{node.lineno}"
        for module, path in project_modules().items() if outside_storage(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "con"
    ]
    assert readers == []
