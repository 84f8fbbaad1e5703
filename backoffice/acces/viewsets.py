"""Admin views bound to perimeters.

Wagtail's generic views check model permissions, then fetch rows by primary key (issue #10746):
every view here fetches through the permission policy's scoped queryset instead, so a row out of
the user's perimeter is answered as not found, whatever the URL. Every perimeter-bound model's
viewset derives from `PerimetreModelViewSet`.
"""

from django.contrib.admin.utils import unquote
from django.db import connection
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from backoffice import exports

from . import choix
from .filtres import PerimetreFilterSet
from .perimetres import LECTURE


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
        return get_object_or_404(self.get_perimetre_queryset(), pk=pk)


def recherche_sans_accents(queryset, champs, texte):
    """Every word must match one of the fields; accent-insensitive on PostgreSQL (unaccent)."""
    postgres = connection.vendor == "postgresql"
    for mot in texte.split():
        condition = Q()
        for champ in champs:
            if postgres:
                condition |= Q(**{f"{champ}__unaccent__icontains": mot})
            else:
                condition |= Q(**{f"{champ}__icontains": mot})
        queryset = queryset.filter(condition)
    return queryset


class ExportTableurMixin:
    """Wagtail's list export (`list_export`, `?export=csv|xlsx`) written by the one spreadsheet
    writer (backoffice/exports.py): Wagtail's own CSV neither neutralises formulas nor suits
    French Excel. The sheet is named after the list; rows are read in chunks.

    `acces.apps` also puts these methods on Wagtail's `SpreadsheetExportMixin`, so that its own
    listings and reports (users, pages, site history) export the same way."""

    METHODES = (
        "TAILLE_LOT",
        "valeurs_export",
        "lignes_export",
        "entetes_export",
        "formats_export",
        "as_spreadsheet",
    )

    TAILLE_LOT = 2000

    def valeurs_export(self, objet, format_):
        """The row's raw values (the writer formats them); a viewset's own
        `custom_field_preprocess` still applies."""
        valeurs = []
        for champ, valeur in self.to_row_dict(objet).items():
            pretraitement = self.custom_field_preprocess.get(champ, {}).get(format_)
            valeurs.append(pretraitement(valeur) if pretraitement else valeur)
        return valeurs

    def lignes_export(self, queryset, format_):
        if isinstance(queryset, QuerySet):
            queryset = queryset.iterator(chunk_size=self.TAILLE_LOT)
        for objet in queryset:
            yield self.valeurs_export(objet, format_)

    def entetes_export(self, queryset):
        return [self.get_heading(queryset, champ) for champ in self.list_export]

    def formats_export(self):
        """{column: number format} of the columns that are years or small numbers (exercice,
        années, numéros): no thousands separator for them ("2 025" is not a year)."""
        formats = {}
        modele = getattr(self, "model", None)
        if modele is None:
            return formats
        for rang, chemin in enumerate(self.list_export):
            champ = exports.champ_du_chemin(modele, chemin)
            if champ is not None and champ.get_internal_type() == "PositiveSmallIntegerField":
                formats[rang] = exports.FORMAT_ENTIER_SIMPLE
        return formats

    def as_spreadsheet(self, queryset, spreadsheet_format):
        titre = self.get_page_title() if hasattr(self, "get_page_title") else ""
        return exports.reponse_tableau(
            spreadsheet_format,
            titre or self.get_filename(),
            self.entetes_export(queryset),
            self.lignes_export(queryset, spreadsheet_format),
            self.get_filename(),
            formats=self.formats_export(),
        )


class PerimetreIndexView(ExportTableurMixin, generic.IndexView):
    search_backend_name = None
    base_filterset_class = PerimetreFilterSet  # filters built from `list_filter`

    def get_liste_queryset(self):
        """The listing's (and export's) queryset before scoping: select_related, annotations."""
        return super().get_base_queryset()

    def get_base_queryset(self):
        return self.permission_policy.filtrer(self.get_liste_queryset(), self.request.user, LECTURE)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return recherche_sans_accents(queryset, self.search_fields or [], self.search_query)


class PerimetreEditView(PerimetreObjectMixin, generic.EditView):
    perimetre_actions = ("change",)


class PerimetreDeleteView(PerimetreObjectMixin, generic.DeleteView):
    perimetre_actions = ("delete",)


class PerimetreInspectView(PerimetreObjectMixin, generic.InspectView):
    pass


class PerimetreHistoryView(PerimetreObjectMixin, history.HistoryView):
    any_permission_required = ["add", "change", "delete", "view"]


class PerimetreUsageView(PerimetreObjectMixin, usage.UsageView):
    pass


class PerimetreCreateView(generic.CreateView):
    pass


class PerimetreForm(WagtailAdminModelForm):
    """Restricts every choice of the form, and of its inline formsets, to the user's perimeter
    (the one rule: acces/choix.py)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        if for_user is not None:
            choix.restreindre_formulaire(self, for_user, self._meta.model._meta.label_lower)


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

    def get_edit_handler(self):
        # ModelViewSet builds its form from `panels` (or `form_fields`) on Wagtail's base form;
        # ours scopes every foreign-key choice to the perimeter.
        if hasattr(self, "edit_handler"):
            return super().get_edit_handler()
        panels = getattr(self, "panels", None) or [
            FieldPanel(champ) for champ in getattr(self, "form_fields", [])
        ]
        return ObjectList(panels, base_form_class=PerimetreForm).bind_to_model(self.model)
