"""Settings for doithoai, read from the environment in this one module.

SQLite by default so that a fresh checkout runs with no set-up; PostgreSQL through
DATABASE_URL in production and CI. Nothing else reads the environment.
"""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)  # `make run` sets DEBUG=1
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-change-me"  # noqa: S105 - development default only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "axes",
    "doithoai.core",
    "doithoai.audit",
    "doithoai.workdays",
    "doithoai.organizations",
    "doithoai.petitions",
    "doithoai.conferences",
    "doithoai.followups",
    "doithoai.deadlines",
    "doithoai.notifications",
    "doithoai.live",
    "doithoai.documents",
    "doithoai.signing",
    "doithoai.reports",
    "doithoai.oversight",
    "doithoai.api",
    "doithoai.portal",
    "doithoai.demo",
    "doithoai.accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "doithoai.core.middleware.PermissionsPolicyMiddleware",
    "doithoai.core.middleware.RefuseNulMiddleware",
    # Before the session: an unchanged room poll with a room pass is answered here.
    "doithoai.live.middleware.RoomPollMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "doithoai.api.middleware.ApiErrorMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "doithoai.accounts.middleware.SessionLimitsMiddleware",
    "doithoai.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "doithoai.urls"
WSGI_APPLICATION = "doithoai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATA_DIR = Path(os.environ.get("DATA_DIR", PROJECT_DIR / "var"))
if "DATABASE_URL" not in os.environ:
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # the default SQLite file lives here
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'doithoai.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # Test a persistent connection before reuse, so the first request after a database
        # restart does not fail on a dead connection.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Audit log keys, held outside the database: `id:secret` pairs, comma-separated, the first one
# signs new events and checkpoints, the others only verify older ones. When empty, the keys are
# read from AUDIT_KEY_FILE (one `id:secret` a line, first line current), created on first use.
AUDIT_HMAC_KEYS = env_list("AUDIT_HMAC_KEYS", "")
AUDIT_KEY_FILE = Path(os.environ.get("AUDIT_KEY_FILE", DATA_DIR / "audit-keys"))
# Signed checkpoints of every chain head, one file each, never rewritten: point this at an
# append-only place the database's owner cannot change (a WORM mount, another host's share).
AUDIT_ANCHOR_DIR = Path(os.environ.get("AUDIT_ANCHOR_DIR", DATA_DIR / "audit-anchors"))
# Where `doithoai backup` writes its archives when no directory is given.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", DATA_DIR / "backups"))

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out accounts and addresses
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Django's validators; doithoai.accounts.validators gives their messages in Vietnamese.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "doithoai.accounts.validators.UserAttributeSimilarityValidator"},
    {
        "NAME": "doithoai.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("PASSWORD_MIN_LENGTH", "10"))},
    },
    {"NAME": "doithoai.accounts.validators.CommonPasswordValidator"},
    {"NAME": "doithoai.accounts.validators.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Background Excel exports: outside MEDIA_ROOT, sent only to the person who asked for them.
EXPORTS_DIR = Path(os.environ.get("EXPORTS_DIR", DATA_DIR / "exports"))

# Attachments: what a petition may carry.
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
ATTACHMENT_ALLOWED_EXTENSIONS = env_list(
    "ATTACHMENT_ALLOWED_EXTENSIONS", "pdf,doc,docx,xls,xlsx,odt,ods,jpg,jpeg,png,txt"
)
DATA_UPLOAD_MAX_MEMORY_SIZE = ATTACHMENT_MAX_BYTES + 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# The public address of the site, for links in e-mails (reminders, notifications).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "doithoai <no-reply@localhost>")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# The cache holds rate-limit counters, one-time form tokens and each person's memberships,
# so every worker process must share it: a database table by default (`doithoai
# createcachetable`, no extra service), or in production Redis (Debian's redis-server)
# through CACHE_URL or REDIS_URL, e.g. redis://127.0.0.1:6379/0, with Django's own
# RedisCache backend; sessions are then read from Redis too (cached_db: still stored in the
# database, so a Redis restart logs nobody out).
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "doithoai"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif CACHE_URL:
    raise ImproperlyConfigured("CACHE_URL must be a redis://, rediss:// or unix:// URL.")
else:
    CACHES = {
        "default": {
            "BACKEND": os.environ.get(
                "CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"
            ),
            "LOCATION": os.environ.get("CACHE_LOCATION", "doithoai_cache"),
        }
    }

# A logged-in person's busiest pages (inbox, a petition, home, deadline board, dashboard,
# roll-up, the API's petition list) are kept whole in that cache until a write changes
# their agency, and at most this many seconds (organizations/pagecache.py); 0 renders
# every request.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))

# API: requests allowed per user or token in each window (0 turns the limit off).
# Digital signatures (doithoai/signing): trust roots, the agency seal key, a timestamp authority.
SIGNING_TRUST_ROOTS = os.environ.get("DOITHOAI_TRUST_ROOTS", "")  # PEM bundle of trusted roots
SIGNING_FETCH_REVOCATION = env_bool("DOITHOAI_SIGN_FETCH_REVOCATION", False)
SIGNING_FONT = os.environ.get("DOITHOAI_SIGN_FONT", "")  # TrueType for the attachment text block
SIGNING_TSA_URL = os.environ.get("DOITHOAI_TSA_URL", "")  # RFC 3161 timestamp authority
SEAL_PKCS11_MODULE = os.environ.get("DOITHOAI_SEAL_PKCS11_MODULE", "")
SEAL_PKCS11_SLOT = os.environ.get("DOITHOAI_SEAL_PKCS11_SLOT", "")
SEAL_PKCS11_TOKEN = os.environ.get("DOITHOAI_SEAL_PKCS11_TOKEN", "")
SEAL_PKCS11_KEY = os.environ.get("DOITHOAI_SEAL_PKCS11_KEY", "")
SEAL_PKCS11_CERT = os.environ.get("DOITHOAI_SEAL_PKCS11_CERT", "")  # PEM, when not on the token
SEAL_PKCS11_PIN_ENV = os.environ.get("DOITHOAI_SEAL_PKCS11_PIN_ENV", "DOITHOAI_SEAL_PIN")
SEAL_PKCS12 = os.environ.get("DOITHOAI_SEAL_PKCS12", "")  # alternative to a token
SEAL_PKCS12_PASSWORD_ENV = os.environ.get(
    "DOITHOAI_SEAL_PKCS12_PASSWORD_ENV", "DOITHOAI_SEAL_PASSWORD"
)
# Per-agency seal keys (signing.SealKey): the libraries and the key folder they may use, and a
# folder of secret files (one per secret name) besides the environment.
SIGNING_PKCS11_MODULES = [
    m for m in os.environ.get("DOITHOAI_PKCS11_MODULES", "").split(os.pathsep) if m
]
SEAL_KEYS_DIR = os.environ.get("DOITHOAI_SEAL_KEYS_DIR", "")
SIGNING_SECRETS_DIR = os.environ.get("DOITHOAI_SECRETS_DIR", "")

API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "600"))
# Working days an agency has to send again a report the province returned (no legal text
# sets it: this system's default, per installation).
REPORT_RESEND_WORKING_DAYS = int(os.environ.get("REPORT_RESEND_WORKING_DAYS", "5"))
API_RATE_WINDOW = int(os.environ.get("API_RATE_WINDOW", "60"))

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts only from our own static files (htmx,
# Chart.js, swagger-ui are vendored); no inline script, no eval. Inline style attributes
# stay allowed because htmx and swagger-ui set them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features the site never uses, switched off (doithoai.core.middleware).
PERMISSIONS_POLICY = os.environ.get(
    "PERMISSIONS_POLICY",
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), interest-cohort=(), "
    "publickey-credentials-get=(self), publickey-credentials-create=(self)",
)

