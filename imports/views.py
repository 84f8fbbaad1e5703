"""Admin screens of the Temps 1 import (docs/temps1.md, « Interface web »): the history of
imports, the upload, the import's page (progress, preview, every error, confirmation), the
downloads (original, report, annotated copy, blank template) and the export.

The work is done elsewhere: `imports.services` (file → analysis → application),
`imports.tasks` (in the background), `imports.apercu` (what the preview shows). Every import is
fetched through the perimeter of ImportTemps1 (acces.perimetres): another département's import is
not found, whatever the URL; files are only ever served through these views.
"""

import datetime
import json
import os
import tempfile
from pathlib import Path

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.ui.tables import BaseColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton

from backoffice.acces import perimetres
from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import (
    LECTURE,
    PerimetreIndexView,
    PerimetreInspectView,
    PerimetreModelViewSet,
)
from backoffice.grammaire import compter

from . import services, tasks
from .apercu import apercu
from .forms import ConfirmationForm, DepotForm, ExportForm
from .models import EtatImport, ImportTemps1
from .temps1 import exporter, generer_modele, libelle_perimetre

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EN_COURS = {EtatImport.DEPOSEE, EtatImport.EN_ANALYSE, EtatImport.EN_APPLICATION}
# A national file is analysed in ~7 s and applied in ~15 s (docs/temps1.md): a job in progress
# untouched for this long is waiting for a worker that does not run.
SANS_NOUVELLES_APRES = datetime.timedelta(minutes=10)
LABEL = "imports.importtemps1"


# ---------------------------------------------------------------------------------------------
# Who may do what
# ---------------------------------------------------------------------------------------------


def imports_visibles(user):
    return policy_for(ImportTemps1).filtrer(ImportTemps1.objects.all(), user, LECTURE)


def imports_applicables(user):
    """Imports `user` may confirm: the "add" right, within its perimeter."""
    return perimetres.filtrer(
        ImportTemps1.objects.all(), perimetres.perimetre_pour(user, LABEL, ("add",))
    )


def perimetre_export(user):
    return perimetres.perimetre_pour(user, "offre.dispositif", "view")


def peut_exporter(user):
    """The export is made per département: accounts reading the offer of whole départements
    (administrators, lecteurs), not an operator's account limited to its entité."""
    perimetre = perimetre_export(user)
    return perimetre.national or bool(perimetre.departements)


def peut_voir_la_page(user):
    return policy_for(ImportTemps1).user_has_permission(user, "view") or peut_exporter(user)


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


# ---------------------------------------------------------------------------------------------
# History of imports
# ---------------------------------------------------------------------------------------------


class ImportFilterSet(PerimetreFilterSet):
    etat = django_filters.ChoiceFilter(label="État", choices=EtatImport.choices)

    class Meta:
        model = ImportTemps1
        fields = ["etat"]


def resume_lignes(import_):
    """« 3 créées · 1 modifiée · 40 inchangées · 2 erreurs » from the stored report."""
    rapport = import_.rapport or {}
    if not rapport:
        return "—"
    compteurs = apercu(rapport).total
    futur = import_.etat != EtatImport.APPLIQUEE
    morceaux = [
        f"{compteurs['created']} à créer"
        if futur
        else compter(compteurs["created"], "créée", "créées"),
        f"{compteurs['updated']} à modifier"
        if futur
        else compter(compteurs["updated"], "modifiée", "modifiées"),
        compter(compteurs["unchanged"], "inchangée", "inchangées"),
    ]
    erreurs = len(rapport.get("errors") or [])
    if erreurs:
        morceaux.append(compter(erreurs, "erreur", "erreurs"))
    return " · ".join(morceaux)


def nom_deposant(user):
    if user is None:
        return "—"
    return user.get_full_name().strip() or user.get_username()


class TelechargementsColumn(BaseColumn):
    cell_template_name = "imports/_cellule_telechargements.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["liens"] = liens_fichiers(instance)
        return context


