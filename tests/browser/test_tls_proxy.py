"""A real TLS reverse proxy in front of `mutuals serve`: Debian's nginx on loopback with a
self-signed certificate (`make test` installs nginx; this test installs nothing), and Chromium
signs in through it and gets a session cookie marked Secure.

Everything runs as child processes in a temporary directory: a data directory with one user,
`mutuals serve` with MUTUALS_BEHIND_TLS_PROXY=1, and nginx in the foreground.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.deploy.environment import ROOT, clean_environment
from tests.factories import PASSWORD

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MUTUALS = str(Path(sys.executable).with_name("mutuals"))
START_TIMEOUT = 60  # a bound on waiting for a child to listen, never a measure of speed

pytestmark = pytest.mark.skipif(
    not os.path.exists(NGINX), reason="nginx is missing: `make test` installs Debian's nginx"
)

NGINX_CONF = """
daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{https_port} ssl;
        ssl_certificate {tmp}/cert.pem;
        ssl_certificate_key {tmp}/key.pem;
        location / {{
            proxy_pass http://127.0.0.1:{app_port};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""

ADD_USER = """
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
call_command("migrate", verbosity=0)
get_user_model().objects.create_user(username="dana", password={password!r})
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_listening(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing listened on port {port}: {log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)  # Ctrl-C: both stop cleanly on it
    try:
        process.wait(timeout=START_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("w") as output:
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)


@pytest.fixture
def https_url(tmp_path, migrated_home) -> Iterator[str]:
    """https://127.0.0.1:PORT, nginx with a self-signed certificate before `mutuals serve`."""
    app_port, https_port = free_port(), free_port()
    env = clean_environment(
        migrated_home,
        DJANGO_SETTINGS_MODULE="mutuals.settings",
        MUTUALS_BEHIND_TLS_PROXY="1",
        MUTUALS_SECURE_COOKIES="1",
        MUTUALS_HSTS_SECONDS="3600",
        MUTUALS_ALLOWED_HOSTS="127.0.0.1",
    )
    subprocess.run(
        [sys.executable, "-c", ADD_USER.format(password=PASSWORD)], env=env, cwd=ROOT, check=True
    )
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        env=env,
        check=True,
        capture_output=True,
    )  # fmt: skip
    conf = tmp_path / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp_path, https_port=https_port, app_port=app_port))

    serve_log, nginx_log = tmp_path / "serve.log", tmp_path / "nginx.log"
    serve = start([MUTUALS, "serve", "--port", str(app_port)], env, serve_log)
    try:
        wait_until_listening(app_port, serve, serve_log)
        nginx = start(
            [NGINX, "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "nginx-error.log")],
            env,
            nginx_log,
        )
        try:
            wait_until_listening(https_port, nginx, nginx_log)
            yield f"https://127.0.0.1:{https_port}"
        finally:
            stop(nginx)
    finally:
        stop(serve)


@pytest.fixture
def trusting_page(browser):
    """A page in a Chromium that accepts the self-signed certificate."""
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[*CHROMIUM_ARGS, "--ignore-certificate-errors"],
    )
    context = chromium.new_context()
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
    chromium.close()


def test_signing_in_through_an_https_proxy_sets_a_secure_session_cookie(https_url, trusting_page):
    page = trusting_page
    page.goto(https_url + "/login/")
    page.get_by_label("User name").fill("dana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(https_url + "/")

    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["sessionid"]["secure"] is True
    assert cookies["csrftoken"]["secure"] is True


def test_behind_the_proxy_the_app_knows_the_request_came_over_https(https_url, trusting_page):
    response = trusting_page.goto(https_url + "/login/")

    # Django sends HSTS only on a request it sees as secure: the proxy's header was trusted.
    assert response.headers["strict-transport-security"] == "max-age=3600"
