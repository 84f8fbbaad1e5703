"""Nomenclature screens (editable by national administrators only: roles.py gives others
"view")."""

from backoffice.acces.viewsets import (
    ReferentielViewSet,
)

from ..models import (
    Nature,
    Programme,
    PublicSpecifique,
    TypeDispositif,
)


class NatureViewSet(ReferentielViewSet):
    model = Nature
    icon = "list-ul"
    menu_label = "Natures"
    url_prefix = "referentiels/natures"
    name = "nature"
    list_display = ["code", "libelle", "validation_directe_siao", "sans_places", "ordre"]
    list_export = ["code", "libelle", "validation_directe_siao", "sans_places"]
    form_fields = ["code", "libelle", "validation_directe_siao", "sans_places", "ordre"]
    search_fields = ["recherche"]


class TypeDispositifViewSet(ReferentielViewSet):
    model = TypeDispositif
    icon = "list-ul"
    menu_label = "Types de dispositif"
    url_prefix = "referentiels/types"
    name = "typedispositif"
    list_display = [
        "code",
        "libelle",
        "nature",
        "regime",
        "cout_journalier_reference",
        "validation_directe_siao",
    ]
    list_export = ["code", "libelle", "nature.libelle", "regime", "cout_journalier_reference"]
    list_filter = ["nature", "regime"]
    form_fields = [
        "code",
        "nature",
        "libelle",
        "regime",
        "cout_journalier_reference",
        "validation_directe_siao",
        "ordre",
    ]
    search_fields = ["recherche"]

    def get_index_view_kwargs(self, **kwargs):
        # The « nature » column: read with the rows, not one query per row.
        return super().get_index_view_kwargs(
            queryset=TypeDispositif.objects.select_related("nature"), **kwargs
        )


class ProgrammeViewSet(ReferentielViewSet):
    model = Programme
    icon = "list-ul"
    menu_label = "Programmes budgétaires"
    url_prefix = "referentiels/programmes"
    name = "programme"
    list_display = ["code", "libelle"]
    form_fields = ["code", "libelle"]


class PublicSpecifiqueViewSet(ReferentielViewSet):
    model = PublicSpecifique
    icon = "list-ul"
    menu_label = "Publics spécifiques"
    url_prefix = "referentiels/publics"
    name = "publicspecifique"
    list_display = ["code", "libelle"]
    form_fields = ["code", "libelle"]
