"""Groupes de places and financements of the public request form (formsets)."""

from django import forms
from django.core.exceptions import ValidationError

from backoffice.demandes import regles
from backoffice.demandes.materialisation import affecter_valeurs
from backoffice.offre.models import Financement, GroupeDePlaces

from .dsfr import FormulaireDsfr, avec_champs_du_modele
from .valeurs import donnees_de_l_instance, donnees_du_formulaire, valider_par_le_modele

# --- groupes de places and financements (formsets) --------------------------------------------

CHAMPS_GROUPE = [
    "libelle",
    "places",
    "public",
    "mode_hebergement",
    "commune",
    "code_postal",
    "places_pmr",
    "date_debut",
    "date_fin",
]
CHAMPS_FINANCEMENT = [
    "exercice",
    "programme",
    "action",
    "service_financeur",
    "mode",
    "places_financees",
    "montant_annuel",
    "orientation",
    "date_debut",
    "date_fin",
]


class LigneForm(FormulaireDsfr):
    """One groupe or financement; validated as the model instance validation will build."""

    modele = None
    champs = []
    titre = ""

    @property
    def ancre(self):
        return f"ligne-{self.prefix}"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.donnees = {}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        donnees = donnees_du_formulaire(self, self.modele, self.champs)
        instance = affecter_valeurs(self.modele(), donnees)
        if valider_par_le_modele(self, instance, exclude=["dispositif"]):
            self.donnees = donnees_de_l_instance(instance, donnees.keys())
        return cleaned


@avec_champs_du_modele(
    GroupeDePlaces,
    CHAMPS_GROUPE,
    help_texts={"libelle": "Exemple : Appartements diffus de Saint-Nazaire"},
)
class GroupeForm(LigneForm):
    modele = GroupeDePlaces
    champs = CHAMPS_GROUPE
    titre = "Groupe de places"


@avec_champs_du_modele(
    Financement,
    CHAMPS_FINANCEMENT,
    help_texts={
        "exercice": "Année budgétaire, par exemple 2026.",
        "action": "Exemple : 02 pour l'hébergement des demandeurs d'asile (P303).",
    },
)
class FinancementForm(LigneForm):
    modele = Financement
    champs = CHAMPS_FINANCEMENT
    titre = "Financement"


class LignesFormSet(forms.BaseFormSet):
    sans_places = False
    titre = ""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Retirer cette ligne"

    def lignes(self):
        return [
            f for f in self.forms if f.has_changed() and not (f.cleaned_data or {}).get("DELETE")
        ]

    def clean(self):
        if any(self.errors):
            return
        if self.sans_places and self.lignes():
            raise ValidationError(regles.message_lignes_sans_places(self.titre))

    def donnees(self):
        return [f.donnees for f in self.lignes()]

    def erreurs_resumees(self):
        lignes = [(f"section-{self.prefix}", self.titre, m) for m in self.non_form_errors()]
        for index, form in enumerate(self.forms, start=1):
            lignes.extend(form.erreurs_resumees(f"{self.form.titre} n° {index}"))
        return lignes


class FinancementsFormSet(LignesFormSet):
    titre = "Financements"

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        vues = set()
        for form in self.lignes():
            d = form.cleaned_data
            cle = (d.get("exercice"), d.get("programme"), d.get("action"), d.get("mode"))
            if cle in vues:
                raise ValidationError(
                    "Deux lignes de financement identiques (exercice, programme, action, mode) : "
                    "regroupez-les en une seule."
                )
            vues.add(cle)


class GroupesFormSet(LignesFormSet):
    titre = "Groupes de places"


GroupeFormSet = forms.formset_factory(
    GroupeForm, formset=GroupesFormSet, extra=1, can_delete=True, max_num=50, validate_max=True
)
FinancementFormSet = forms.formset_factory(
    FinancementForm,
    formset=FinancementsFormSet,
    extra=1,
    can_delete=True,
    max_num=20,
    validate_max=True,
)
