"""Per-IP limit on public requests (cache-backed, fixed window; shared cache in production).

Only requests actually filed count (and honeypot hits, which look like filings to a bot): a person
correcting a form several times is never blocked. The IP is REMOTE_ADDR, as for the login
throttle; behind a reverse proxy, the proxy must set it (e.g. gunicorn's --forwarded-allow-ips).
"""

import time

from django.conf import settings
from django.core.cache import cache


def _cle(request):
    fenetre = max(settings.DEMANDE_RATE_LIMIT_FENETRE, 1)
    tranche = int(time.time() // fenetre)
    return f"demande-publique:ip:{request.META.get('REMOTE_ADDR', '')}:{tranche}", fenetre


def limite_atteinte(request):
    cle, _ = _cle(request)
    return (cache.get(cle) or 0) >= settings.DEMANDE_RATE_LIMIT


def compter_envoi(request):
    cle, fenetre = _cle(request)
    cache.add(cle, 0, fenetre)
    try:
        cache.incr(cle)
    except ValueError:  # expired between add() and incr()
        cache.set(cle, 1, fenetre)