def liens_fichiers(import_):
    liens = [("Fichier déposé", reverse("import_temps1:fichier", args=[import_.pk, "original"]))]
    if import_.rapport:
        liens.append(
            ("Rapport (JSON)", reverse("import_temps1:fichier", args=[import_.pk, "rapport"]))
        )
    if import_.fichier_annote:
        liens.append(
            ("Classeur annoté", reverse("import_temps1:fichier", args=[import_.pk, "annote"]))
        )
    return liens


class ImportIndexView(PerimetreIndexView):
    template_name = "imports/index.html"
    page_title = "Imports Temps 1"

    def get_liste_queryset(self):
        return ImportTemps1.objects.select_related("deposant")

    def user_has_any_permission(self, permissions):
        # The page also hands out the blank template and the export: open to whoever may
        # export (a regional administrator, a lecteur), with an empty history if they may not
        # see imports.
        return super().user_has_any_permission(permissions) or peut_exporter(self.request.user)

    @property
    def add_item_label(self):
        return "Déposer un classeur"

    @cached_property
    def header_buttons(self):
        boutons = list(super().header_buttons)
        boutons.append(
            HeaderButton(
                "Modèle vierge",
                url=reverse("import_temps1:modele"),
                icon_name="download",
                attrs={"data-modele": ""},
            )
        )
        if peut_exporter(self.request.user):
            boutons.append(
                HeaderButton(
                    "Exporter l'offre",
                    url=reverse("import_temps1:export"),
                    icon_name="download",
                )
            )
        return boutons

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["voit_imports"] = self.permission_policy.user_has_permission(
            self.request.user, "view"
        )
        context["peut_exporter"] = peut_exporter(self.request.user)
        return context


# ---------------------------------------------------------------------------------------------
# Upload
# ---------------------------------------------------------------------------------------------


