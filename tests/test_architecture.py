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


PROCESS_CALLS = {"run", "Popen", "check_output", "check_call", "call"}


def process_calls(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "subprocess"
        and node.func.attr in PROCESS_CALLS
    ]


@pytest.mark.parametrize(
    "path", [p for p in sorted(TESTS.rglob("*.py")) if process_calls(p)], ids=str
)
def test_every_process_a_test_starts_gets_an_environment_of_its_own(path):
    """The PostgreSQL run leaves out tests that ask for no database (tests/conftest.py). That is
    only right if no process they start inherits the run's MUTUALS_DATABASE_URL: each call names
    its environment, and never passes the run's own."""
    for call in process_calls(path):
        env = next((k.value for k in call.keywords if k.arg == "env"), None)
        assert env is not None, f"{path.name}:{call.lineno} starts a process without env="
        assert "os.environ" not in ast.unparse(env).replace("os.environ.items()", ""), (
            f"{path.name}:{call.lineno} passes the run's own environment"
        )
