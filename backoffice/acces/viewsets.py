"""Admin views bound to perimeters.

Wagtail's generic views check model permissions, then fetch rows by primary key (issue #10746):
every view here fetches through the permission policy's scoped queryset instead, so a row out of
the user's perimeter is answered as not found, whatever the URL. Every perimeter-bound model's
viewset derives from `PerimetreModelViewSet`.
"""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from backoffice.recherche.filtres import rechercher
from backoffice.recherche.modeles import CHAMP as CHAMP_RECHERCHE

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


class PerimetreIndexView(generic.IndexView):
    search_backend_name = None

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


class PerimetreEditView(PerimetreObjectMixin, generic.EditView):
    perimetre_actions = ("change",)


class PerimetreDeleteView(PerimetreObjectMixin, generic.DeleteView):
    perimetre_actions = ("delete",)


class PerimetreInspectView(PerimetreObjectMixin, generic.InspectView):
    def get_fields(self):
        # The search column is a technical copy of other fields: never shown.
        return [champ for champ in super().get_fields() if champ != CHAMP_RECHERCHE]


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
