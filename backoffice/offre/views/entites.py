"""Admin screens of the entités gestionnaires."""

from django import forms
from django.db.models import Count, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn

from backoffice.acces import perimetres
from backoffice.acces.policies import policy_for
from backoffice.acces.viewsets import (
    PerimetreForm,
    PerimetreIndexView,
    PerimetreModelViewSet,
)

from ..filters import EntiteFilterSet
from ..models import (
    Dispositif,
    EntiteGestionnaire,
    TypeDispositif,
    exercice_courant,
)
from ..validators import normaliser_siren
from .communs import HistoriqueInspectView


class EntiteIndexView(PerimetreIndexView):
    def get_liste_queryset(self):
        # The count is a figure: only the dispositifs of the user's perimeter (an entité seen
        # from the 75 must not reveal how many dispositifs it runs in the 44).
        visibles = (
            perimetres.filtrer(
                Dispositif.objects.filter(entite=OuterRef("pk")),
                perimetres.perimetre_pour(self.request.user, "offre.dispositif", "view"),
            )
            .order_by()
            .values("entite")
            .annotate(nombre=Count("pk"))
            .values("nombre")
        )
        return EntiteGestionnaire.objects.select_related("departement").annotate(
            nb_dispositifs=Coalesce(Subquery(visibles), Value(0))
        )


class EntiteInspectView(HistoriqueInspectView):
    """An entité's page summarises its dispositifs per type (count and capacities, the whole
    perimeter) and lists the first ones only: the list page (filtered on the entité) pages,
    sorts and exports them all. An association may run hundreds of dispositifs."""

    template_name = "offre/entite_inspect.html"
    dispositifs_affiches = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visibles = perimetres.filtrer(
            self.object.dispositifs.all(),
            perimetres.perimetre_pour(self.request.user, "offre.dispositif", "view"),
        )
        par_type = resume_par_type(visibles)
        nombre = sum(ligne["nombre"] for ligne in par_type)
        context["par_type"] = par_type
        context["nombre_dispositifs"] = nombre
        context["dispositifs"] = list(
            visibles.select_related("type")
            .avec_capacites()
            .order_by("code")[: self.dispositifs_affiches]
        )
        context["totaux"] = {
            capacite: sum(ligne[capacite] or 0 for ligne in par_type)
            for capacite in ("autorisees", "financees", "ouvertes")
        }
        context["url_tous_les_dispositifs"] = (
            f"{reverse('dispositif:index')}?entite={self.object.pk}"
        )
        context["contacts"] = self.object.contacts.all()
        context["exercice"] = exercice_courant()
        context.update(liens_ajout(self.request.user, self.object))
        return context


def resume_par_type(dispositifs):
    """[{type, nombre, autorisees, financees, ouvertes}] per type, in nomenclature order, summed
    in one query by the offer's definitions (avec_capacites; places autorisées only for a type
    under the authorisation regime: Dispositif.capacite_autorisee, applied per type)."""
    sommes = (
        dispositifs.avec_capacites()
        .order_by()
        .values("type")
        .annotate(
            nombre=Count("pk"),
            places_autorisees=Sum("places_autorisees"),
            places_financees=Sum("nb_places_financees"),
            places_ouvertes=Sum("nb_places_ouvertes"),
        )
    )
    sommes = {ligne["type"]: ligne for ligne in sommes}
    types = TypeDispositif.objects.filter(pk__in=sommes).order_by("nature__ordre", "ordre")
    return [
        {
            "type": type_,
            "nombre": sommes[type_.pk]["nombre"],
            "autorisees": (sommes[type_.pk]["places_autorisees"] or 0)
            if type_.sous_autorisation
            else None,
            "financees": sommes[type_.pk]["places_financees"] or 0,
            "ouvertes": sommes[type_.pk]["places_ouvertes"] or 0,
        }
        for type_ in types
    ]


def liens_ajout(user, entite):
    """« Ajouter » links of an entité's page, the entité already chosen in the form."""
    if not policy_for(Dispositif).user_has_permission(user, "add"):
        return {}
    return {"url_ajout_dispositif": f"{reverse('dispositif:add')}?entite={entite.pk}"}


class EntiteForm(PerimetreForm):
    """A SIREN is often pasted as printed ("552 100 554"): accept it, keep its 9 digits (the
    model field's 9-character limit would refuse it before the model could normalise it)."""

    siren = forms.CharField(label="SIREN", max_length=20, help_text="9 chiffres.")

    def clean_siren(self):
        return normaliser_siren(self.cleaned_data["siren"])


class EntiteViewSet(PerimetreModelViewSet):
    model = EntiteGestionnaire
    icon = "group"
    menu_label = "Entités gestionnaires"
    url_prefix = "offre/entites"
    name = "entite"
    index_view_class = EntiteIndexView
    inspect_view_class = EntiteInspectView
    list_display = [
        TitleColumn(
            "raison_sociale",
            label="Raison sociale",
            sort_key="raison_sociale",
            url_name="entite:inspect",
        ),
        Column("siren", label="SIREN", sort_key="siren", classname="code"),
        Column("get_statut_juridique_display", label="Statut"),
        Column("commune", label="Commune", sort_key="commune"),
        Column("departement", label="Département", sort_key="departement"),
        Column(
            "nb_dispositifs", label="Dispositifs", sort_key="nb_dispositifs", classname="nombre"
        ),
    ]
    list_export = [
        "siren",
        "raison_sociale",
        "get_statut_juridique_display",
        "adresse",
        "code_postal",
        "commune",
        "departement.code",
        "telephone",
        "courriel",
        "nb_dispositifs",
    ]
    export_headings = {
        "siren": "SIREN",
        "get_statut_juridique_display": "Statut juridique",
        "departement.code": "Département du siège",
        "nb_dispositifs": "Nombre de dispositifs",
    }
    export_filename = "entites-gestionnaires"
    filterset_class = EntiteFilterSet
    search_fields = ["recherche"]
    ordering = ["raison_sociale"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("raison_sociale"),
                FieldPanel("siren"),
                FieldPanel("statut_juridique"),
                FieldPanel("parent"),
            ],
            heading="Identité",
        ),
        MultiFieldPanel(
            [
                FieldPanel("adresse"),
                FieldRowPanel([FieldPanel("code_postal"), FieldPanel("commune")]),
                FieldPanel("departement"),
                FieldRowPanel([FieldPanel("telephone"), FieldPanel("courriel")]),
            ],
            heading="Siège et coordonnées",
        ),
        MultiFieldPanel(
            [FieldPanel("agrements"), FieldPanel("convention_collective")], heading="Agréments"
        ),
        InlinePanel("contacts", heading="Contacts référents", label="Contact"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=EntiteForm).bind_to_model(self.model)


# ---------------------------------------------------------------------------------------------
