"""Login throttling: after N failed attempts for a username or an IP within a window, the login
form is refused for the rest of the window (cache-backed; shared cache in production)."""

import hashlib

from django.conf import settings

from backoffice import limiteur


def _ip(request):
    return request.META.get("REMOTE_ADDR", "")


def _cles(request, username):
    nom = hashlib.sha256((username or "").strip().lower().encode()).hexdigest()[:32]
    return [f"login-echecs:ip:{_ip(request)}", f"login-echecs:nom:{nom}"]


def enregistrer_echec(request, username):
    for cle in _cles(request, username):
        limiteur.compter(cle, settings.LOGIN_THROTTLE_WINDOW_SECONDS)


def effacer_echecs(request, username):
    limiteur.effacer(_cles(request, username)[1])


def est_bloque(request, username):
    return limiteur.atteinte(_cles(request, username), settings.LOGIN_THROTTLE_MAX_ATTEMPTS)
