"""Test settings: small and explicit (fast hasher, immediate tasks, locmem mail and cache).

The database comes from DATABASE_URL: `make test` runs the suite once on SQLite and once on a
throwaway PostgreSQL cluster.
"""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key-not-for-production"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", "/tmp/parc-hebergement-test-media"))  # noqa: F405
ALLOWED_HOSTS = ["*"]
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
