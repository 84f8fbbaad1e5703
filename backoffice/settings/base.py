"""Settings shared by every environment.

Everything secret or site-specific comes from the environment (see README, « Réglages »).
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Domain apps first so their templates override Wagtail's.
    "backoffice",
    "backoffice.recherche",  # shared: normalised search columns (imports no domain app)
    "backoffice.affichage",  # the display rule; overrides two of Wagtail's table cells
    "backoffice.documents",  # shared: documents attached to objects (imports no domain app)
    "backoffice.exportations",  # shared: list exports run in the background (no domain app)
    "backoffice.territoires",
    "backoffice.offre",
    "backoffice.acces",
    "backoffice.demandes",
    "backoffice.conventions",
    "backoffice.appels",
    "backoffice.pilotage",
    "backoffice.qualite",
    "backoffice.occupation",
    "backoffice.controle",
    "backoffice.signalements",
    "backoffice.evaluations",
    "backoffice.schemas",
    "backoffice.public",
    "backoffice.demo",
    "workflows",
    "django_fsm",  # `manage.py graph_transitions` (state diagrams in docs/diagrammes/)
    "imports",
    # Wagtail (documents and images must stay installed: admin pages rely on them). Their
    # configs skip the registration of Wagtail's v3 API, which the project does not mount
    # (backoffice/apps.py).
    "wagtail.contrib.settings",
    "wagtail.users",
    "backoffice.apps.DocumentsSansApi",
    "backoffice.apps.ImagesSansApi",
    "wagtail.admin",
    "wagtail.sites",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.postgres",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # State design system (DSFR) for the public pages; last, so it overrides no admin template.
    "dsfr",
    "widget_tweaks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "backoffice.acces.middleware.SessionGlissanteMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Reads form bodies before the CSRF middleware: bounded uploads, French refusals
    # (backoffice/fichiers/envoi.py).
    "backoffice.fichiers.envoi.EnvoiMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "backoffice.acces.middleware.LoginThrottleMiddleware",
    "backoffice.acces.middleware.PointsDAccesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "backoffice.urls"
WSGI_APPLICATION = "backoffice.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# An embedded SQLite file is the zero-setup default; production sets DATABASE_URL (PostgreSQL).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles the listing's subqueries for ~200 ms and gains nothing at this
    # scale (benchmarks/bench_offre.py).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The trial's server, task worker and scheduler write to one file at once
    # (tests/essai/test_sqlite_concurrent.py). WAL: reading never blocks writing. IMMEDIATE: a
    # transaction takes the write lock at BEGIN; otherwise a read-then-write transaction meeting
    # another writer gets « database is locked » at once, whatever the timeout (SQLite refuses to
    # wait on a lock upgrade that could deadlock). timeout: a writer waits up to 20 s for the lock
    # instead of failing. synchronous=NORMAL is safe with WAL (a power cut may lose the last
    # commits, never corrupt the file) and spares an fsync per commit.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Grants model permissions from role assignments (acces.AffectationRole);
    # row-level scoping is the permission policy's job (backoffice/acces/policies.py).
    "backoffice.acces.backends.RoleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Argon2id (backoffice/acces/hachage.py); Django's former default only verifies the older
# hashes, which are rehashed at the next login.
PASSWORD_HASHERS = [
    "backoffice.acces.hachage.Argon2idOwasp",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
# Times are shown in Europe/Paris for everyone: no per-account choice among 600 time zones
# (a <select> the account page built on every view).
WAGTAIL_USER_TIME_ZONES = ["Europe/Paris"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Sessions: logout after 30 minutes idle (SI SIAO practice). The expiry is pushed back at most
# once a minute, not on every request (acces.middleware.SessionGlissanteMiddleware).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = False
SESSION_PROLONGATION_SECONDES = int(os.environ.get("SESSION_PROLONGATION_SECONDES", 60))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"

# Login throttling (backoffice/acces/middleware.py): failed attempts per username and per IP.
LOGIN_THROTTLE_MAX_ATTEMPTS = int(os.environ.get("LOGIN_THROTTLE_MAX_ATTEMPTS", "5"))
LOGIN_THROTTLE_WINDOW_SECONDS = int(os.environ.get("LOGIN_THROTTLE_WINDOW_SECONDS", "900"))

# Public request form (backoffice/public, docs/demandes-publiques.md): requests created per IP
# and window, attachments (size, count, kinds checked by content), temporary upload area.
DEMANDE_RATE_LIMIT = int(os.environ.get("DEMANDE_RATE_LIMIT", "5"))
DEMANDE_RATE_LIMIT_FENETRE = int(os.environ.get("DEMANDE_RATE_LIMIT_FENETRE", "3600"))
DEMANDE_TAILLE_MAX_FICHIER = int(os.environ.get("DEMANDE_TAILLE_MAX_FICHIER", 10 * 1024 * 1024))
DEMANDE_NOMBRE_MAX_FICHIERS = int(os.environ.get("DEMANDE_NOMBRE_MAX_FICHIERS", "5"))
DEMANDE_TYPES_FICHIERS = env_list("DEMANDE_TYPES_FICHIERS", "pdf,png,jpeg,ooxml,odf")
DEMANDE_DOSSIER_TEMPORAIRE = Path(
    os.environ.get("DEMANDE_DOSSIER_TEMPORAIRE", BASE_DIR / "var" / "demandes-temporaires")
)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cache_table",
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "parc-hebergement@localhost")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

WAGTAIL_SITE_NAME = "Parc d'hébergement"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Documents always go through Wagtail's serve view, where the `before_serve_document` hook checks
# the perimeter (backoffice/documents/telechargement.py); never a redirect to the raw file.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Wagtail's own document library (superusers only) checks uploads like every other path.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "backoffice.documents.formulaire_wagtail.FormulaireDocumentWagtail"
# Wagtail's API search asks a search index this project does not install (searches are database
# queries): refused with a 400 instead of a 500 (docs/securite.md).
WAGTAILAPI_SEARCH_ENABLED = False
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
LOGIN_URL = "wagtailadmin_login"
WAGTAILUSERS_PASSWORD_ENABLED = True
WAGTAIL_I18N_ENABLED = False
# Date pickers of the admin forms in French (ISO by default); both are French input formats,
# and ISO stays accepted on input.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
# What one request may carry (backoffice/fichiers/envoi.py answers past it with a French message
# instead of Django's bare 400): form fields (the biggest admin forms have a few thousand), their
# total size outside files, number of files (the public form takes 5, Wagtail's multiple upload
# sends one per request), a file's size where a view says nothing lower, and the whole body.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440))
DATA_UPLOAD_MAX_NUMBER_FILES = int(os.environ.get("DATA_UPLOAD_MAX_NUMBER_FILES", "20"))
FICHIERS_TAILLE_MAX_ENVOI = int(os.environ.get("FICHIERS_TAILLE_MAX_ENVOI", 20 * 1024 * 1024))
FICHIERS_TOTAL_MAX_ENVOI = int(os.environ.get("FICHIERS_TOTAL_MAX_ENVOI", 64 * 1024 * 1024))

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Temps 1 imports (imports/temps1): largest accepted upload, in bytes.
# List exports above this many rows run in the background (backoffice/exportations): the file
# waits in « Mes exports » for EXPORTS_CONSERVATION_JOURS days, then the scheduled purge deletes it.
EXPORTS_SEUIL_DIFFERE = int(os.environ.get("EXPORTS_SEUIL_DIFFERE", 2000))
EXPORTS_CONSERVATION_JOURS = int(os.environ.get("EXPORTS_CONSERVATION_JOURS", 7))
EXPORTS_PAS_PROGRESSION = 500  # rows between two progress updates of the job
# A bulk action (queues' checkboxes, bulk transition pages) handles at most this many rows per
# submission; above, it is refused with a message (workflows.services.refus_traitement_groupe).
ACTIONS_GROUPEES_MAX = 100
TEMPS1_TAILLE_MAX = int(os.environ.get("TEMPS1_TAILLE_MAX", 20 * 1024 * 1024))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
WAGTAILADMIN_USER_LOGIN_FORM = "backoffice.acces.forms.FormulaireConnexion"
DEMANDES_RELANCE_JOURS = int(os.environ.get("DEMANDES_RELANCE_JOURS", "7"))
# `manage.py planificateur` (local trial): when each scheduled task last ran.
PLANIFICATEUR_JOURNAL = Path(
    os.environ.get("PLANIFICATEUR_JOURNAL", BASE_DIR / "var" / "planificateur.json")
)
# No avatars fetched from gravatar.com: it would send each agent's hashed e-mail outside.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
