"""The layers stay clean: core is plain Python, and interfaces go through services/selectors."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "mutuals"
INTERFACES = ("web", "api", "cli")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def python_files(folder: str) -> list[Path]:
    return sorted((SRC / folder).rglob("*.py"))


@pytest.mark.parametrize("path", python_files("core"), ids=lambda p: p.name)
def test_core_imports_neither_django_nor_the_apps(path):
    forbidden = {
        name
        for name in imported_modules(path)
        if name.split(".")[0] == "django" or (name.startswith("mutuals.") and ".core" not in name)
    }
    assert not forbidden, f"{path.name} imports {sorted(forbidden)}"


@pytest.mark.parametrize(
    "path", [p for folder in INTERFACES for p in python_files(folder)], ids=str
)
def test_interfaces_never_query_or_write_models_directly(path):
    assert ".objects." not in path.read_text(), f"{path} should call a service or selector"


TESTS = Path(__file__).resolve().parent


@pytest.mark.parametrize("path", sorted((TESTS / "core").rglob("*.py")), ids=lambda p: p.name)
def test_core_tests_need_no_database(path):
    """The PostgreSQL run leaves tests/core/ out (tests/conftest.py): they touch no database."""
    forbidden = {
        name
        for name in imported_modules(path)
        if name.split(".")[0] == "django"
        or (name.startswith("mutuals.") and ".core" not in name)
        or (name.startswith("tests.") and not name.startswith("tests.core"))
    }
    assert not forbidden, f"{path.name} imports {sorted(forbidden)}"
    fixtures = {"db", "transactional_db", "django_db_setup", "live_server", "client"}
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            used = {a.arg for a in node.args.args} & fixtures
            assert not used, f"{path.name}::{node.name} uses {sorted(used)}"
        if isinstance(node, ast.Attribute) and node.attr == "django_db":
            raise AssertionError(f"{path.name} marks a test django_db")
