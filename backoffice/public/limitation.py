"""Per-IP limit on public requests (backoffice/limiteur.py).

Only requests actually filed count (and honeypot hits, which look like filings to a bot): a person
correcting a form several times is never blocked. The IP is REMOTE_ADDR, as for the login
throttle; behind a reverse proxy, the proxy must set it (e.g. gunicorn's --forwarded-allow-ips).
"""

from django.conf import settings

from backoffice import limiteur


def _cle(request):
    return f"demande-publique:ip:{request.META.get('REMOTE_ADDR', '')}"


def limite_atteinte(request):
    return limiteur.atteinte([_cle(request)], settings.DEMANDE_RATE_LIMIT)


def compter_envoi(request):
    limiteur.compter(_cle(request), max(settings.DEMANDE_RATE_LIMIT_FENETRE, 1))
