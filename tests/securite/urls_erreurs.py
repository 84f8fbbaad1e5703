"""The project's URLs plus views that raise, to render each error handler (test_pages_erreur)."""

from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    TooManyFilesSent,
)
from django.urls import path

from backoffice import urls as projet
from backoffice.urls import handler400  # noqa: F401 — the handlers are read from the URLconf


def refus(request):
    raise PermissionDenied


def requete_incorrecte(request):
    raise BadRequest("requête mal formée")


def trop_volumineux(request):
    raise RequestDataTooBig("corps trop gros")


def trop_de_fichiers(request):
    raise TooManyFilesSent("trop de fichiers")


def plantage(request):
    raise RuntimeError("plantage provoqué")


urlpatterns = [
    path("essai/403/", refus),
    path("essai/400/", requete_incorrecte),
    path("essai/413/", trop_volumineux),
    path("essai/413-fichiers/", trop_de_fichiers),
    path("essai/500/", plantage),
    *projet.urlpatterns,
]
