"""Production: PostgreSQL, HTTPS, secrets from the environment (fails fast when missing)."""

import importlib.util
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY doit être défini dans l'environnement.")
if "DATABASE_URL" not in os.environ:
    raise ImproperlyConfigured("DATABASE_URL doit être défini (PostgreSQL) en production.")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)  # noqa: F405
# Preloading HSTS commits the whole parent domain (gouv.fr sub-domains) to HTTPS in browsers:
# that is the domain owner's decision, not this application's; off unless asked for.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Documents on object storage (S3-compatible) when configured: AWS_STORAGE_BUCKET_NAME and the
# optional "s3" extra (django-storages[s3], locked in uv.lock; see README, « Déploiement »).
# Without the package, Django would only fail at the first upload, with an English import error:
# say it at start-up, in French, with the command that fixes it.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    manquants = [nom for nom in ("storages", "boto3") if importlib.util.find_spec(nom) is None]
    if manquants:
        raise ImproperlyConfigured(
            "AWS_STORAGE_BUCKET_NAME est défini mais le stockage S3 n'est pas installé "
            f"(module manquant : {', '.join(manquants)}). Installez-le avec "
            "« uv sync --frozen --no-dev --extra s3 », ou retirez AWS_STORAGE_BUCKET_NAME pour "
            "garder les documents sur le disque (MEDIA_ROOT)."
        )
    # A new dict: the base settings' one stays as it is for whoever imported it.
    STORAGES = {**STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}  # noqa: F405
