"""The user's background exports: one job's progress, its download, the list « Mes exports ».
Every job is fetched through `du_demandeur`: another user's job is not found (404), whoever
they are."""

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import ExportDiffere


class ExportMixin:
    model = ExportDiffere


def _export(request, pk):
    return get_object_or_404(ExportDiffere.objects.du_demandeur(request.user), pk=pk)


class MesExportsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "exportations/mes_exports.html"
    page_title = "Mes exports"
    header_icon = "download"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["exports"] = ExportDiffere.objects.du_demandeur(self.request.user)[:100]
        context["seuil"] = settings.EXPORTS_SEUIL_DIFFERE
        context["jours"] = settings.EXPORTS_CONSERVATION_JOURS
        return context


class SuiviView(ExportMixin, WagtailAdminTemplateMixin, TemplateView):
    """The job's page: a progress bar while the task runs (the page refreshes itself, no
    script needed), then the download link."""

    template_name = "exportations/suivi.html"
    page_title = "Export"
    header_icon = "download"

    def get(self, request, *args, **kwargs):
        self.export = _export(request, kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return f"n° {self.export.pk} – {self.export.titre}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("exportations:index"), "label": "Mes exports"},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["export"] = self.export
        return context


class StatutView(ExportMixin, View):
    """The job's state as JSON, for whoever wants to follow it without reloading the page."""

    def get(self, request, pk):
        export = _export(request, pk)
        return JsonResponse(
            {
                "etat": export.etat,
                "libelle": export.get_etat_display(),
                "progression": export.progression,
                "en_cours": export.en_cours,
            },
            headers={"Cache-Control": "no-store"},
        )


class TelechargementView(ExportMixin, View):
    """The file, to the user who asked for it only (files are never served from MEDIA_URL)."""

    def get(self, request, pk):
        export = _export(request, pk)
        if not export.telechargeable:
            raise Http404("Ce fichier n'est pas disponible.")
        return FileResponse(
            export.fichier.open("rb"), as_attachment=True, filename=export.nom_telechargement
        )
