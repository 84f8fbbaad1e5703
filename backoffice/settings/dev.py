"""Local trial: embedded SQLite, console e-mails, debug on."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403

SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"  # noqa: F405
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
