"""Downloads: the files of an import (through its perimeter; MEDIA_ROOT is never served), the
blank template and the export of the offer in the Temps 1 format."""

import json
import os
import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from backoffice.exportations import taches
from backoffice.exportations.services import en_arriere_plan, reponse_immediate

from .. import exports, regles
from ..forms import ExportForm
from ..models import ImportTemps1
from ..occupation.modele import modele_octets
from ..temps1 import generer_modele

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _telechargement(fichier, nom, content_type):
    try:
        flux = fichier.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("Fichier introuvable.") from exc
    return FileResponse(flux, as_attachment=True, filename=nom, content_type=content_type)


def _classeur_temporaire(ecrire, nom):
    """Write a workbook with `ecrire(chemin)` into a temporary file and send it; the file is
    removed at once (the open handle keeps it readable until the response is sent)."""
    descripteur, chemin = tempfile.mkstemp(suffix=".xlsx")
    os.close(descripteur)
    try:
        ecrire(chemin)
        flux = open(chemin, "rb")  # noqa: SIM115 - closed by FileResponse
    finally:
        os.unlink(chemin)
    return FileResponse(flux, as_attachment=True, filename=nom, content_type=XLSX)


class FichierView(PermissionCheckedMixin, View):
    """The original file, the report (JSON) or the annotated copy of an import, through the
    perimeter (MEDIA_ROOT is never served)."""

    model = ImportTemps1
    any_permission_required = ["add", "view"]

    def get(self, request, pk, quoi):
        import_ = get_object_or_404(regles.imports_visibles(request.user), pk=pk)
        base = Path(import_.nom_fichier).stem or f"import-{import_.pk}"
        if quoi == "original":
            # Whatever was sent, served as bytes to save (never rendered by the browser).
            return _telechargement(import_.fichier, import_.nom_fichier, "application/octet-stream")
        if quoi == "annote" and import_.fichier_annote:
            return _telechargement(import_.fichier_annote, f"{base}-annote.xlsx", XLSX)
        if quoi == "rapport" and import_.rapport:
            reponse = HttpResponse(
                json.dumps(import_.rapport, ensure_ascii=False, indent=2),
                content_type="application/json; charset=utf-8",
            )
            reponse["Content-Disposition"] = f'attachment; filename="{base}-rapport.json"'
            return reponse
        raise Http404("Fichier introuvable.")


class ModeleView(View):
    """The blank workbook: lists and guide only, no data — for any account of the admin."""

    def get(self, request):
        return _classeur_temporaire(generer_modele, "modele-temps1.xlsx")


class ModeleOccupationView(View):
    """The blank DN@ occupancy extract: headers and one example row — for any account."""

    def get(self, request):
        reponse = HttpResponse(modele_octets(), content_type=XLSX)
        reponse["Content-Disposition"] = 'attachment; filename="modele-occupation-dna.xlsx"'
        return reponse


class ExportView(WagtailAdminTemplateMixin, TemplateView):
    """The offer of the user's perimeter (or one of its départements) in the Temps 1 format,
    codes filled in, ready to be edited and imported again."""

    template_name = "imports/export.html"
    page_title = "Exporter au format Temps 1"
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not regles.peut_exporter(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("import_temps1:index"), "label": "Imports de fichiers"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        perimetre = regles.perimetre_export(request.user)
        if "departement" not in request.GET:
            return self.render_to_response(
                self.get_context_data(form=ExportForm(perimetre=perimetre))
            )
        form = ExportForm(request.GET, perimetre=perimetre)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        departements = form.departements()
        if en_arriere_plan(
            exports.NOM, lambda: exports.dispositifs_exportes(request.user, departements)
        ):
            libelle = departements[0] if departements else "tout le périmètre"
            return taches.differer(
                request,
                exports.NOM,
                f"Offre au format Temps 1 ({libelle})",
                exports.nom_fichier(departements),
            )
        return reponse_immediate(exports.fichier_temps1(request.user, request.GET.urlencode()))
