"""Objectifs, thématiques and actions: edited one by one, reached from the schéma's page (only
the actions have a listing of their own, across schémas)."""

import django_filters
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn

from backoffice.acces.filtres import PerimetreFilterSet
from backoffice.acces.viewsets import PerimetreIndexView, PerimetreModelViewSet, deux_lignes
from backoffice.recherche.filtres import filtrer_champ

from .. import regles
from ..forms import ActionSchemaForm, ObjectifForm, ThematiqueForm
from ..models import ActionSchema, Objectif, SchemaRegional, Thematique
from .communs import EnfantCreateView, EnfantEditView, SuppressionProtegee


class ObjectifCreateView(EnfantCreateView):
    parent_champ = "schema"

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance()
        if instance.schema_id and not instance.numero:
            instance.numero = regles.prochain_numero(instance.schema)
        return instance


class ObjectifViewSet(PerimetreModelViewSet):
    model = Objectif
    icon = "tag"
    menu_label = "Objectifs"
    url_prefix = "schemas/objectifs"
    name = "objectif"
    add_view_class = ObjectifCreateView
    edit_view_class = EnfantEditView
    delete_view_class = SuppressionProtegee
    search_fields = ["recherche"]
    ordering = ["schema_id", "numero"]
    list_display = [
        TitleColumn("__str__", label="Objectif", url_name="objectif:inspect"),
        Column("schema", label="Schéma"),
    ]
    panels = [FieldPanel("schema"), FieldPanel("numero"), FieldPanel("libelle")]
    inspect_view_fields = ["schema", "numero", "libelle"]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=ObjectifForm).bind_to_model(self.model)


class ThematiqueCreateView(EnfantCreateView):
    parent_champ = "objectif"


class ThematiqueViewSet(PerimetreModelViewSet):
    model = Thematique
    icon = "folder-open-inverse"
    menu_label = "Thématiques"
    url_prefix = "schemas/thematiques"
    name = "thematique"
    add_view_class = ThematiqueCreateView
    edit_view_class = EnfantEditView
    delete_view_class = SuppressionProtegee
    search_fields = ["recherche"]
    ordering = ["objectif__schema_id", "objectif__numero", "ordre"]
    list_display = [
        TitleColumn("libelle", label="Thématique", url_name="thematique:inspect"),
        Column("objectif", label="Objectif"),
    ]
    panels = [FieldPanel("objectif"), FieldPanel("libelle"), FieldPanel("ordre")]
    inspect_view_fields = ["objectif", "libelle", "ordre"]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=ThematiqueForm).bind_to_model(self.model)


class ActionCreateView(EnfantCreateView):
    parent_champ = "thematique"


class ActionIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return ActionSchema.objects.select_related("thematique__objectif__schema__region").order_by(
            "thematique__objectif__schema_id", "thematique__objectif__numero", "ordre"
        )


class ActionFilterSet(PerimetreFilterSet):
    schema = django_filters.ModelChoiceFilter(
        queryset=SchemaRegional.objects.select_related("region"),
        field_name="thematique__objectif__schema",
        label="Schéma",
    )
    pilote = django_filters.CharFilter(method="filtrer_pilote", label="Pilote (contient)")

    class Meta:
        model = ActionSchema
        fields = ["schema", "pilote"]

    def filtrer_pilote(self, queryset, name, value):
        return filtrer_champ(queryset, value, "pilote")


class ActionSchemaViewSet(PerimetreModelViewSet):
    model = ActionSchema
    icon = "tasks"
    menu_label = "Actions"
    url_prefix = "schemas/actions"
    name = "action_schema"
    index_view_class = ActionIndexView
    add_view_class = ActionCreateView
    edit_view_class = EnfantEditView
    delete_view_class = SuppressionProtegee
    filterset_class = ActionFilterSet
    search_fields = ["recherche", "thematique__recherche"]
    ordering = ["thematique__objectif__schema_id", "thematique__objectif__numero", "ordre"]
    list_display = [
        TitleColumn(
            "__str__", label="Action", url_name="action_schema:inspect", classname="deux-lignes"
        ),
        Column("thematique", label="Thématique", accessor=deux_lignes("thematique")),
        Column(
            "thematique.objectif", label="Objectif", accessor=deux_lignes("thematique.objectif")
        ),
        Column("pilote", label="Pilote", sort_key="pilote"),
        Column(
            "thematique.objectif.schema",
            label="Schéma",
            accessor=deux_lignes("thematique.objectif.schema"),
        ),
    ]
    list_export = [
        "thematique.objectif.schema.region.nom",
        "thematique.objectif.schema.periode",
        "thematique.objectif.libelle_grille",
        "thematique.libelle",
        "libelle",
        "pilote",
    ]
    export_headings = {
        "thematique.objectif.schema.region.nom": "Région",
        "thematique.objectif.schema.periode": "Période du schéma",
        "thematique.objectif.libelle_grille": "Objectif",
        "thematique.libelle": "Thématique",
        "libelle": "Action",
        "pilote": "Pilote",
    }
    export_filename = "actions-schema-regional"
    panels = [
        FieldPanel("thematique"),
        FieldPanel("libelle"),
        FieldRowPanel([FieldPanel("pilote"), FieldPanel("ordre")]),
    ]
    inspect_view_fields = ["thematique", "libelle", "pilote", "ordre"]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=ActionSchemaForm).bind_to_model(self.model)
