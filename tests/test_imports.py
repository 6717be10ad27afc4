"""The import graph of ``src/arnews`` points down: no module imports one that imports it back.

Every import counts, at module level or inside a function (a lazy import still ties the
two modules together), except inside ``_repr_html_``, the one hook allowed to point up
(an Article renders itself with :mod:`arnews.display`). An edge goes to the module an
import names (``from arnews.entities import spans`` → ``arnews.entities.spans``); the
top-level ``arnews`` package only re-exports and is left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
ALLOWED_UPWARD_HOOKS = frozenset({"_repr_html_"})


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(tree: ast.AST, here: str, modules: set[str]) -> set[str]:
    """Project modules that ``tree`` imports, outside the allowed hooks."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        hook = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        if hook and node.name in ALLOWED_UPWARD_HOOKS:  # type: ignore[attr-defined]
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                found.add(name if name in modules else node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {name for name in found if name in modules and name not in (here, "arnews")}


def import_graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in SRC.joinpath("arnews").rglob("*.py")}
    modules = set(files)
    return {
        name: imported_modules(ast.parse(path.read_text(encoding="utf-8")), name, modules)
        for name, path in files.items()
        if name != "arnews"
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of ``graph`` as a path that ends where it starts, or [] if none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := walk(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (cycle := walk(node)):
            return cycle
    return []


def test_find_cycle_sees_a_loop_and_its_absence() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_lazy_imports_count_except_the_display_hook() -> None:
    code = "def f():\n    import arnews.b\ndef _repr_html_(self):\n    import arnews.c\n"
    assert imported_modules(ast.parse(code), "arnews.a", {"arnews.b", "arnews.c"}) == {"arnews.b"}


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph()
    assert {"arnews.types", "arnews.pipeline"} <= set(graph)  # the scan found the modules
    assert find_cycle(graph) == []


def test_result_types_sit_below_every_stage() -> None:
    graph = import_graph()
    below_types = {"arnews.types", "arnews.names", "arnews.chars", "arnews._resources"}
    assert graph["arnews.types"] <= below_types
