"""« Comptes et rôles »: national administrators manage every assignment; a DDETS administrator
manages the gestionnaire accounts of the entités of its départements."""

import django_filters
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn

from .filtres import PerimetreFilterSet
from .forms import AffectationRoleForm
from .models import AffectationRole
from .roles import Role
from .viewsets import PerimetreIndexView, PerimetreModelViewSet


class AffectationFilterSet(PerimetreFilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices, label="Rôle")
    actif = django_filters.BooleanFilter(label="Active")

    class Meta:
        model = AffectationRole
        fields = []


class AffectationIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        return AffectationRole.objects.select_related(
            "utilisateur", "region", "siao", "entite"
        ).prefetch_related("departements")


class AffectationRoleViewSet(PerimetreModelViewSet):
    model = AffectationRole
    icon = "user"
    menu_label = "Comptes et rôles"
    menu_order = 900
    add_to_admin_menu = True
    url_prefix = "comptes"
    name = "affectation"
    index_view_class = AffectationIndexView
    inspect_view_enabled = False
    filterset_class = AffectationFilterSet
    search_fields = ["recherche"]
    ordering = ["utilisateur__email"]
    list_display = [
        TitleColumn("utilisateur", label="Utilisateur", url_name="affectation:edit"),
        Column("get_role_display", label="Rôle"),
        Column("libelle_perimetre", label="Périmètre"),
        BooleanColumn("actif", label="Active"),
        Column("cree_le", label="Créée le", sort_key="cree_le"),
    ]
    list_export = ["utilisateur.email", "get_role_display", "libelle_perimetre", "actif", "cree_le"]
    export_headings = {
        "utilisateur.email": "Adresse électronique",
        "get_role_display": "Rôle",
        "libelle_perimetre": "Périmètre",
    }
    export_filename = "comptes-et-roles"
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("email"), FieldRowPanel([FieldPanel("prenom"), FieldPanel("nom")])],
                heading="Personne",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("role"),
                    FieldPanel("portee"),
                    FieldPanel("region"),
                    FieldPanel("departements"),
                    FieldPanel("siao"),
                    FieldPanel("entite"),
                    FieldPanel("actif"),
                ],
                heading="Rôle et périmètre",
            ),
        ],
        base_form_class=AffectationRoleForm,
    )
