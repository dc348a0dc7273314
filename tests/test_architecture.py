"""The import rules of docs/architecture.md: no import cycle (imports inside functions count),
no import up a layer or across packages of one layer, apart from the exceptions listed there."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "checker"
DOC = ROOT / "docs" / "architecture.md"


def _modules() -> dict[str, Path]:
    out = {}
    for p in PACKAGE.rglob("*.py"):
        parts = p.relative_to(ROOT).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    return out


MODULES = _modules()


def _target(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports(module: str) -> set[str]:
    """The checker modules ``module`` imports anywhere in its code (TYPE_CHECKING blocks aside)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for b in node.body for n in ast.walk(b))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            names = [f"{base}.{a.name}" for a in node.names]
        for n in names:
            if (t := _target(n)) is not None and t != module:
                out.add(t)
    return out


def _cycle() -> list[str] | None:
    graph = {m: imports(m) for m in MODULES}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        path.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return [*path[path.index(n):], n]
            if n not in state and (found := visit(n)):
                return found
        path.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def _layers() -> dict[str, int]:
    text = DOC.read_text(encoding="utf-8").split("## Layers", 1)[1].split("##", 1)[0]
    out = {}
    for layer, names in re.findall(r"^\| (\d+) \| ([^|]+) \|$", text, re.M):
        for name in names.split(","):
            out[name.strip()] = int(layer)
    return out


def _exceptions() -> set[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8").split("## Known exceptions", 1)[1]
    return {(f"checker.{a}", f"checker.{b}")
            for a, b in re.findall(r"^\| ([\w.]+) → ([\w.]+) \|", text, re.M)}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "checker"


def test_there_is_no_import_cycle():
    assert _cycle() is None, " → ".join(_cycle() or [])


def test_every_module_has_a_layer():
    layers = _layers()
    assert {_package(m) for m in MODULES} <= set(layers), (
        f"not in docs/architecture.md: {sorted({_package(m) for m in MODULES} - set(layers))}")


def test_imports_point_down_the_layers():
    layers, allowed = _layers(), _exceptions()
    wrong = []
    for m in sorted(MODULES):
        for n in sorted(imports(m)):
            a, b = _package(m), _package(n)
            if a == b or (m, n) in allowed:
                continue
            folders = (PACKAGE / a).is_dir() and (PACKAGE / b).is_dir()
            if layers[b] > layers[a] or (layers[b] == layers[a] and folders):
                wrong.append(f"{m} (layer {layers[a]}) imports {n} (layer {layers[b]})")
    assert not wrong, "\n".join(wrong)


def test_the_exceptions_listed_are_still_needed():
    for m, n in sorted(_exceptions()):
        assert m in MODULES and n in imports(m), f"{m} → {n} is listed but gone: strike it"


def test_a_cycle_is_found(tmp_path, monkeypatch):
    """The checker of this file can fail: two modules importing each other are a cycle."""
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("from checker.b import x\n", encoding="utf-8")
    b.write_text("def f():\n    from checker.a import y\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "checker.a", a)
    monkeypatch.setitem(MODULES, "checker.b", b)
    assert _cycle() == ["checker.a", "checker.b", "checker.a"]
