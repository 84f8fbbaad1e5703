import time

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from .perimetres import perimetre_global
from .throttle import est_bloque
from .tiers import FERME, NATIONAL, decision, est_notre_vue


class LoginThrottleMiddleware:
    """Refuse login POSTs while the username or the IP is throttled (429, French message)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.login_path = None

    def __call__(self, request):
        if self.login_path is None:
            self.login_path = reverse("wagtailadmin_login")
        if (
            request.method == "POST"
            and request.path == self.login_path
            and est_bloque(request, request.POST.get("username", ""))
        ):
            return render(request, "acces/connexion_bloquee.html", status=429)
        return self.get_response(request)


class PointsDAccesMiddleware:
    """The endpoints installed apps bring (Wagtail's reports, users, documents, API…), by URL
    name (tiers.POINTS_D_ACCES): national-only ones answer 404 to everyone else, switched-off
    ones to everybody, and an endpoint nobody decided on too (the system check acces.E004 flags
    it first). Our own views are scoped by the perimeter policy (viewsets.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if refuse(request.resolver_match, request.user):
            raise Http404
        return None


def refuse(match, user):
    """Whether an installed app's endpoint is closed to a user (tiers.POINTS_D_ACCES)."""
    # The table first: an installed app's URL stays decided even when we give it a view of ours
    # (the document chooser, the admin API's endpoint).
    choix = decision(match.view_name, match.namespaces)
    if choix is None and est_notre_vue(match.func):
        return False
    if choix is None or choix[0] == FERME:
        return True
    return choix[0] == NATIONAL and not est_national(user)


def est_national(user):
    return getattr(user, "is_authenticated", False) and perimetre_global(user).national


class SessionGlissanteMiddleware:
    """The 30-minute idle timeout without a database write on every page view.

    Django's SESSION_SAVE_EVERY_REQUEST writes the session (a transaction, on SQLite the only
    writer at a time) on every request. Here the session is saved, hence its expiry pushed
    back by SESSION_COOKIE_AGE, when its last extension is older than
    SESSION_PROLONGATION_SECONDES: a person idle for 30 minutes is logged out between
    29 and 30 minutes after their last request. Placed after SessionMiddleware, which saves
    the session on the way out.
    """

    CLE = "_prolongee_le"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.session_key is None:
            return response  # no session cookie: nothing to extend, nothing created
        maintenant = int(time.time())
        derniere = session.get(self.CLE, 0)
        if session.is_empty():
            return response  # the cookie named an expired or unknown session
        if session.modified or maintenant - derniere >= settings.SESSION_PROLONGATION_SECONDES:
            session[self.CLE] = maintenant  # modified: saved with a fresh expiry
        return response
