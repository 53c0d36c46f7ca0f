"""Django settings for mutuals, configured only through MUTUALS_* environment variables.

Every variable is documented in the README's configuration table. The defaults give a
private, single-user install on SQLite in the user's data directory.
"""

from __future__ import annotations

import contextlib
import importlib.util
import math
import os
import secrets
from pathlib import Path

import dj_database_url
import platformdirs
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _number(name: str, default: float, unit: str) -> float:
    """A positive number from the environment; a typo stops the start with a sentence."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        number = 0
    if not (math.isfinite(number) and number > 0):
        raise ImproperlyConfigured(
            f"{name} must be a number of {unit} above 0, such as {default:g}."
        )
    return number


def _seconds(name: str, default: int) -> int:
    """A whole number of seconds, 0 or more, from the environment (0 turns the feature off)."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdecimal():
        raise ImproperlyConfigured(
            f"{name} must be a whole number of seconds, 0 or more, such as {default}."
        )
    return int(value)


MUTUALS_HOME = Path(
    os.environ.get("MUTUALS_HOME") or platformdirs.user_data_dir("mutuals", appauthor=False)
)


def _private_home() -> None:
    """The data directory, readable by its owner only (0700) whatever the umask, and made so
    again if an earlier version left it open to other local accounts."""
    MUTUALS_HOME.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # a directory owned by someone else stays as it is
        MUTUALS_HOME.chmod(0o700)


