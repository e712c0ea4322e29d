"""Childpath settings: one module, driven by the environment (STYLE.md practice 7).

Secrets come from the environment, from ``NAME_FILE`` files, or from the git-ignored
``.local/keys.env`` that ``scripts/ensure_keys.py`` writes on the first ``make run``.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
_keys_file = BASE_DIR / ".local" / "keys.env"
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
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
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
    "childpath.practice",
    "childpath.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "childpath.lib.request_id.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that it sees the outcome of authentication (django-axes docs).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "childpath.urls"
WSGI_APPLICATION = "childpath.wsgi.application"

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

# Short sessions (DESIGN.md section 7): 30 minutes of inactivity, renewed on each request.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
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

LANGUAGE_CODE = "en"
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
STATIC_ROOT = VAR_DIR / "static"
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
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
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
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # django-axes logs every sign-in at INFO; failures and lockouts are WARNING.
    # django-tasks logs every task's start and end at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "django_tasks": {"level": "WARNING"}},
}
AXES_VERBOSE = False

# Background tasks (django-tasks, DESIGN.md section 8). By default a task runs in the process
# that enqueues it, once the transaction commits (the referral sweep, for its e-mails). With
# TASKS_BACKEND=django_tasks_db.DatabaseBackend tasks wait in the database for
# `manage.py db_worker`.
_IMMEDIATE_TASKS = "django_tasks.backends.immediate.ImmediateBackend"
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default=_IMMEDIATE_TASKS)}}
# E-mail (overdue referral alerts): printed to the console unless a backend is configured.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="childpath@localhost")
# For EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# The address users reach this instance at, for links in e-mails.
CHILDPATH_BASE_URL = env.str("CHILDPATH_BASE_URL", default="http://127.0.0.1:8000")
