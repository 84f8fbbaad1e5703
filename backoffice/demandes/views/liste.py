"""The request queues: filters, search by number, counters, export, bulk-action checkboxes."""

import re

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import BaseColumn

from backoffice.acces.viewsets import (
    PerimetreIndexView,
)

from ..filters import File
from ..forms import (
    ActionsGroupeesForm,
)
from ..models import Demande
from .transitions import ActionsGroupeesView


class CaseColumn(BaseColumn):
    """A checkbox per row, attached to the bulk-action form by its `form` attribute (the form
    sits outside the table, which is re-rendered when filters change)."""

    cell_template_name = "demandes/_cellule_case.html"
    header_template_name = "demandes/_entete_case.html"

    def __init__(self):
        super().__init__("selection", label="Sélection", width="1%")

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["form_id"] = ActionsGroupeesView.FORM_ID
        return context


NUMERO = re.compile(r"^D-?(\d{4})-?0*(\d+)$", re.IGNORECASE)


class DemandeIndexView(PerimetreIndexView):
    results_template_name = "demandes/index_results.html"

    def get_liste_queryset(self):
        return Demande.objects.select_related(
            "departement", "type_dispositif__nature", "dispositif", "entite"
        )

    @cached_property
    def peut_agir(self):
        return self.permission_policy.user_has_permission(self.request.user, "change")

    @cached_property
    def columns(self):
        colonnes = super().columns
        return [CaseColumn(), *colonnes] if self.peut_agir else colonnes

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        texte = self.search_query.strip()
        numero = NUMERO.match(texte)
        if numero:
            return queryset.filter(pk=int(numero.group(2)), soumise_le__year=int(numero.group(1)))
        return super().search_queryset(queryset)

    # Requests are neither added, edited nor deleted here: they are filed (public form, the
    # dispositif page) and move through transitions only.
    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_compteurs(self):
        return self.get_base_queryset().aggregate(
            **{file: Count("pk", filter=Q(etat__in=etats)) for file, etats in File.ETATS.items()}
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        file_active = self.request.GET.get("file", "")
        compteurs = self.get_compteurs()
        context["files"] = [
            {
                "code": code,
                "libelle": libelle,
                "nombre": compteurs[code],
                "active": code == file_active,
                "url": f"{self.index_url}?file={code}",
            }
            for code, libelle in File.CHOICES
        ]
        context["peut_agir"] = self.peut_agir
        if self.peut_agir:
            context["form_actions"] = ActionsGroupeesForm()
            context["form_actions_id"] = ActionsGroupeesView.FORM_ID
            context["url_actions"] = reverse("demande:actions_groupees")
        return context
