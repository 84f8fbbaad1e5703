"""The export of the offer in the Temps 1 format, as the page gives it and as a background job
writes it (backoffice/exportations): one producer, rebuilt for the user and the département
chosen, through their perimeter on the day the file is written."""

from django.http import QueryDict
from django.utils import timezone

from backoffice.acces.perimetres import filtrer
from backoffice.exportations.registre import Fichier, Introuvable
from backoffice.offre.models import Dispositif

from . import regles
from .forms import ExportForm
from .temps1 import exporter

NOM = "import_temps1:export"


def nom_fichier(departements):
    suffixe = departements[0] if departements else "perimetre"
    return f"temps1-{suffixe}-{timezone.localdate():%Y-%m-%d}"


def dispositifs_exportes(user, departements):
    """How many dispositifs the workbook holds (with their financements, about three times as
    many rows): what decides the background."""
    dispositifs = filtrer(Dispositif.objects.all(), regles.perimetre_export(user))
    if departements:
        dispositifs = dispositifs.filter(departement_id__in=departements)
    return dispositifs.count()


def fichier_temps1(user, parametres):
    """The workbook for `user` and the query string of the export page (`departement`)."""
    if not regles.peut_exporter(user):
        raise Introuvable
    form = ExportForm(QueryDict(parametres), perimetre=regles.perimetre_export(user))
    if not form.is_valid():  # the département left the user's perimeter since
        raise Introuvable
    departements = form.departements()
    return Fichier(
        nom_fichier=nom_fichier(departements),
        ecrire=lambda destination, suivi: exporter(
            destination, departements=departements, user=user, suivi=suivi
        ),
    )
