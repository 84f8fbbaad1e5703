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
