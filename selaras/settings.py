"""The one settings module. Everything that differs per deployment comes from
environment variables read with the fail-fast helpers in `selaras.core.env`.

Development defaults (SQLite in `var/`, DEBUG off unless asked) make
`make demo` work with no configuration; production sets at least
SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (see docs/deployment.md).
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from selaras.core.env import ConfigError, env, envbool, envint, envlist

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env("SELARAS_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = envbool("DEBUG", False)
PRODUCTION = envbool("SELARAS_PRODUCTION", False)

_DEV_SECRET = "selaras-development-only-not-secret"
SECRET_KEY = env("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET or len(set(SECRET_KEY)) < 5):
    raise ConfigError("SECRET_KEY must be set to a random value of at least 50 characters in production")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Before django_tasks_db: its `db_worker` command is replaced by ours.
    "selaras.core",
    "django_tasks_db",
    "selaras.accounts",
    "selaras.audit",
    "selaras.registry",
    "selaras.plans",
    "selaras.flags",
    "selaras.sync",
    "selaras.notifications",
    "selaras.meetings",
    # After the domain apps: the home page gathers their work.
    "selaras.home",
    "selaras.devtools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "selaras.core.middleware.IndonesianFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "selaras.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "selaras.audit.middleware.AuditActorMiddleware",
]

ROOT_URLCONF = "selaras.urls"
WSGI_APPLICATION = "selaras.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "selaras.core.context_processors.navigation",
                "selaras.notifications.context_processors.notifications",
            ],
            "builtins": ["selaras.core.templatetags.selaras_format"],
        },
    }
]

# --- Database: SQLite by default, PostgreSQL through DATABASE_URL ------------
DATABASE_URL = env("DATABASE_URL", "")
if DATABASE_URL:
    # Persistent connections are checked before reuse: after a database
    # restart or failover each would otherwise fail one request with a 500.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    if PRODUCTION:
        raise ConfigError("DATABASE_URL is required in production (PostgreSQL)")
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(VAR_DIR / "selaras.sqlite3")),
            "CONN_HEALTH_CHECKS": True,
            # The worker and the web server share the file: wait for locks
            # instead of failing, and let readers run beside one writer.
            "OPTIONS": {
                "timeout": 30,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["selaras.accounts.backends.UsernameOrEmailBackend"]
OIDC_ENABLED = envbool("OIDC_ENABLED", False)
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("selaras.accounts.oidc.SelarasOIDCBackend")
    OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", "")
    OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", "openid email profile")
    OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", "SSO")
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "home:home"
# Failed sign-ins: an account from one address, an address, an account
# from anywhere (softer, so one machine cannot lock a user out everywhere).
LOGIN_MAX_FAILURES = envint("LOGIN_MAX_FAILURES", 5)
LOGIN_ADDRESS_MAX_FAILURES = envint("LOGIN_ADDRESS_MAX_FAILURES", 30)
LOGIN_ACCOUNT_MAX_FAILURES = envint("LOGIN_ACCOUNT_MAX_FAILURES", 20)
LOGIN_LOCKOUT_MINUTES = envint("LOGIN_LOCKOUT_MINUTES", 15)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- E-mail: Django 6.1's MAILERS (the EMAIL_* settings are deprecated) ----
# The environment variables keep their familiar EMAIL_* names.
_EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
_MAILER: dict = {"BACKEND": _EMAIL_BACKEND}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    _MAILER["OPTIONS"] = {
        "host": env("EMAIL_HOST", "localhost"),
        "port": envint("EMAIL_PORT", 25),
        "username": env("EMAIL_HOST_USER", ""),
        "password": env("EMAIL_HOST_PASSWORD", ""),
        "use_tls": envbool("EMAIL_USE_TLS", False),
        "use_ssl": envbool("EMAIL_USE_SSL", False),
        "timeout": envint("EMAIL_TIMEOUT", 30),
    }
    if _MAILER["OPTIONS"]["use_tls"] and _MAILER["OPTIONS"]["use_ssl"]:
        raise ConfigError("EMAIL_USE_TLS and EMAIL_USE_SSL are mutually exclusive: set only one")
MAILERS = {"default": _MAILER}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Selaras <noreply@selaras.localhost>")

# --- Language and formats: Indonesian first -----------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = env("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["selaras.formats"]

# --- Static files: every asset served by the app, nothing from a CDN --------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]  # the shell's own CSS/JS and vendored libraries
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    # WhiteNoise warns on every start when the collectstatic target is missing.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# --- Background work: Django's tasks framework -------------------------------
# Database queue by default (no extra service); Redis when TASKS_REDIS_URL is set.
TASKS_REDIS_URL = env("TASKS_REDIS_URL", "")
TASKS = {
    "default": (
        {"BACKEND": "selaras.core.tasks_redis.RedisBackend", "OPTIONS": {"url": TASKS_REDIS_URL}}
        if TASKS_REDIS_URL
        else {"BACKEND": "django_tasks_db.DatabaseBackend"}
    )
}

# --- API --------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: DRF takes the WWW-Authenticate header (and so 401 rather
    # than 403) from the first class; the session (with CSRF) still serves
    # the browser.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "selaras.accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["selaras.core.api.ScopedPermission"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": [],
    "EXCEPTION_HANDLER": "selaras.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Selaras API",
    "DESCRIPTION": "Sinkronisasi program pusat dan daerah / Synchronising central and regional programmes",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and ReDoc from drf-spectacular-sidecar's static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a "status"; name each choice set once.
    "ENUM_NAME_OVERRIDES": {
        "PlanStatusEnum": "selaras.plans.models.PlanStatus",
        "FindingStatusEnum": "selaras.sync.models.FindingStatus",
        "LetterStatusEnum": "selaras.sync.models.LetterStatus",
        # Jobs and check runs share the same four states (RunStatus = JobStatus).
        "ProcessStatusEnum": "selaras.core.models.JobStatus",
        "MeetingKindEnum": "selaras.meetings.models.MeetingKind",
        "MeetingStatusEnum": "selaras.meetings.models.MeetingStatus",
        "FollowUpStatusEnum": "selaras.meetings.models.FollowUpStatus",
        "FlagStatusEnum": "selaras.flags.models.FlagStatus",
        "NotificationKindEnum": "selaras.notifications.models.NotificationKind",
        "ProgrammeKindEnum": "selaras.plans.models.ProgrammeKind",
        "AgencyKindEnum": "selaras.registry.models.AgencyKind",
    },
}

# --- Security ---------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 60 * 60 * 10)
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", PRODUCTION) else None
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 20 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Work done outside the request: a region matrix with this many
# activity-locations or more is built by the worker; finished exports are kept
# (outside the served folders) for a day. The likely-duplicates index is built
# once per year by the worker and loaded by web processes from its folder; only
# a year this small is ever built inside a request.
REGION_MATRIX_BACKGROUND_LOCATIONS = envint("REGION_MATRIX_BACKGROUND_LOCATIONS", 1500)
SELARAS_EXPORT_DIR = Path(env("SELARAS_EXPORT_DIR", str(VAR_DIR / "exports")))
SIMILARITY_INDEX_DIR = Path(env("SIMILARITY_INDEX_DIR", str(VAR_DIR / "lookup-index")))
SIMILARITY_INLINE_BUILD_MAX_ITEMS = envint("SIMILARITY_INLINE_BUILD_MAX_ITEMS", 20000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Reference data shipped with the product lives in selaras/registry/data;
# the optional development copy of ../shared is only used by tests and the demo.
SHARED_DATA_DIR = Path(env("SELARAS_SHARED_DIR", str(PROJECT_DIR.parent / "shared")))

# Recommendation letters (docs/letter-template.md): the Word template with
# placeholders (empty: the one shipped in selaras/sync/letters/templates), the
# issuing office's address for the kop surat, and the numbering pattern.
SELARAS_LETTER_TEMPLATE = env("SELARAS_LETTER_TEMPLATE", "")
SELARAS_LETTER_ADDRESS = env("SELARAS_LETTER_ADDRESS", "")
SELARAS_LETTER_NUMBER_FORMAT = env("SELARAS_LETTER_NUMBER_FORMAT", "")

# Meetings: follow-up reminders go out this many days before the due date
# (and once when overdue) by `selaras send-reminders`; the minutes' Word
# template (docs/minutes-template.md; empty: the shipped notulen.docx).
FOLLOWUP_REMINDER_DAYS = env("FOLLOWUP_REMINDER_DAYS", "7,1")
MINUTES_TEMPLATE = env("MINUTES_TEMPLATE", "")
