"""The site's one rate limiter: a cache-backed counter per key over a fixed window that starts
with the first count (shared cache in production). Used by the login throttle
(acces/throttle.py) and the public request form (public/views.py)."""

from django.core.cache import cache


def nombre(cle):
    return cache.get(cle) or 0


def atteinte(cles, maximum):
    """Whether any of `cles` has been counted `maximum` times in its current window."""
    return any(nombre(cle) >= maximum for cle in cles)


def compter(cle, fenetre):
    """Count one more event under `cle`; the window opens with the first one."""
    cache.add(cle, 0, fenetre)
    try:
        cache.incr(cle)
    except ValueError:  # expired between add() and incr()
        cache.set(cle, 1, fenetre)


def effacer(cle):
    cache.delete(cle)
