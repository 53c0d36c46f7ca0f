"""`django-admin check --deploy` is clean with the environment docs/deploy.md documents."""

from __future__ import annotations

import subprocess

from tests.deploy.environment import (
    BIN,
    ROOT,
    clean_environment,
    production_environment,
)


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(BIN / "django-admin"),
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=mutuals.settings",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_deploy_guide_documents_every_production_switch():
    documented = production_environment()

    assert {
        "MUTUALS_ALLOWED_HOSTS",
        "MUTUALS_BEHIND_TLS_PROXY",
        "MUTUALS_HSTS_SECONDS",
        "MUTUALS_HSTS_INCLUDE_SUBDOMAINS",
        "MUTUALS_HSTS_PRELOAD",
    } <= documented.keys()


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    documented = production_environment()
    # The check reads settings only; the database it would use does not need to exist, and
    # the guide's data directory is replaced by a temporary one.
    documented.pop("MUTUALS_HOME")
    env = clean_environment(tmp_path / "home", **documented)

    done = check_deploy(env)

    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_check_deploy_warns_about_a_laptop_install_put_on_a_server(tmp_path):
    done = check_deploy(clean_environment(tmp_path / "home"))

    assert done.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stderr