class DepotView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Store the file first (`services.deposer`), then check it in the background."""

    model = ImportTemps1
    permission_required = "add"
    form_class = DepotForm
    template_name = "imports/depot.html"
    page_title = "Déposer un classeur Temps 1"
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("import_temps1:index"), "label": "Imports Temps 1"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        perimetre = perimetres.perimetre_pour(self.request.user, LABEL, ("add",))
        context["perimetre"] = libelle_perimetre(perimetre)
        return context

    def form_valid(self, form):
        import_ = services.deposer(form.cleaned_data["fichier"], self.request.user)
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


class ImportInspectView(PerimetreInspectView):
    template_name = "imports/import_detail.html"
    page_title = "Import Temps 1"

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
            import_.rapport, self.request.GET.get("onglet", ""), self.request.GET.get("q", "")
        )
        peut_appliquer = (
            import_.etat == EtatImport.ANALYSEE
            and imports_applicables(user).filter(pk=import_.pk).exists()
        )
        context.update(
            {
                "import_": import_,
                "apercu": apercu_,
                "en_cours": import_.etat in EN_COURS,
                "sans_nouvelles": import_.etat in EN_COURS
                and timezone.now() - import_.modifie_le > SANS_NOUVELLES_APRES,
                "applique": import_.etat == EtatImport.APPLIQUEE,
                "peut_appliquer": peut_appliquer,
                "form_confirmation": ConfirmationForm(),
                "url_statut": reverse("import_temps1:statut", args=[import_.pk]),
                "url_appliquer": reverse("import_temps1:appliquer", args=[import_.pk]),
                "liens": liens_fichiers(import_),
                "url_annote": reverse("import_temps1:fichier", args=[import_.pk, "annote"])
                if import_.fichier_annote
                else None,
                "url_dispositifs": reverse("dispositif:index"),
            }
        )
        return context


class StatutView(PermissionCheckedMixin, View):
    """The state of an import, polled by its page while it is being analysed or applied."""

    model = ImportTemps1
    any_permission_required = ["add", "view"]

    def get(self, request, pk):
        import_ = get_object_or_404(imports_visibles(request.user), pk=pk)
        return JsonResponse(
            {
                "etat": import_.etat,
                "libelle": import_.get_etat_display(),
                "progression": import_.progression,
                "en_cours": import_.etat in EN_COURS,
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
        import_ = get_object_or_404(imports_applicables(request.user), pk=pk)
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


# ---------------------------------------------------------------------------------------------
# Downloads
# ---------------------------------------------------------------------------------------------


class FichierView(PermissionCheckedMixin, View):
    """The original file, the report (JSON) or the annotated copy of an import, through the
    perimeter (MEDIA_ROOT is never served)."""

    model = ImportTemps1
    any_permission_required = ["add", "view"]

    def get(self, request, pk, quoi):
        import_ = get_object_or_404(imports_visibles(request.user), pk=pk)
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


class ExportView(WagtailAdminTemplateMixin, TemplateView):
    """The offer of the user's perimeter (or one of its départements) in the Temps 1 format,
    codes filled in, ready to be edited and imported again."""

    template_name = "imports/export.html"
    page_title = "Exporter au format Temps 1"
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not peut_exporter(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("import_temps1:index"), "label": "Imports Temps 1"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        perimetre = perimetre_export(request.user)
        if "departement" not in request.GET:
            return self.render_to_response(
                self.get_context_data(form=ExportForm(perimetre=perimetre))
            )
        form = ExportForm(request.GET, perimetre=perimetre)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        departements = form.departements()
        suffixe = departements[0] if departements else "perimetre"
        nom = f"temps1-{suffixe}-{timezone.localdate():%Y-%m-%d}.xlsx"
        return _classeur_temporaire(
            lambda chemin: exporter(chemin, departements=departements, user=request.user), nom
        )


# ---------------------------------------------------------------------------------------------
# Imports are neither edited nor deleted: they are the trail of what was written
# ---------------------------------------------------------------------------------------------


class RedirectionView(View):
    def get(self, request, pk):
        get_object_or_404(imports_visibles(request.user), pk=pk)
        return redirect("import_temps1:inspect", pk)

    post = get


class SuppressionView(View):
    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class ImportTemps1ViewSet(PerimetreModelViewSet):
    model = ImportTemps1
    icon = "upload"
    menu_label = "Imports Temps 1"
    add_to_admin_menu = False  # wagtail_hooks: shown to whoever may also just export
    url_prefix = "imports-temps1"
    name = "import_temps1"
    index_view_class = ImportIndexView
    add_view_class = DepotView
    inspect_view_class = ImportInspectView
    edit_view_class = RedirectionView
    delete_view_class = SuppressionView
    filterset_class = ImportFilterSet
    search_fields = ["recherche"]
    list_per_page = 50
    ordering = ["-cree_le", "-pk"]
    list_display = [
        TitleColumn(
            "nom_fichier",
            label="Fichier",
            url_name="import_temps1:inspect",
            classname="deux-lignes",
        ),
        Column("pk", label="N°", sort_key="pk", classname="nombre"),
        Column("deposant", label="Déposé par", accessor=lambda i: nom_deposant(i.deposant)),
        DateColumn("cree_le", label="Déposé le", sort_key="cree_le"),
        Column("perimetre_libelle", label="Périmètre"),
        Column("lignes", label="Lignes", accessor=resume_lignes),
        Column("get_etat_display", label="État", sort_key="etat"),
        TelechargementsColumn("telechargements", label="Télécharger"),
    ]

    def get_add_view_kwargs(self, **kwargs):
        return kwargs  # DepotView has its own form

    def get_edit_view_kwargs(self, **kwargs):
        return kwargs

    def get_delete_view_kwargs(self, **kwargs):
        return kwargs

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("statut/<int:pk>/", self.construct_view(StatutView), name="statut"),
            path("appliquer/<int:pk>/", self.construct_view(AppliquerView), name="appliquer"),
            path(
                "fichier/<int:pk>/<slug:quoi>/",
                self.construct_view(FichierView),
                name="fichier",
            ),
            path("modele/", ModeleView.as_view(), name="modele"),
            path("export/", self.construct_view(ExportView), name="export"),
        ]
