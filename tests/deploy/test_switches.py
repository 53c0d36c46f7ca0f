"""The production switches: each MUTUALS_* variable reaches its Django setting, and without
them nothing changes for a laptop (`make run`)."""

from __future__ import annotations

import subprocess
import sys

from tests.deploy.environment import ROOT, clean_environment, settings_in

SECURITY = (
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
)


def test_a_laptop_install_gets_plain_http_and_nothing_a_browser_remembers(tmp_path):
    seen = settings_in(clean_environment(tmp_path), *SECURITY)

    assert seen == {
        "SECURE_PROXY_SSL_HEADER": None,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
    }


def test_behind_a_tls_proxy_https_is_trusted_and_cookies_and_redirect_turn_on(tmp_path):
    env = clean_environment(tmp_path, MUTUALS_BEHIND_TLS_PROXY="1")

    seen = settings_in(env, *SECURITY)

    assert seen["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert seen["SECURE_SSL_REDIRECT"] is True
    assert seen["SESSION_COOKIE_SECURE"] is True
    assert seen["CSRF_COOKIE_SECURE"] is True
    assert seen["SECURE_HSTS_SECONDS"] == 0


def test_behind_a_tls_proxy_the_redirect_and_secure_cookies_can_each_be_turned_off(tmp_path):
    env = clean_environment(
        tmp_path,
        MUTUALS_BEHIND_TLS_PROXY="1",
        MUTUALS_SSL_REDIRECT="0",
        MUTUALS_SECURE_COOKIES="0",
    )

    seen = settings_in(env, "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE")

    assert seen == {"SECURE_SSL_REDIRECT": False, "SESSION_COOKIE_SECURE": False}


def test_hsts_takes_its_duration_subdomains_and_preload_from_the_environment(tmp_path):
    env = clean_environment(
        tmp_path,
        MUTUALS_HSTS_SECONDS="3600",
        MUTUALS_HSTS_INCLUDE_SUBDOMAINS="yes",
        MUTUALS_HSTS_PRELOAD="true",
    )

    seen = settings_in(
        env, "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD"
    )

    assert seen == {
        "SECURE_HSTS_SECONDS": 3600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
    }


def test_a_postgresql_server_reuses_and_health_checks_its_connections(tmp_path):
    env = clean_environment(
        tmp_path,
        MUTUALS_DATABASE_URL="postgres://mutuals@127.0.0.1:5432/mutuals",
        MUTUALS_DB_CONN_MAX_AGE="300",
    )

    database = settings_in(env, "DATABASES")["DATABASES"]["default"]

    assert database["CONN_MAX_AGE"] == 300
    assert database["CONN_HEALTH_CHECKS"] is True


def test_connection_reuse_can_be_turned_off(tmp_path):
    env = clean_environment(
        tmp_path,
        MUTUALS_DATABASE_URL="postgres://mutuals@127.0.0.1:5432/mutuals",
        MUTUALS_DB_CONN_MAX_AGE="0",
        MUTUALS_DB_CONN_HEALTH_CHECKS="0",
    )

    database = settings_in(env, "DATABASES")["DATABASES"]["default"]

    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (0, False)


def test_a_mistyped_hsts_duration_stops_the_start_with_a_sentence(tmp_path):
    env = clean_environment(tmp_path, MUTUALS_HSTS_SECONDS="one year")

    done = subprocess.run(
        [sys.executable, "-c", "import mutuals.settings"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode != 0
    assert "MUTUALS_HSTS_SECONDS must be a whole number of seconds" in done.stderr
