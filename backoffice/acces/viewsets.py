"""Admin views bound to perimeters.

Wagtail's generic views check model permissions, then fetch rows by primary key (issue #10746):
every view here fetches through the permission policy's scoped queryset instead, so a row out of
the user's perimeter is answered as not found, whatever the URL. Every perimeter-bound model's
viewset derives from `PerimetreModelViewSet`.
"""

from django.contrib.admin.utils import unquote
from django.db import connection, models
from django.db.models import Q
from django.shortcuts import get_object_or_404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.fields import display_class_registry
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from backoffice.affichage.exports import ValeursExporteesMixin
from backoffice.affichage.valeurs import valeur_affichee

LECTURE = ("view", "change", "delete")


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


class PerimetreIndexView(ValeursExporteesMixin, generic.IndexView):
    search_backend_name = None

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


class PerimetreCreateView(generic.CreateView):
    pass


class PerimetreForm(WagtailAdminModelForm):
    """Restricts every foreign-key and many-to-many choice to the user's perimeter."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        if for_user is None:
            return
        from wagtail.permissions import policy_registry

        from . import perimetres

        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None:
                continue
            label = queryset.model._meta.label_lower
            if label == "territoires.departement":
                perimetre = perimetres.perimetre_pour(
                    for_user, self._meta.model._meta.label_lower, ("add", "change")
                )
                if not perimetre.national:
                    field.queryset = queryset.filter(code__in=perimetre.departements)
            elif perimetres.est_perimetre(label):
                policy = policy_registry.get_by_type(queryset.model)
                field.queryset = queryset.filter(
                    pk__in=policy.instances_user_has_any_permission_for(for_user, LECTURE).values(
                        "pk"
                    )
                )


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