# --- Access: sessions, second factor, lockout (doithoai.accounts) ----------------------------
# Every session ends 12 hours after log-in; a privileged role's after 30 minutes idle.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", str(12 * 3600)))
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
# Role codes (organizations Role, plus `site_staff` for /admin/ staff and superusers) that
# must use a second factor whenever DEBUG is off; an empty value turns the requirement off.
PRIVILEGED_ROLES = ["head", "deputy", "secretariat", "inspector", "admin", "site_staff"]
MFA_REQUIRED_ROLES = env_list("MFA_REQUIRED_ROLES", ",".join(PRIVILEGED_ROLES))
# The demo with DEBUG on skips the second factor unless MFA_IN_DEBUG=1.
MFA_ENFORCED = env_bool("MFA_IN_DEBUG", False) if DEBUG else True
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "doithoai")
# Passkeys are bound to the site's host name and origin, taken from SITE_URL; browsers
# allow them only over https, or on http://localhost in development.
_site = urlsplit(SITE_URL)
_host = _site.hostname if _site.scheme == "https" else "localhost"
_port = f":{_site.port}" if _site.port else ""
OTP_WEBAUTHN_RP_ID = os.environ.get("OTP_WEBAUTHN_RP_ID", _host)
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list(
    "OTP_WEBAUTHN_ALLOWED_ORIGINS", f"{_site.scheme}://{_host}{_port}"
)
OTP_WEBAUTHN_RP_NAME = os.environ.get("OTP_WEBAUTHN_RP_NAME", "doithoai")
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # a passkey is the second factor, not the first
# django-axes: lock an account, and separately an address, after AXES_FAILURE_LIMIT wrong
# passwords, for AXES_COOLOFF_MINUTES; a successful log-in resets the account's count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "doithoai.accounts.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_CLIENT_IP_CALLABLE = "doithoai.core.net.client_ip"
# Reverse proxies in front of the application (1 behind the README's nginx): the client
# address is then read from X-Forwarded-For (doithoai.core.net).
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
# Password reset: e-mails sent per address (and requests per client) per hour.
PASSWORD_RESET_LIMIT = int(os.environ.get("PASSWORD_RESET_LIMIT", "3"))
PASSWORD_RESET_WINDOW = int(os.environ.get("PASSWORD_RESET_WINDOW", "3600"))

# Uploads: a callable path that scans a file before it is accepted (raise to refuse);
# with CLAMD_SOCKET or CLAMD_HOST set, ClamAV's clamd is used.
CLAMD_SOCKET = os.environ.get("CLAMD_SOCKET", "")
CLAMD_HOST = os.environ.get("CLAMD_HOST", "")
CLAMD_PORT = int(os.environ.get("CLAMD_PORT", "3310"))
ATTACHMENT_SCANNER = os.environ.get(
    "ATTACHMENT_SCANNER",
    "doithoai.core.scanning.clamd_scan" if (CLAMD_SOCKET or CLAMD_HOST) else "",
)
# The most a ZIP-based file (DOCX, XLSX, ODT…) may inflate to.
ATTACHMENT_MAX_UNCOMPRESSED_BYTES = int(
    os.environ.get("ATTACHMENT_MAX_UNCOMPRESSED_BYTES", str(100 * 1024 * 1024))
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
