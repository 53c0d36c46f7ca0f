"""Configuration comes only from MUTUALS_* variables, each in the README's table."""

from __future__ import annotations

import re

from tests.deploy.environment import ROOT

READ_FROM_ENVIRONMENT = re.compile(
    r'(?:environ\.get|environ\[|getenv|_flag|_number|_seconds)\(\s*"(MUTUALS_[A-Z_]+)"'
)


def test_every_variable_the_code_reads_is_in_the_readme_configuration_table():
    read = {
        name
        for path in (ROOT / "src" / "mutuals").rglob("*.py")
        for name in READ_FROM_ENVIRONMENT.findall(path.read_text())
    }
    first_cells = re.findall(r"^\|([^|]*)\|", (ROOT / "README.md").read_text(), re.M)
    table = {name for cell in first_cells for name in re.findall(r"`(MUTUALS_[A-Z_]+)`", cell)}

    assert read - table == set()
