"""The package's layers: plan → media → site → cli, under a thin MkDocs adapter (ARCHITECTURE.md).

Every module of the package is read (recursively) and its imports checked: a layer imports only
its own and lower layers, nothing imports inside a function (but the one named in DEFERRED, with
its reason), no two modules import each other (directly or through others), only the adapter imports
MkDocs, and no module grows past 450 lines.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plpbk_plugin"
RANKS = {"i18n": 0, "filesystem": 0, "plan": 1, "media": 2, "site": 3, "cli": 4, "plugin": 5, "config": 5}
"""Each top-level part of the package and its height: a module imports only parts at or below its own."""
ADAPTER = {"plpbk_plugin.plugin", "plpbk_plugin.config"}
ENGINES = ("mkdocs", "material", "properdocs")
MAX_LINES = 450
DEFERRED = {("plpbk_plugin.media.proposal", "plpbk_plugin.media.printing")}
"""Imports made inside a function on purpose: WeasyPrint takes half a second to import, and only a
build that prints a proposal should pay for it."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def resolve(module: str, node: ast.ImportFrom) -> str:
    """The absolute name an ``import from`` refers to."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if MODULES[module].name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


@cache
def imports(module: str) -> tuple[tuple[str, int, bool], ...]:
    """``(imported module, line, at module level)`` for every import of ``module``."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body} | {
        id(child) for node in tree.body if isinstance(node, ast.If) for child in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = resolve(module, node)
            names = [f"{target}.{alias.name}" for alias in node.names]
            # ``from . import x`` imports the module x when there is one
            found += [(name if name in MODULES else target, node.lineno, id(node) in top) for name in names]
    return tuple(found)


def internal(module: str) -> set[str]:
    return {name for name, _, _ in imports(module) if name in MODULES and name != module}


def rank(module: str) -> int | None:
    parts = module.split(".")
    return RANKS[parts[1]] if len(parts) > 1 else None


def test_the_layers_are_subpackages() -> None:
    for layer in ("plan", "media", "site", "cli"):
        assert (PACKAGE / layer / "__init__.py").is_file(), layer
    assert {m for m in MODULES if m.count(".") == 1} <= {f"plpbk_plugin.{name}" for name in RANKS}, "no stray top-level module"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_layer_imports_only_its_own_and_lower_layers(module: str) -> None:
    own = rank(module)
    if own is None:
        return
    higher = [name for name in internal(module) if (other := rank(name)) is not None and other > own]
    assert not higher, f"{module} imports higher layers: {higher}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_are_at_module_level(module: str) -> None:
    hidden = [f"{name} (line {line})" for name, line, at_top in imports(module)
              if not at_top and name != "__future__" and (module, name) not in DEFERRED]
    assert not hidden, f"{module} hides imports inside functions: {hidden}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_the_adapter_imports_an_engine(module: str) -> None:
    engines = [name for name, _, _ in imports(module) if name.split(".")[0] in ENGINES]
    assert module in ADAPTER or not engines, f"{module} imports {engines}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_450_lines(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module}: {lines} lines"


def test_no_import_cycle() -> None:
    graph = {module: internal(module) for module in MODULES}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = path[path.index(module):] + [module]
            pytest.fail("import cycle: " + " → ".join(cycle))
        if module in done:
            return
        for target in sorted(graph[module]):
            # a package's __init__ importing its own modules is how packages work, not a cycle
            if module == target.rsplit(".", 1)[0] and MODULES[module].name == "__init__.py":
                continue
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_the_checks_see_what_they_look_for() -> None:
    """The walker resolves relative imports and tells module level from function level."""
    assert resolve("plpbk_plugin.site.pages.microsite", ast.parse("from ...plan.model import Kawasan").body[0]) == "plpbk_plugin.plan.model"
    assert resolve("plpbk_plugin.cli", ast.parse("from . import validate").body[0]) == "plpbk_plugin.cli"
    assert "plpbk_plugin.plan.model" in internal("plpbk_plugin.site.pages.microsite")
    assert rank("plpbk_plugin.site.pages.microsite") == 3 and rank("plpbk_plugin.plan.model") == 1
    assert any(name == "plpbk_plugin.cli.validate" and top for name, _, top in imports("plpbk_plugin.cli"))


