"""Pieces shared by the schéma screens: counts for the listings, the scoped fetch, the refused
deletions and the views of one campaign or schéma."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import (
    LECTURE,
    PerimetreCreateView,
    PerimetreDeleteView,
    PerimetreEditView,
)

from .. import regles
from ..models import CampagneEvaluation


def compte(queryset, champ):
    """A count as a subquery (no join multiplying the listing's rows)."""
    return Coalesce(
        Subquery(
            queryset.filter(**{champ: OuterRef("pk")})
            .order_by()
            .values(champ)
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


# The layering work gives backoffice/acces/viewsets.py one shared "in perimeter or 404" mixin;
# until it lands, this one and VueObjetMixin below stay (docs/decisions.md).
class IntrouvableDabordMixin:
    """Out of the user's perimeter → 404 before the role check: a schéma of another région is
    not found, whether or not the user's role could edit one of theirs."""

    def dispatch(self, request, *args, **kwargs):
        visibles = policy_for(self.model).filtrer(
            self.model._default_manager.all(), request.user, LECTURE
        )
        get_object_or_404(visibles, pk=unquote(str(kwargs[self.pk_url_kwarg])))
        return super().dispatch(request, *args, **kwargs)


class ModificationView(IntrouvableDabordMixin, PerimetreEditView):
    pass


class SuppressionProtegee(PerimetreDeleteView):
    """Refuses, with the reason `regles` gives, to delete what would take evaluations along;
    back to the schéma's page afterwards."""

    def dispatch(self, request, *args, **kwargs):
        objet = self.get_object()
        refus = regles.refus_suppression(objet)
        if refus:
            messages.error(request, refus)
            return redirect("schema:inspect", self.schema_de(objet))
        return super().dispatch(request, *args, **kwargs)

    def schema_de(self, objet):
        return regles.schema_de(objet)

    def get_success_url(self):
        return reverse("schema:inspect", args=[self.schema_de(self.object)])


class EnfantCreateView(PerimetreCreateView):
    """Add view pre-filled with the parent given in the URL (?schema=, ?objectif=…), when the
    user may add to that parent's schéma."""

    parent_champ = None

    @property
    def parents(self):
        return {self.parent_champ: LECTURE}

    def parent_choisi(self, instance, champ, parent):
        if hasattr(instance, "ordre"):
            instance.ordre = regles.prochain_ordre(self.model.objects.filter(**{champ: parent}))

    def get_success_url(self):
        return reverse("schema:inspect", args=[regles.schema_de(self.object)])


class EnfantEditView(ModificationView):
    def get_success_url(self):
        return reverse("schema:inspect", args=[regles.schema_de(self.object)])


class VueObjetMixin(WagtailAdminTemplateMixin):
    """Fetch the object through the scoped queryset: out of perimeter (or no right at all on
    the model) → 404."""

    model = CampagneEvaluation
    espace = "campagne"
    header_icon = "list-ol"

    def get_objet(self):
        visibles = policy_for(self.model).filtrer(
            self.model.objects.select_related("schema__region")
            if self.model is CampagneEvaluation
            else self.model.objects.select_related("region"),
            self.request.user,
            LECTURE,
        )
        return get_object_or_404(visibles, pk=self.kwargs["pk"])

    @cached_property
    def objet(self):
        return self.get_objet()

    def url_fiche(self):
        return reverse(f"{self.espace}:inspect", args=[self.objet.pk])

    def get_page_subtitle(self):
        return str(self.objet)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(f"{self.espace}:index"),
                "label": self.model._meta.verbose_name_plural.capitalize(),
            },
            {"url": self.url_fiche(), "label": str(self.objet)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["objet"] = self.objet
        context["url_fiche"] = self.url_fiche()
        return context
