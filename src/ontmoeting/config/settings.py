"""Settings, read from environment variables (12-factor).

Defaults make ``make demo`` work on a laptop: SQLite under ``var/``, Dutch, debug on.
Set ``ONTMOETING_ENV=production`` for a deployment: then ``DJANGO_SECRET_KEY`` and
``DJANGO_ALLOWED_HOSTS`` are required and the security settings pass
``manage.py check --deploy --fail-level WARNING``.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ontmoeting.config.logging import FORMATS, logging_config
from ontmoeting.privacy.files import touch_private, write_private

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ONTMOETING_VAR_DIR", Path.cwd() / "var")).resolve()

ENVIRONMENT = os.environ.get("ONTMOETING_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    key = os.environ.get("DJANGO_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when ONTMOETING_ENV=production.")
    # Development: a random key kept outside the repository, stable across restarts, 0600.
    path = VAR_DIR / "secret_key"
    write_private(path, secrets.token_urlsafe(50).encode())
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("DJANGO_DEBUG", "0" if PRODUCTION else "1") == "1"
ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when ONTMOETING_ENV=production.")
CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The Django admin behind the staff sign-in and its second factor (web/admin_site.py).
    "ontmoeting.web.admin_config.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # django-ninja (the API): its Swagger page from our own static files, not a CDN.
    "ninja",
    "ontmoeting.web",
    "ontmoeting.privacy",
    "ontmoeting.people",
    "ontmoeting.editions",
    "ontmoeting.planning",
    "ontmoeting.messaging",
    "ontmoeting.documents",
    "ontmoeting.surveys",
    "ontmoeting.reports",
    "ontmoeting.expenses",
    "ontmoeting.dayof",
    "ontmoeting.cocreation",
    "ontmoeting.background",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from STATIC_ROOT (`ontmoeting serve` collects them first).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ontmoeting.web.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ontmoeting.web.signin.middleware.StaffSessionMiddleware",
    "ontmoeting.web.signin.middleware.SecondFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a lockout found during the login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ontmoeting.config.urls"
WSGI_APPLICATION = "ontmoeting.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "ontmoeting.web.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ontmoeting.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tests use a file, not SQLite's shared in-memory database: background plan runs and the
    # live server of the browser tests work in other threads, as they do in production.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("ONTMOETING_TEST_DB", str(VAR_DIR / "test-ontmoeting.sqlite3"))
    }
    # Several processes write (the web server's workers, the task workers): write-ahead logging
    # lets readers go on during a write, and IMMEDIATE transactions take the write lock when they
    # begin, so two writers wait for each other instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not str(
    DATABASES["default"]["NAME"]
).startswith((":memory:", "file:")):
    # SQLite makes a new database file with the umask (0644: readable by every user of the
    # machine); made here first, it is 0600, and SQLite gives its journal the same mode.
    touch_private(Path(DATABASES["default"]["NAME"]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# Staff sign-in (web/signin/): throttling and lockout by django-axes, in the database; a TOTP
# second factor with recovery codes (django-otp); idle and absolute session limits.
AUTHENTICATION_BACKENDS = [
    "ontmoeting.web.signin.backends.LockoutBackend",  # refuses a locked-out login first
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
#: Failed logins that lock out, and for how long (minutes).
AXES_FAILURE_LIMIT = int(os.environ.get("ONTMOETING_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ONTMOETING_LOGIN_LOCKOUT_MINUTES", "15")))
#: Counted per account and client address together: colleagues behind the university's one
#: public address do not lock each other out, and nobody can lock a staff member out from
#: elsewhere. Admins also need their second factor, whose own throttle slows code guessing.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
#: Tries during a lockout are refused and do not extend it: the page's "try again at" holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ontmoeting.web.signin.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "ontmoeting.web.client_address.client_address"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password"]
#: Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma separated).
#: None (the default): the client is REMOTE_ADDR and the header is ignored.
ONTMOETING_TRUSTED_PROXIES = _env_list("ONTMOETING_TRUSTED_PROXIES")

OTP_TOTP_ISSUER = "ontmoeting"
#: Staff sessions end after this many idle minutes, and in any case this many hours after the
#: sign-in (participants' personal-page sessions keep their own rules).
ONTMOETING_STAFF_IDLE_MINUTES = int(os.environ.get("ONTMOETING_STAFF_IDLE_MINUTES", "30"))
ONTMOETING_STAFF_SESSION_HOURS = int(os.environ.get("ONTMOETING_STAFF_SESSION_HOURS", "12"))
#: How long a password-reset link sent by e-mail works (seconds): the mail and the pages say so.
PASSWORD_RESET_TIMEOUT = 60 * 60

# Internationalisation: Dutch first, English and Italian complete.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English")), ("it", _("Italian"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("ONTMOETING_TIME_ZONE", "Europe/Brussels")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise reads STATIC_ROOT when it starts and warns when it is missing (an error in the
# tests): made here, empty until `ontmoeting serve` (or `manage collectstatic`) fills it.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
#: Outside production WhiteNoise looks a file up when it is asked for (changes show at once, and
#: the tests' many short-lived handlers do not each scan STATIC_ROOT); production scans it once.
WHITENOISE_AUTOREFRESH = not PRODUCTION
if PRODUCTION:
    # Names carrying a hash of the content, so browsers may keep them for ever; gzip beside.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        },
    }
MEDIA_ROOT = VAR_DIR / "media"

# Security. Development keeps plain HTTP on localhost; production turns everything on.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
    #: The health check answers over plain HTTP too (a monitor on the machine itself).
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Email: every message goes through the outbox (messaging/) and is sent over SMTP by its worker.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "1025"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"  # STARTTLS (port 587)
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "0") == "1"  # implicit TLS (port 465)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ontmoetingsdag@example.org")
#: Where cancellation alerts and other notices for the coordinators go.
ONTMOETING_COORDINATOR_EMAIL = os.environ.get("ONTMOETING_COORDINATOR_EMAIL", DEFAULT_FROM_EMAIL)
CSRF_FAILURE_VIEW = "ontmoeting.web.views.errors.csrf_failure"
#: The coordinators' phone number shown on the error pages (an edition's own contact elsewhere).
ONTMOETING_COORDINATOR_PHONE = os.environ.get("ONTMOETING_COORDINATOR_PHONE", "")
# Background work (background/): Django's tasks framework with the database backend, run by
# `ontmoeting worker`. ONTMOETING_TASKS=immediate runs each task at once where it is enqueued
# (a single-process install without a worker; the tests that do not exercise the worker).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("ONTMOETING_TASKS") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}
#: Seconds between a worker's heartbeats; a worker silent for ONTMOETING_WORKER_STALE_SECONDS
#: is taken for dead and its running task is tried again.
ONTMOETING_WORKER_HEARTBEAT_SECONDS = float(os.environ.get("ONTMOETING_WORKER_HEARTBEAT_SECONDS", "5"))
ONTMOETING_WORKER_STALE_SECONDS = float(os.environ.get("ONTMOETING_WORKER_STALE_SECONDS", "60"))
#: The jobs the workers enqueue by themselves: `every` N seconds or `daily` at HH:MM (local).
#: ONTMOETING_SCHEDULE=off turns them all off (run the commands from cron instead, or none).
ONTMOETING_SCHEDULE: dict[str, dict[str, object]] = (
    {}
    if os.environ.get("ONTMOETING_SCHEDULE", "").strip().lower() == "off"
    else {
        "outbox": {
            "task": "ontmoeting.messaging.tasks.send_outbox",
            "every": float(os.environ.get("ONTMOETING_OUTBOX_SECONDS", "60")),
        },
        "privacy-purge": {"task": "ontmoeting.privacy.tasks.purge_retention", "daily": "03:00"},
        "trajectories-remind": {
            "task": "ontmoeting.cocreation.tasks.remind_trajectories",
            "daily": "08:00",
        },
        "prune-task-results": {"task": "ontmoeting.background.tasks.prune_results", "daily": "04:00"},
    }
)
#: Jobs of the schedule to leave out, by name (comma separated): `make demo` leaves out the
#: privacy purge, which would thin the demo's history of people who did not return.
for _skipped in _env_list("ONTMOETING_SCHEDULE_SKIP"):
    ONTMOETING_SCHEDULE.pop(_skipped, None)
#: Where links in messages point (magic links, registration links).
SITE_URL = os.environ.get("ONTMOETING_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

#: Hours a new link works, per purpose (personal page, registration, confirmation); see
#: ``privacy.tokens.DEFAULT_LINK_HOURS`` for the defaults (72 hours for the personal page).
ONTMOETING_LINK_HOURS = {
    purpose: int(os.environ[f"ONTMOETING_LINK_HOURS_{purpose.upper()}"])
    for purpose in ("personal_page", "register", "confirm")
    if os.environ.get(f"ONTMOETING_LINK_HOURS_{purpose.upper()}")
}

#: The shared cache (rate limits): a table in the database, so every process counts together.
#: Its table is made by a migration of the privacy app (``createcachetable``).
#: ONTMOETING_REDIS_URL (redis://host:6379/0) puts it in Redis instead.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ontmoeting_cache",
    }
}
if os.environ.get("ONTMOETING_REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["ONTMOETING_REDIS_URL"],
        "KEY_PREFIX": "ontmoeting",
    }
#: The rate limits' client address follows ONTMOETING_TRUSTED_PROXIES (above).

#: The Fernet keys that encrypt bank details at rest (expenses/crypto.py): one key, or while
#: rotating several separated by commas, the newest first (it encrypts; every key decrypts).
ONTMOETING_FIELD_KEY = os.environ.get("ONTMOETING_FIELD_KEY", "")
#: Without ONTMOETING_FIELD_KEY, the file that holds the keys (one a line). Development:
#: VAR_DIR/field_key, made on first use. Production: outside the data directory, so that a copy
#: of the data is not also a copy of its key; never made by the app (docs/operations.md).
ONTMOETING_FIELD_KEY_FILE = Path(
    os.environ.get("ONTMOETING_FIELD_KEY_FILE")
    or ("/etc/ontmoeting/field_key" if PRODUCTION else VAR_DIR / "field_key")
)
#: The key of the research pseudonyms (surveys/pseudonyms.py: HMAC-SHA256 of a study code or a
#: self-made code). Kept like the field key: env, else a file outside the data directory in
#: production; made once into VAR_DIR/research_key in development.
ONTMOETING_RESEARCH_KEY = os.environ.get("ONTMOETING_RESEARCH_KEY", "")
ONTMOETING_RESEARCH_KEY_FILE = Path(
    os.environ.get("ONTMOETING_RESEARCH_KEY_FILE")
    or ("/etc/ontmoeting/research_key" if PRODUCTION else VAR_DIR / "research_key")
)
#: The department's account that pays the reimbursements (SEPA debtor). The defaults are a
#: demo account that must never be used for real payments.
ONTMOETING_DEBTOR_NAME = os.environ.get(
    "ONTMOETING_DEBTOR_NAME", "DEMO Onderzoeksgroep - NIET BETALEN"
)
ONTMOETING_DEBTOR_IBAN = os.environ.get("ONTMOETING_DEBTOR_IBAN", "BE68539007547034")
ONTMOETING_DEBTOR_BIC = os.environ.get("ONTMOETING_DEBTOR_BIC", "GKCCBEBB")
#: Separation of payment duties (expenses/duties.py): only a finance user who did not enter,
#: send or approve any claim of a batch makes it and marks it paid. ``0`` lets coordinators
#: pay as before (a very small team).
ONTMOETING_SEPARATE_PAYMENT_DUTIES = (
    os.environ.get("ONTMOETING_SEPARATE_PAYMENT_DUTIES", "1") == "1"
)

#: The retention policy (privacy/retention.py; ``ontmoeting privacy purge`` applies it):
#: contact data of people who did not return is removed this many years after their last
#: edition; stored messages this many years after they were sent.
ONTMOETING_RETENTION = {
    "contact_years": int(os.environ.get("ONTMOETING_RETENTION_CONTACT_YEARS", "3")),
    "message_years": int(os.environ.get("ONTMOETING_RETENTION_MESSAGE_YEARS", "1")),
}

# Uploads (OWASP ASVS 5.0 V5). A form's fields may take 10 MB; a file past 2.5 MB streams to a
# temporary file instead of memory; a request carries at most 10 files (a claim has 3 receipts).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FILES = 10
#: The first handler counts each file's bytes as they arrive and keeps none past the largest
#: limit below, so an oversized file costs no memory or disk; the form then refuses it by name.
FILE_UPLOAD_HANDLERS = [
    "ontmoeting.web.uploads.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
#: The largest file of each kind, in bytes (web and command line alike).
ONTMOETING_UPLOAD_MAX_BYTES = {
    "roster": 10 * 1024 * 1024,
    "instrument": 5 * 1024 * 1024,
    "receipt": 10 * 1024 * 1024,
}
#: An .xlsx is refused when its parts unpack to more than this many bytes in all, or when a
#: part of more than 1 MB unpacks to more than RATIO times its packed size (a zip bomb).
ONTMOETING_XLSX_MAX_UNPACKED_BYTES = 50 * 1024 * 1024
ONTMOETING_XLSX_MAX_RATIO = 100
#: The most rows (below the header) and columns a roster file may have.
ONTMOETING_ROSTER_MAX_ROWS = int(os.environ.get("ONTMOETING_ROSTER_MAX_ROWS", "5000"))
ONTMOETING_ROSTER_MAX_COLUMNS = 100
#: The most rows and columns of each sheet of an imported survey instrument.
ONTMOETING_INSTRUMENT_MAX_ROWS = 1000
ONTMOETING_INSTRUMENT_MAX_COLUMNS = 50

#: Plain text, or one JSON object per line (config/logging.py) for a log collector.
ONTMOETING_LOG_FORMAT = os.environ.get("ONTMOETING_LOG_FORMAT", "plain")
if ONTMOETING_LOG_FORMAT not in FORMATS:
    raise ImproperlyConfigured(f"ONTMOETING_LOG_FORMAT must be one of {', '.join(FORMATS)}.")
LOGGING = logging_config(ONTMOETING_LOG_FORMAT, os.environ.get("ONTMOETING_LOG_LEVEL", "WARNING"))
