"""Running mutuals in a child process with a chosen environment, as a server would start it.

Settings are read from the environment once, when Django starts, so what a switch does is seen
in a fresh process. Nothing of the test run's own environment (MUTUALS_*, the PostgreSQL
address of `scripts/with_postgres.py`, the browser tests' async switch) leaks into the child.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_GUIDE = ROOT / "docs" / "deploy.md"
BIN = Path(sys.executable).parent


def clean_environment(home: Path, **variables: str) -> dict[str, str]:
    """The current environment without any MUTUALS_* variable, with home and `variables`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MUTUALS_")}
    # Set by the browser tests' conftest for Playwright, never on a server.
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    env.update(MUTUALS_HOME=str(home), **variables)
    return env


def production_environment() -> dict[str, str]:
    """The `export MUTUALS_…=…` lines of docs/deploy.md, the environment it documents."""
    found = re.findall(r"^export (MUTUALS_[A-Z_]+)=(\S+)$", DEPLOY_GUIDE.read_text(), re.M)
    return dict(found)


def settings_in(env: dict[str, str], *names: str) -> dict[str, object]:
    """The named Django settings as a process started with `env` sees them."""
    code = (
        "import json, sys\n"
        "from mutuals import settings\n"
        "print(json.dumps({n: getattr(settings, n, None) for n in sys.argv[1:]}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *names],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
