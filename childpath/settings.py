"""Childpath settings: one module, driven by the environment (STYLE.md practice 7).

Secrets come from the environment, from ``NAME_FILE`` files, or from the git-ignored
``.local/keys.env`` that ``scripts/ensure_keys.py`` writes on the first ``make run``.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
# CHILDPATH_KEYS_FILE: a second instance on the same machine (the paired demo) has its own.
_keys_file = Path(env.str("CHILDPATH_KEYS_FILE", default=str(BASE_DIR / ".local" / "keys.env")))
if _keys_file.exists():
    # Values already in the environment win over the file.
    environ.Env.read_env(str(_keys_file), overwrite=False)


def _secret(name: str) -> str:
    """A required secret from NAME or from the file named by NAME_FILE."""
    path = env.str(f"{name}_FILE", default="")
    if path:
        return Path(path).read_text().strip()
    return str(env.str(name))


def _secret_list(name: str) -> list[str]:
    return [value.strip() for value in _secret(name).split(",") if value.strip()]


SECRET_KEY = _secret("SECRET_KEY")
# Field encryption keys (Fernet, urlsafe base64), newest first: the first encrypts,
# all decrypt, so keys can be rotated without downtime (DESIGN.md section 7).
FIELD_ENCRYPTION_KEYS = _secret_list("FIELD_ENCRYPTION_KEYS")
# Key of the blind index: exact look-ups by name and date of birth without the clear value.
BLIND_INDEX_KEY = _secret("BLIND_INDEX_KEY")

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The jurisdiction this instance serves (ISO 3166-1 alpha-2).
CHILDPATH_COUNTRY = env.str("CHILDPATH_COUNTRY", default="SE")
# The jurisdiction profile (childpath/jurisdiction/profiles/<code>.yaml): who may identify,
# which rights exist, the time limits. "model" follows the reports' recommendations.
CHILDPATH_PROFILE = env.str("CHILDPATH_PROFILE", default="SE")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "childpath.accounts",
    "childpath.audit",
    "childpath.cases",
    "childpath.screening",
    "childpath.jurisdiction",
    "childpath.identification",
    "childpath.age_assessment",
    "childpath.rights",
    "childpath.directory",
    "childpath.referrals",
    "childpath.auditing",
    "childpath.exchange",
    "childpath.matching",
    "childpath.stats",
    "childpath.help",
    "childpath.practice",
    "childpath.demo",
    "childpath.signin",
    "childpath.administration",
]

MIDDLEWARE = [
    # First: the public help pages for children read and set no cookie (DESIGN.md 6.10).
    "childpath.help.notrace.NoTraceMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "childpath.lib.request_id.RequestIdMiddleware",
    # A body over the size limit is refused before anything reads it (413, JSON under /api/).
    "childpath.lib.security.BodySizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Right after sessions: renews the idle timeout at most once a minute (issue 17).
    "childpath.lib.sessions.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Sign-in floods get 429 before the session, the user or a password hash is touched.
    "childpath.signin.throttle.SignInThrottleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django-otp's, reading the user and the device in one query (childpath/signin/identity.py).
    "childpath.signin.identity.OTPMiddleware",
    # Pages need the second factor (DESIGN.md section 7); the API checks it in DRF.
    "childpath.signin.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "childpath.lib.security.SecurityHeadersMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that it sees the outcome of authentication (django-axes docs).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "childpath.urls"
WSGI_APPLICATION = "childpath.wsgi.application"

# Widgets render with the project's templates too (childpath/templates/widgets).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "childpath" / "templates"],
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

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'childpath.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of failing
    # half-way; the audit hash chain relies on writers being serialised.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Short OLTP queries: PostgreSQL's JIT compiles a plan whose cost estimate is high for
    # 50-1,200 ms before running a query that takes 1 ms (BENCHMARKS.md, issue 17).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Server-side binding lets psycopg prepare a statement the connection runs often, so
    # PostgreSQL stops planning it on every request. Off: measured without a clear gain at
    # 1,000,000 cases (BENCHMARKS.md, issue 17).
    DATABASES["default"]["OPTIONS"]["server_side_binding"] = env.bool(
        "DATABASE_SERVER_SIDE_BINDING", default=False
    )
# Reuse each worker's database connection between requests (issue 17, BENCHMARKS.md); the
# health check replaces a connection the server closed. 0 opens one per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The test database's name, where the default ``test_<name>`` is not the one to use.
DATABASES["default"]["TEST"] = {"NAME": env.str("DATABASE_TEST_NAME", default=None)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Short sessions (DESIGN.md section 7): 30 minutes of inactivity. The expiry is renewed by
# childpath.lib.sessions.SessionRefreshMiddleware at most once a minute, not written on every
# request (issue 17).
# Django's database sessions, read without building a queryset (childpath/lib/sessions.py).
SESSION_ENGINE = "childpath.lib.sessions"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_INTERVAL = 60  # seconds
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# Cookies ignore the port: a second instance on the same host (the paired demo) needs its own.
SESSION_COOKIE_NAME = env.str("SESSION_COOKIE_NAME", default="sessionid")
CSRF_COOKIE_NAME = env.str("CSRF_COOKIE_NAME", default="csrftoken")
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Lockout after repeated failures (django-axes): per user name and address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en")
LANGUAGES = [
    ("en", "English"),
    ("sv", "Svenska"),
    ("bg", "Български"),
    ("sr", "Српски"),
    ("sr-latn", "Srpski (latinica)"),
    ("es", "Español"),
    ("uk", "Українська"),
]
# CHILDPATH_LOCALE_DIR lets scripts/check_messages.py extract into a scratch copy.
# A plain str: makemessages uses each entry as a dict key, and environ.Path is unhashable.
LOCALE_PATHS = [env.str("CHILDPATH_LOCALE_DIR", default=str(BASE_DIR / "childpath" / "locale"))]
USE_I18N = True
# One date format per language, day before month (childpath/formats).
FORMAT_MODULE_PATH = ["childpath.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Stockholm")
USE_TZ = True

STATIC_URL = "static/"
# Overridable so that a test's own server processes collect into their own folder, never into
# the one the other tests' processes are reading.
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
# WhiteNoise warns on every request until collectstatic has made this folder.
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "childpath" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous call then gets 401 with WWW-Authenticate, not 403.
        "childpath.signin.auth.TokenAuthentication",
        "childpath.signin.auth.VerifiedSessionAuthentication",
    ],
    # The JSON parser refuses deep nesting with 400 instead of recursing into a 500.
    "DEFAULT_PARSER_CLASSES": [
        "childpath.lib.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "childpath.lib.api.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "childpath.lib.pagination.WindowPagination",
    "EXCEPTION_HANDLER": "childpath.lib.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Childpath API",
    "DESCRIPTION": _(
        "Identification and referral of children who are victims of trafficking and "
        "sexual exploitation. Cases are addressed by their pseudonymous reference."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A 403 is an answer, not a failure: one line, without the traceback (lib/logging.py).
    # No request (body, query) in any log record (lib/logs.py).
    # No path or address of a help page visitor in any log line (DESIGN.md 6.10).
    "filters": {
        "one_line_403": {"()": "childpath.lib.logging.OneLineForbidden"},
        "no_request": {"()": "childpath.lib.logs.NoRequest"},
        "hide_help_visitors": {"()": "childpath.help.notrace.HideHelpVisitors"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["one_line_403", "no_request", "hide_help_visitors"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # django-axes logs every sign-in at INFO; failures and lockouts are WARNING.
    # django-tasks logs every task's start and end at INFO.
    # "django" and "django.server" (runserver) write through the filtered handler above
    # instead of Django's own handlers.
    "loggers": {
        "axes": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Errors of a request carry the request: drop it before Django's own handlers see it.
        # Logger filters run before the handler's, in order: hide a help visitor's line while
        # its request is still on the record, then drop the request.
        "django.request": {"filters": ["hide_help_visitors", "no_request"]},
        "django.security": {"filters": ["hide_help_visitors", "no_request"]},
    },
}
AXES_VERBOSE = False
DEFAULT_EXCEPTION_REPORTER_FILTER = "childpath.lib.logs.NoBodyReporterFilter"

# Background tasks (django-tasks, DESIGN.md section 8). By default a task runs in the process
# that enqueues it, once the transaction commits (the referral sweep, for its e-mails). With
# TASKS_BACKEND=django_tasks_db.DatabaseBackend tasks wait in the database for
# `manage.py db_worker`.
_IMMEDIATE_TASKS = "django_tasks.backends.immediate.ImmediateBackend"
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default=_IMMEDIATE_TASKS)}}
# E-mail (referral notifications, account links). EMAIL_BACKEND empty: the demo writes each
# message to a file in EMAIL_FILE_PATH (listed at /demo/mail/), any other instance prints it to
# the console. Production: EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the
# EMAIL_HOST... settings below (README, "Production").
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="")
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
# Seconds before a mail server that does not answer is given up on (the failure is logged).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="childpath@localhost")
# For EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# The address users reach this instance at, for links in e-mails.
CHILDPATH_BASE_URL = env.str("CHILDPATH_BASE_URL", default="http://127.0.0.1:8000")
# The neutral site the quick exit of the help pages for children goes to (DESIGN.md 6.10).
HELP_EXIT_URL = env.str("HELP_EXIT_URL", default="https://www.bbc.co.uk/weather")

# --- Sign-in and the edges (DESIGN.md section 7) ---------------------------------------------
# The fictional demo. `make run` writes CHILDPATH_DEMO=true to .local/demo.env (git-ignored);
# only then does `demo_users` print the demo logins and their one-time codes. Never set it on
# an instance with real cases.
_demo_file = BASE_DIR / ".local" / "demo.env"
if _demo_file.exists():
    environ.Env.read_env(str(_demo_file), overwrite=False)
CHILDPATH_DEMO = env.bool("CHILDPATH_DEMO", default=False)
if not EMAIL_BACKEND:
    EMAIL_BACKEND = (
        "django.core.mail.backends.filebased.EmailBackend"
        if CHILDPATH_DEMO
        else "django.core.mail.backends.console.EmailBackend"
    )
# Behind a reverse proxy that you run (and that overwrites these headers): trust its
# X-Forwarded-For (the client's address, for throttling and lockout), X-Forwarded-Proto
# (HTTPS) and X-Request-ID (a UUID). Off: the headers are ignored, whoever sends them.
CHILDPATH_TRUSTED_PROXY = env.bool("CHILDPATH_TRUSTED_PROXY", default=False)
if CHILDPATH_TRUSTED_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Two factors for everyone (django-otp): TOTP apps, and single-use recovery codes.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Childpath")
OTP_STATIC_THROTTLE_FACTOR = 1
RECOVERY_CODES = 10
# Passkeys (WebAuthn, django-otp-webauthn) as a second factor beside the app, never instead of
# the password. The relying party id is the host the page was served from unless set: set it
# in production (credentials are bound to it; changing it later invalidates every passkey).
# The allowed origins default to the page's own origin (its host is checked by ALLOWED_HOSTS).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_ID_CALLABLE = "childpath.signin.passkeys.rp_id"
PASSKEY_RP_ID = env.str("PASSKEY_RP_ID", default="")
OTP_WEBAUTHN_RP_NAME = env.str("PASSKEY_RP_NAME", default=OTP_TOTP_ISSUER)
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list("PASSKEY_ORIGINS", default=[])
OTP_WEBAUTHN_HELPER_CLASS = "childpath.signin.passkeys.PasskeyHelper"
# Failed ceremonies are logged in one line by childpath.signin.passkeys, not with a traceback.
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = ""
# otp_webauthn.E030 asks for a fixed list of origins; without one, the page's own origin is
# expected (PasskeyHelper.get_allowed_origins).
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E030"]
# How long the password step stays valid while the code is asked for (seconds).
SIGNIN_PENDING_SECONDS = 300

# The audit chain's shards (issue 17): up to this many appends commit at once; the root chain
# anchors every shard's head at most this many seconds apart (BENCHMARKS.md).
AUDIT_SHARDS = env.int("AUDIT_SHARDS", default=16)
AUDIT_ANCHOR_SECONDS = env.float("AUDIT_ANCHOR_SECONDS", default=1.0)

# API tokens (django-rest-knox): stored hashed, expiring, one per sign-in, revocable.
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env.int("API_TOKEN_HOURS", default=8)),
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_LIMIT_PER_USER": env.int("API_TOKENS_PER_USER", default=20),
    "AUTO_REFRESH": False,
}

# Sign-in throttling, before any password is hashed: attempts (password, code or token) per
# client address and for the whole instance, per minute. Counted in the cache: with several
# web processes set CACHE_URL to a shared cache (for example `dbcache://django_cache` after
# `manage.py createcachetable`), or each process counts on its own.
SIGNIN_RATE_PER_ADDRESS = env.int("SIGNIN_RATE_PER_ADDRESS", default=20)
SIGNIN_RATE_OVERALL = env.int("SIGNIN_RATE_OVERALL", default=120)
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://childpath")}
AXES_CLIENT_IP_CALLABLE = "childpath.signin.client.client_ip"
AXES_LOCKOUT_CALLABLE = "childpath.signin.views.locked_out"

# Hostile bodies: at most this many bytes (413) and this deep a JSON document (400).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("REQUEST_BODY_MAX_BYTES", default=2_621_440)
JSON_MAX_DEPTH = env.int("JSON_MAX_DEPTH", default=32)

# Headers. HSTS goes out on HTTPS answers only (Django), so it is on by default.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), publickey-credentials-get=(self)"
)
# Content-Security-Policy (django-csp): no inline script or style anywhere, nothing from
# another origin; the QR code of the enrolment page is inline SVG markup, not a style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}

# Federation (DESIGN.md 6.6, childpath.exchange): this instance's id, its inbox address as peers
# reach it, and its Ed25519 and X25519 keys (written by scripts/ensure_keys.py).
CHILDPATH_INSTANCE_ID = env.str(
    "CHILDPATH_INSTANCE_ID", default=f"childpath-{CHILDPATH_COUNTRY.lower()}-demo"
)
_DEMO_NAMES = {"SE": "Childpath Sweden (fictional demo)", "RS": "Childpath Serbia (fictional demo)"}
CHILDPATH_INSTANCE_NAME = env.str(
    "CHILDPATH_INSTANCE_NAME", default=_DEMO_NAMES.get(CHILDPATH_COUNTRY, "Childpath")
)
FEDERATION_KEYS_FILE = env.str(
    "FEDERATION_KEYS_FILE",
    default=str(BASE_DIR / ".local" / "federation" / f"{CHILDPATH_INSTANCE_ID}.json"),
)
FEDERATION_ADDRESS = env.str(
    "FEDERATION_ADDRESS", default=CHILDPATH_BASE_URL.rstrip("/") + "/federation/inbox"
)
# Delivery: retries with exponential backoff and jitter, until the deadline (seconds).
FEDERATION_DELIVERY_DEADLINE = env.int("FEDERATION_DELIVERY_DEADLINE", default=3 * 24 * 3600)
FEDERATION_RETRY_BASE = env.float("FEDERATION_RETRY_BASE", default=5.0)
FEDERATION_RETRY_CAP = env.float("FEDERATION_RETRY_CAP", default=600.0)
FEDERATION_TIMEOUT = env.float("FEDERATION_TIMEOUT", default=10.0)
