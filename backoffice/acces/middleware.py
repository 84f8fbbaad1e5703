from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from .throttle import est_bloque


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


class RapportsNationauxMiddleware:
    """Wagtail's site-wide reports (site history, ageing pages…) filter by model permission only,
    not by perimeter: they are reserved to national administrators (404 for everyone else)."""

    PREFIXE = "/admin/reports/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(self.PREFIXE) and not est_national(request.user):
            raise Http404
        return self.get_response(request)


def est_national(user):
    from .perimetres import perimetre_global

    return getattr(user, "is_authenticated", False) and perimetre_global(user).national
