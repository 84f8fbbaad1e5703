"""Project-wide admin views (the apps' own views live in each app)."""

from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .recherche_globale import rechercher

LONGUEUR_MAX = 200


class RechercheGlobaleView(WagtailAdminTemplateMixin, TemplateView):
    """The sidebar's and the home page's search box: our objects, the user's perimeter only."""

    template_name = "recherche/resultats.html"
    page_title = "Recherche"
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        texte = self.request.GET.get("q", "").strip()[:LONGUEUR_MAX]
        context["texte"] = texte
        context["groupes"] = rechercher(self.request.user, texte) if texte else []
        return context