def _private_database(path: Path) -> None:
    """The SQLite database 0600, created before SQLite opens it: SQLite gives its -wal and
    -shm files the database's own mode, so all three stay private whatever the umask."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(name).chmod(0o600)


def _secret_key() -> str:
    """The signing key: from the environment, else one generated once and kept in MUTUALS_HOME."""
    if key := os.environ.get("MUTUALS_SECRET_KEY"):
        return key
    path = MUTUALS_HOME / "secret_key"
    try:
        key = path.read_text().strip()
        with contextlib.suppress(OSError):
            path.chmod(0o600)
        return key
    except FileNotFoundError:
        _private_home()
        key = secrets.token_urlsafe(50)
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
            file.write(key)
        return key


SECRET_KEY = _secret_key()
DEBUG = _flag("MUTUALS_DEBUG")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("MUTUALS_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if h.strip()
]
CSRF_FAILURE_VIEW = "mutuals.web.views.common.csrf_failure"
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("MUTUALS_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django_htmx",
    "mutuals.accounts",
    "mutuals.people",
    "mutuals.interactions",
    "mutuals.promises",
    "mutuals.needs",
    "mutuals.ledger",
    "mutuals.network",
    "mutuals.orgs",
    "mutuals.leads",
    "mutuals.events",
    "mutuals.progress",
    "mutuals.coaching",
    "mutuals.assignments",
    "mutuals.feedback",
    "mutuals.groups",
    "mutuals.imports",
    "mutuals.emails",
    "mutuals.connections",
    "mutuals.addressbook",
    "mutuals.calendars",
    "mutuals.changes",
    "django_tasks",
    "django_tasks_db",
    "mutuals.digest",
    "mutuals.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A strict Content-Security-Policy on every response, static files included (web/csp.py).
    "mutuals.web.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A request that changed records gives its owner's version a new token: what lets
    # today's plan be kept until something changes (changes/tracking.py).
    "mutuals.changes.middleware.ChangesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Both answer in words: a body over the limit is a 413 before anything reads it, and a
    # database busy with another write (a large import) is a 503 with Retry-After.
    "mutuals.web.middleware.BodySizeMiddleware",
    "mutuals.web.middleware.BusyDatabaseMiddleware",
    "mutuals.web.middleware.FirstRunMiddleware",
]

ROOT_URLCONF = "mutuals.urls"
WSGI_APPLICATION = "mutuals.wsgi.application"

# django-ninja's Swagger page and its assets, served from this machine (never a CDN) without
# listing "ninja" as an app: as an app it is imported at every start, a quarter of the CLI's
# start-up time (docs/performance.md).
_NINJA_SPEC = importlib.util.find_spec("ninja")
NINJA_DIR = Path(_NINJA_SPEC.origin if _NINJA_SPEC and _NINJA_SPEC.origin else ".").parent
STATICFILES_DIRS = [NINJA_DIR / "static"]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
# Form fields are drawn by Jinja2 from Django's own form templates (twice as fast).
FORM_RENDERER = "mutuals.web.form_renderer.FormRenderer"


# How long a write waits for another write's lock (a large import, say) before the request
# answers "busy, try again" (HTTP 503, CLI exit code BUSY) instead of hanging.
MUTUALS_DB_BUSY_TIMEOUT = _number("MUTUALS_DB_BUSY_TIMEOUT", 5, "seconds")

# On a server (PostgreSQL): each worker thread keeps its connection for this many seconds
# instead of opening one per request, and checks it still works before reusing it.
MUTUALS_DB_CONN_MAX_AGE = _seconds("MUTUALS_DB_CONN_MAX_AGE", 60)
MUTUALS_DB_CONN_HEALTH_CHECKS = _flag("MUTUALS_DB_CONN_HEALTH_CHECKS", default=True)


def _database() -> dict[str, object]:
    url = os.environ.get("MUTUALS_DATABASE_URL")
    if url:
        config = dict(
            dj_database_url.parse(
                url,
                conn_max_age=MUTUALS_DB_CONN_MAX_AGE,
                conn_health_checks=MUTUALS_DB_CONN_HEALTH_CHECKS,
            )
        )
        options = dict(config.get("OPTIONS") or {})
        wait = f"-c lock_timeout={round(MUTUALS_DB_BUSY_TIMEOUT * 1000)}"
        options["options"] = f"{options['options']} {wait}" if options.get("options") else wait
        config["OPTIONS"] = options
        return config
    _private_home()
    _private_database(MUTUALS_HOME / "mutuals.sqlite3")
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(MUTUALS_HOME / "mutuals.sqlite3"),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": MUTUALS_DB_BUSY_TIMEOUT,
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "today"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("MUTUALS_TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True

# Uploads: an import file or a restored backup may be up to MUTUALS_MAX_UPLOAD_MB, as a raw
# body or a multipart file (files above FILE_UPLOAD_MAX_MEMORY_SIZE wait in a temporary file,
# not in memory). Every other body (JSON, forms) keeps Django's usual 2.5 MB. Bodies over
# either limit answer 413 before they are read (mutuals.web.middleware.BodySizeMiddleware).
MUTUALS_MAX_UPLOAD_BYTES = round(_number("MUTUALS_MAX_UPLOAD_MB", 100, "megabytes") * 1024 * 1024)
MUTUALS_MAX_BODY_BYTES = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = MUTUALS_MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

STATIC_URL = "static/"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Security and serving on a real server (docs/deploy.md). The defaults are the laptop's:
# plain HTTP on loopback and nothing a browser remembers. Behind a TLS proxy (nginx, Caddy)
# that sets X-Forwarded-Proto, MUTUALS_BEHIND_TLS_PROXY=1 makes request.is_secure() true and
# turns on secure cookies and the HTTPS redirect unless they are set otherwise. HSTS stays
# off until asked for: browsers remember it for its whole duration.
MUTUALS_BEHIND_TLS_PROXY = _flag("MUTUALS_BEHIND_TLS_PROXY")
if MUTUALS_BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _flag("MUTUALS_SSL_REDIRECT", default=MUTUALS_BEHIND_TLS_PROXY)
SECURE_HSTS_SECONDS = _seconds("MUTUALS_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("MUTUALS_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _flag("MUTUALS_HSTS_PRELOAD")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _flag("MUTUALS_SECURE_COOKIES", default=MUTUALS_BEHIND_TLS_PROXY)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Logs carry no personal data: only request paths with ids, never names or notes.
# Every handler hides invitation codes and tokens in paths (mutuals.logfilters); django.server
# (runserver's request lines) is Django's own handler and format, with the same filter.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"secrets": {"()": "mutuals.logfilters.RedactSecrets"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "mutuals.logfilters.Console", "filters": ["secrets"]},
        "django.server": {
            "class": "mutuals.logfilters.Console",
            "formatter": "django.server",
            "filters": ["secrets"],
        },
    },
    "loggers": {
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("MUTUALS_LOG_LEVEL", "WARNING")},
}

# Accounts (issue 12): every password check is throttled (mutuals.accounts.throttle). Behind a
# reverse proxy the client's address is the last hop of X-Forwarded-For, which the proxy adds.
AUTHENTICATION_BACKENDS = ["mutuals.accounts.backends.ThrottledModelBackend"]
MUTUALS_TRUST_FORWARDED_FOR = _flag("MUTUALS_BEHIND_TLS_PROXY")
# Password reset by e-mail, offered on the sign-in page only when an SMTP server is set.
MUTUALS_SMTP_HOST = os.environ.get("MUTUALS_SMTP_HOST", "").strip()
if MUTUALS_SMTP_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = MUTUALS_SMTP_HOST
    EMAIL_PORT = int(_number("MUTUALS_SMTP_PORT", 587, "port"))
    EMAIL_HOST_USER = os.environ.get("MUTUALS_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("MUTUALS_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = _flag("MUTUALS_SMTP_STARTTLS", default=EMAIL_PORT != 465)
    EMAIL_USE_SSL = EMAIL_PORT == 465
    DEFAULT_FROM_EMAIL = os.environ.get("MUTUALS_SMTP_FROM", "") or f"mutuals@{EMAIL_HOST}"

# The morning digest (issue 13): the address the e-mail links to, e.g. https://mutuals.example.org
# (without it the e-mail says "open mutuals"), and the task queue its worker runs: the database
# itself, so SQLite and PostgreSQL need nothing else (django-tasks-db; `mutuals worker`).
MUTUALS_BASE_URL = os.environ.get("MUTUALS_BASE_URL", "").strip().rstrip("/")
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