def test_the_adapter_is_thin() -> None:
    """plugin.py wires MkDocs' events to the composition root (site/build.py): ≤ 200 lines, ≤ 5 attributes."""
    source = MODULES["plpbk_plugin.plugin"].read_text(encoding="utf-8")
    plugin = next(node for node in ast.parse(source).body if isinstance(node, ast.ClassDef) and node.name == "PlpbkPlugin")
    init = next(node for node in plugin.body if isinstance(node, ast.FunctionDef) and node.name == "__init__")
    attributes = {target.attr for node in ast.walk(init) if isinstance(node, ast.Assign | ast.AnnAssign)
                  for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                  if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self"}
    assert len(source.splitlines()) <= 200
    assert 1 <= len(attributes) <= 5, attributes


# -- sizes a reader can hold in mind, and one name per class ----------------------------------------

MAX_MODULES = 12
MAX_METHODS = 20
MAX_FUNCTION_LINES = 50


@cache
def tree(module: str) -> ast.Module:
    return ast.parse(MODULES[module].read_text(encoding="utf-8"))


def functions(module: str) -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function of a module with its qualified name (``Class.method``, ``outer.inner``)."""
    found = []

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                found.append((prefix + child.name, child))
                walk(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.ClassDef):
                walk(child, f"{prefix}{child.name}.")
            else:
                walk(child, prefix)

    walk(tree(module), "")
    return found


def classes(module: str) -> list[ast.ClassDef]:
    return [node for node in ast.walk(tree(module)) if isinstance(node, ast.ClassDef)]


def test_no_folder_holds_over_12_modules() -> None:
    folders: dict[Path, list[str]] = {}
    for path in MODULES.values():
        if path.name != "__init__.py":
            folders.setdefault(path.parent, []).append(path.name)
    crowded = {str(folder.relative_to(PACKAGE.parent)): len(names) for folder, names in folders.items() if len(names) > MAX_MODULES}
    assert not crowded, f"folders over {MAX_MODULES} modules: {crowded}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_class_has_over_20_methods(module: str) -> None:
    big = {}
    for node in classes(module):
        methods = [item for item in node.body if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)]
        if len(methods) > MAX_METHODS:
            big[node.name] = len(methods)
    assert not big, f"{module}: classes over {MAX_METHODS} methods: {big}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_function_is_over_50_lines(module: str) -> None:
    long = {name: node.end_lineno - node.lineno + 1 for name, node in functions(module)
            if node.end_lineno is not None and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES}
    assert not long, f"{module}: functions over {MAX_FUNCTION_LINES} lines (from def to its last line): {long}"


def test_no_class_name_is_defined_twice() -> None:
    defined: dict[str, list[str]] = {}
    for module in MODULES:
        for node in classes(module):
            defined.setdefault(node.name, []).append(module)
    twice = {name: modules for name, modules in defined.items() if len(modules) > 1}
    assert not twice, f"class names defined more than once: {twice}"


def test_the_size_checks_see_what_they_look_for() -> None:
    """Methods are named by their class, nested functions by the function around them; lengths count every line."""
    names = dict(functions("plpbk_plugin.site.pages.microsite"))
    assert "Microsite.__init__" in names and "in_language" in names
    assert "Microsite" in {node.name for node in classes("plpbk_plugin.site.pages.microsite")}


def test_no_test_module_is_over_450_lines() -> None:
    """The tests keep the package's rule: a test framework grown inside a test module goes to tests/helpers/."""
    tests = Path(__file__).resolve().parent
    long = {path.relative_to(tests).as_posix(): n for path in sorted(tests.rglob("*.py"))
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long
