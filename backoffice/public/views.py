"""Public pages (no account): file a request, follow it with the private link."""

from django.http import Http404, HttpResponse


def deposer_demande(request):
    return HttpResponse("Formulaire de demande : en construction.")


def suivi_demande(request, jeton):
    raise Http404
