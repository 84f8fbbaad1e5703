"""Upload, the import's page (progress, preview, every error, confirmation), its polled state
and the confirmation."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from backoffice.acces.viewsets import PerimetreInspectView

from .. import regles, services, tasks
from ..apercu import apercu
from ..formats import format_de
from ..forms import ConfirmationForm, DepotForm, taille_max_envoi
from ..models import EtatImport, ImportTemps1, NatureImport
from ..temps1 import libelle_perimetre, perimetre_import
from .historique import liens_fichiers, resume_lignes


class DepotView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Store the file first (`services.deposer`), then check it in the background."""

    # A file past this stops being read (backoffice/fichiers/envoi.py); the form says so.
    taille_max_envoi = staticmethod(taille_max_envoi)
    model = ImportTemps1
    permission_required = "add"
    form_class = DepotForm
    template_name = "imports/depot.html"
    header_icon = "upload"
    nature = NatureImport.TEMPS1

    @property
    def format_(self):
        return format_de(self.nature)

    def get_page_title(self):
        return self.format_.titre_depot

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "libelle": self.format_.libelle_fichier}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("import_temps1:index"), "label": "Imports de fichiers"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["perimetre"] = libelle_perimetre(perimetre_import(self.request.user))
        context["nature"] = self.nature
        context["url_modele"] = reverse(
            "import_temps1:modele_occupation"
            if self.nature == NatureImport.OCCUPATION
            else "import_temps1:modele"
        )
        return context

    def form_valid(self, form):
        import_ = services.deposer(
            form.cleaned_data["fichier"], self.request.user, nature=self.nature
        )
        tasks.analyser_depot.enqueue(import_.pk)
        messages.success(
            self.request,
            f"« {import_.nom_fichier} » est déposé (import n° {import_.pk}) : il est en cours de "
            "vérification, rien n'est écrit avant votre confirmation.",
        )
        return redirect("import_temps1:inspect", import_.pk)


# ---------------------------------------------------------------------------------------------
# The import's page: progress, preview, errors, confirmation
# ---------------------------------------------------------------------------------------------


class DepotOccupationView(DepotView):
    """The same upload, for the OFII's monthly DN@ occupancy extract."""

    nature = NatureImport.OCCUPATION


class ImportInspectView(PerimetreInspectView):
    template_name = "imports/import_detail.html"

    def get_page_title(self):
        if self.object.nature == NatureImport.OCCUPATION:
            return "Import d'occupation DN@"
        return "Import Temps 1"

    def get_fields_context(self):
        return []  # the template lays the page out itself

    def get_page_subtitle(self):
        return f"n° {self.object.pk} – {self.object.nom_fichier}"

    def get_edit_url(self):
        return None

    def get_delete_url(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        import_, user = self.object, self.request.user
        apercu_ = apercu(
            import_.rapport,
            self.request.GET.get("onglet", ""),
            self.request.GET.get("q", ""),
            feuilles=format_de(import_.nature).feuilles,
        )
        context.update(
            {
                "import_": import_,
                "apercu": apercu_,
                "en_cours": import_.en_cours,
                "sans_nouvelles": import_.sans_nouvelles,
                "applique": import_.etat == EtatImport.APPLIQUEE,
                "peut_appliquer": regles.peut_appliquer(user, import_),
                "form_confirmation": ConfirmationForm(),
                "url_statut": reverse("import_temps1:statut", args=[import_.pk]),
                "url_appliquer": reverse("import_temps1:appliquer", args=[import_.pk]),
                "liens": liens_fichiers(import_),
                "url_annote": reverse("import_temps1:fichier", args=[import_.pk, "annote"])
                if import_.fichier_annote
                else None,
                "url_dispositifs": reverse("dispositif:index"),
                "occupation": import_.nature == NatureImport.OCCUPATION,
                "url_occupations": f"{reverse('occupation:index')}?import_source={import_.pk}",
            }
        )
        return context


class StatutView(PermissionCheckedMixin, View):
    """The state of an import, polled by its page while it is being analysed or applied."""

    model = ImportTemps1
    any_permission_required = ["add", "view"]

    def get(self, request, pk):
        import_ = get_object_or_404(regles.imports_visibles(request.user), pk=pk)
        return JsonResponse(
            {
                "etat": import_.etat,
                "libelle": import_.get_etat_display(),
                "progression": import_.progression,
                "en_cours": import_.en_cours,
            },
            headers={"Cache-Control": "no-store"},
        )


class AppliquerView(PermissionCheckedMixin, View):
    """Confirm an analysed import: claimed here (of two confirmations, one wins and the other is
    told), applied all or nothing by a background task."""

    model = ImportTemps1
    permission_required = "add"
    http_method_names = ["post"]

    def post(self, request, pk):
        # Out of perimeter → 404 before anything else is looked at.
        import_ = get_object_or_404(regles.imports_applicables(request.user), pk=pk)
        retour = redirect("import_temps1:inspect", import_.pk)
        form = ConfirmationForm(request.POST)
        if not form.is_valid():
            for erreurs in form.errors.values():
                for erreur in erreurs:
                    messages.error(request, erreur)
            return retour
        try:
            services.reclamer_application(import_)
        except services.DejaEnCours:
            import_.refresh_from_db()
            messages.error(request, message_deja_en_cours(import_))
            return retour
        tasks.appliquer_depot.enqueue(import_.pk, request.user.pk)
        import_.refresh_from_db()
        niveau, texte = message_apres_application(import_)
        niveau(request, texte)
        return retour


def message_deja_en_cours(import_):
    if import_.etat == EtatImport.APPLIQUEE:
        quand = timezone.localtime(import_.applique_le).strftime("%d/%m/%Y à %H:%M")
        return (
            f"Cet import a déjà été appliqué (le {quand}) : il n'a pas été appliqué une "
            "seconde fois."
        )
    if import_.etat == EtatImport.EN_APPLICATION:
        return "Cet import est déjà en cours d'application : il ne sera appliqué qu'une fois."
    return (
        f"Cet import ne peut pas être appliqué : il est « {import_.get_etat_display()} ». "
        "Rien n'a été modifié."
    )


def message_apres_application(import_):
    if import_.etat == EtatImport.APPLIQUEE:
        return messages.success, f"Import n° {import_.pk} appliqué : {resume_lignes(import_)}."
    if import_.etat == EtatImport.EN_ERREUR:
        return messages.error, (
            "L'import n'a pas été appliqué : la base a changé depuis l'analyse et le fichier "
            "contient maintenant des erreurs (voir ci-dessous). Rien n'a été modifié."
        )
    if import_.etat == EtatImport.ECHEC:
        return messages.error, "L'application a échoué : rien n'a été modifié."
    return messages.info, "Application en cours : cette page se met à jour toute seule."
