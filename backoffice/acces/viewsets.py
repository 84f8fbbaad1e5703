"""Admin views bound to perimeters.

Wagtail's generic views check model permissions, then fetch rows by primary key (issue #10746):
every view here fetches through the permission policy's scoped queryset instead, so a row out of
the user's perimeter is answered as not found, whatever the URL. Every perimeter-bound model's
viewset derives from `PerimetreModelViewSet`. The views also speak proper French about their
model (libelles.py: « Ajouter une convention », « L'avenant … a été créé. »).
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.fields import display_class_registry
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.coreutils import multigetattr

from backoffice.affichage.exports import ValeursExporteesMixin
from backoffice.affichage.valeurs import valeur_affichee
from backoffice.exportations import services as exportations
from backoffice.exportations import taches
from backoffice.exportations.registre import inscrire
from backoffice.recherche.filtres import rechercher
from backoffice.recherche.modeles import CHAMP as CHAMP_RECHERCHE

from . import choix
from .export_tableur import ExportTableurMixin
from .filtres import PerimetreFilterSet
from .libelles import (
    LibellesCreationMixin,
    LibellesListeMixin,
    LibellesModificationMixin,
    LibellesSuppressionMixin,
)
from .pagination import PaginateurEnDeuxTemps
from .perimetres import LECTURE
from .policies import objet_ou_404, policy_for


class PerimetreObjectMixin:
    """Fetch the object through the scoped queryset: out of perimeter → 404."""

    perimetre_actions = LECTURE

    def get_perimetre_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, self.perimetre_actions
        )

    def get_base_object_queryset(self):  # history, usage (BaseObjectMixin)
        return self.get_perimetre_queryset()

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        pk = unquote(str(self.kwargs[self.pk_url_kwarg]))
        return objet_ou_404(self.permission_policy, self.request.user, pk, self.perimetre_actions)


class PerimetreIndexView(
    LibellesListeMixin, ExportTableurMixin, ValeursExporteesMixin, generic.IndexView
):
    search_backend_name = None
    base_filterset_class = PerimetreFilterSet  # filters built from `list_filter`
    paginator_class = PaginateurEnDeuxTemps  # the page's keys, then its rows (pagination.py)

    def get(self, request, *args, **kwargs):
        if self.is_export:
            nombre = self.get_queryset().count
            if exportations.en_arriere_plan(self.index_url_name, nombre):
                return taches.differer(
                    request,
                    self.index_url_name,
                    self.get_page_title(),
                    self.get_filename(),
                    request.GET["export"],
                )
        return super().get(request, *args, **kwargs)

    def user_has_permission(self, permission):
        # Asked for every row (edit, copy, inspect, delete links) about the same user: the
        # answer is the view's, read once per action.
        connues = self.__dict__.setdefault("_permissions_connues", {})
        if permission not in connues:
            connues[permission] = super().user_has_permission(permission)
        return connues[permission]

    def user_has_any_permission(self, permissions):
        return any(self.user_has_permission(permission) for permission in permissions)

    def get_liste_queryset(self):
        """The listing's (and export's) queryset before scoping: select_related, annotations."""
        return super().get_base_queryset()

    def get_base_queryset(self):
        return self.permission_policy.filtrer(self.get_liste_queryset(), self.request.user, LECTURE)

    def search_queryset(self, queryset):
        """`search_fields` names `recherche` columns: the model's own and related models'
        (`entite__recherche`); every typed word must be in one of them (backoffice.recherche)."""
        if not self.is_searching:
            return queryset
        return rechercher(queryset, self.search_query, self.search_fields)


class PerimetreEditView(PerimetreObjectMixin, LibellesModificationMixin, generic.EditView):
    perimetre_actions = ("change",)


class PerimetreDeleteView(PerimetreObjectMixin, LibellesSuppressionMixin, generic.DeleteView):
    perimetre_actions = ("delete",)

    def form_valid(self, form):
        # Wagtail's usage summary only knows its reference index; the database's PROTECT (a
        # région still holding départements, a nature its types…) refuses too: say it in
        # French on the confirmation page instead of a 500. Nothing is deleted (one transaction).
        try:
            return super().form_valid(form)
        except (ProtectedError, RestrictedError):
            pronom = "la" if self.nom.feminin else "le"
            messages.error(
                self.request,
                f"D'autres données font référence à {self.nom.ce} : impossible de {pronom} "
                "supprimer.",
            )
            return redirect(self.request.path)


class PerimetreInspectView(PerimetreObjectMixin, generic.InspectView):
    def get_fields(self):
        # The search column is a technical copy of other fields: never shown.
        return [champ for champ in super().get_fields() if champ != CHAMP_RECHERCHE]

    def get_field_display_value(self, field_name, field):
        """Every field through the display rule (Wagtail's own shows `None`, `True`, and
        date-times in UTC: its template localises them without converting the zone)."""
        methode = getattr(self, f"get_{field_name}_display_value", None)
        if callable(methode):
            valeur = methode()
            return valeur if isinstance(valeur, Component) else valeur_affichee(valeur)
        valeur = getattr(self.object, field_name)
        if field is not None and valeur is not None:
            composant = display_class_registry.get(field)
            if composant:
                return composant(valeur)
        if callable(valeur) and not isinstance(valeur, models.Manager):
            valeur = valeur()
        return valeur_affichee(valeur, field)


class PerimetreHistoryView(PerimetreObjectMixin, history.HistoryView):
    any_permission_required = ["add", "change", "delete", "view"]


class PerimetreUsageView(PerimetreObjectMixin, usage.UsageView):
    pass


class PerimetreCreateView(LibellesCreationMixin, generic.CreateView):
    """Create view. Opened from a parent's page (« Ajouter un groupe de places » on a
    dispositif: `?dispositif=12`), the parent is already chosen in the form.

    `parents`: {form field: actions the user needs on the parent}. A parent out of the user's
    perimeter, or not allowed for these actions, or not found, is ignored: the form opens
    without it (never an error page, never the name of another perimeter's object)."""

    parents = {}

    def queryset_parent(self, champ):
        """The rows a parent may be chosen from (narrowed by the subclass, e.g. active ones)."""
        return self.model._meta.get_field(champ).related_model._default_manager.all()

    def parent_de_l_url(self, champ):
        valeur = self.request.GET.get(champ, "")
        if not valeur:
            return None
        queryset = self.queryset_parent(champ)
        try:
            return (
                policy_for(queryset.model)
                .filtrer(queryset, self.request.user, self.parents[champ])
                .filter(pk=valeur)
                .first()
            )
        except (ValueError, ValidationError):  # not a primary key
            return None

    def parent_choisi(self, instance, champ, parent):
        """Defaults that follow from the parent (a subclass's hook)."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        for champ in self.parents:
            parent = self.parent_de_l_url(champ)
            if parent is not None:
                setattr(instance, champ, parent)
                self.parent_choisi(instance, champ, parent)
        return instance


class PerimetreForm(WagtailAdminModelForm):
    """Restricts every choice of the form, and of its inline formsets, to the user's perimeter
    (the one rule: acces/choix.py)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        if for_user is not None:
            choix.restreindre_formulaire(self, for_user, self._meta.model._meta.label_lower)


def deux_lignes(chemin):
    """Column accessor for a long text (an entité's name, a type's label): kept to two lines on
    screen (ecrans.css), the full text in its tooltip and for screen readers. Exports read
    `list_export`, never this."""

    def valeur(objet):
        texte = multigetattr(objet, chemin)
        if texte is None or texte == "":
            return None
        return format_html('<span class="deux-lignes" title="{}">{}</span>', texte, texte)

    return valeur


class PerimetreModelViewSet(ModelViewSet):
    index_view_class = PerimetreIndexView
    add_view_class = PerimetreCreateView
    edit_view_class = PerimetreEditView
    delete_view_class = PerimetreDeleteView
    inspect_view_class = PerimetreInspectView
    history_view_class = PerimetreHistoryView
    usage_view_class = PerimetreUsageView
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None
    # Listed in the admin's global search (backoffice/recherche.py) when it has search_fields;
    # sub-objects found through their parent opt out.
    recherche_globale = True

    def on_register(self):
        super().on_register()
        # Exports above the threshold are written by a background task, which rebuilds the
        # list through this entry (backoffice/exportations).
        inscrire(self.get_url_name("index"), self.tableau_differe)

    def tableau_differe(self, user, parametres):
        """The list `user` gets with query string `parametres`, rebuilt outside any request by
        the listing's own view: their perimeter today, the list's filters, search and order,
        the immediate export's columns."""
        requete = HttpRequest()
        requete.method = "GET"
        requete.GET = QueryDict(parametres)
        requete.user = user
        requete.path = requete.path_info = reverse(self.get_url_name("index"))
        requete.META = {"SERVER_NAME": "localhost", "SERVER_PORT": "80"}
        fonction = self.construct_view(self.index_view_class, **self.get_index_view_kwargs())
        vue = fonction.view_class(**fonction.view_initkwargs)
        vue.setup(requete)
        vue.object_list = vue.get_queryset()
        lignes = vue.get_context_data()["object_list"]
        return vue.tableau_export(lignes, requete.GET.get("export", "xlsx"))

    def get_edit_handler(self):
        # ModelViewSet builds its form from `panels` (or `form_fields`) on Wagtail's base form;
        # ours scopes every foreign-key choice to the perimeter.
        if hasattr(self, "edit_handler"):
            return super().get_edit_handler()
        panels = getattr(self, "panels", None) or [
            FieldPanel(champ) for champ in getattr(self, "form_fields", [])
        ]
        return ObjectList(panels, base_form_class=PerimetreForm).bind_to_model(self.model)


class ReferentielViewSet(PerimetreModelViewSet):
    """Reference data: not perimeter-bound, readable by every role (roles.py gives others
    "view"; national administrators edit)."""

    inspect_view_enabled = False
    list_per_page = 100


# Each app lists its reference viewsets under this hook (a function returning viewset classes;
# `hooks.register(REFERENTIELS, order=…)` orders the menu): one « Référentiels » menu whatever
# app owns the data, without the apps importing each other.
REFERENTIELS = "register_referentiels"


class ReferentielsViewSetGroup(ModelViewSetGroup):
    menu_label = "Référentiels"
    menu_icon = "list-ul"
    menu_order = 800

    def __init__(self):
        self.items = [classe for fonction in hooks.get_hooks(REFERENTIELS) for classe in fonction()]
        super().__init__()
