"""The import rules of ``architecture.json`` hold for every module of the package."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "armslength"
RULES: list[dict[str, Any]] = json.loads((ROOT / "architecture.json").read_text())["rules"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[str]:
    """Every module (and ``module.name``) that *path* imports, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path)
    is_init = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                keep = len(parent) - node.level + (1 if is_init else 0)
                base = ".".join([*parent[:keep], *([base] if base else [])])
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _violations(rule: dict[str, Any]) -> list[str]:
    found = []
    for name, path in MODULES.items():
        if not any(_within(name, m) for m in rule.get("modules", [])):
            continue
        if any(_within(name, e) for e in rule.get("except", [])):
            continue
        for imported in _imports(path):
            if any(_within(imported, f) for f in rule["forbid"]):
                found.append(f"{name} imports {imported}")
    return found


def _private_reach(rule: dict[str, Any]) -> list[str]:
    found = []
    for owner in rule["private_modules_of"]:
        for name, path in MODULES.items():
            if _within(name, owner):
                continue
            for imported in _imports(path):
                rest = imported.removeprefix(owner + ".")
                if _within(imported, owner) and rest.split(".")[0].startswith("_"):
                    found.append(f"{name} imports {imported}")
    return found


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r["id"])
def test_architecture_rule(rule: dict[str, Any]) -> None:
    check = _private_reach if "private_modules_of" in rule else _violations
    assert check(rule) == [], rule["why"]


def test_the_checker_sees_imports(tmp_path: Path) -> None:
    """The checker is not vacuous: it finds a forbidden import, relative ones included."""
    assert "armslength.store.adapters" in set(_imports(PACKAGE / "service" / "_core.py"))
    web = set(_imports(PACKAGE / "web" / "_routes.py"))
    assert any(_within(name, "armslength.service") for name in web)
    fake = {"id": "x", "why": "", "modules": ["armslength.service"], "forbid": ["armslength.store"]}
    assert _violations(fake)
