"""The requester, the entité and the dispositif sections of the public request form."""

from django import forms
from django.core.exceptions import ValidationError

from backoffice.demandes import regles
from backoffice.demandes.materialisation import affecter_valeurs
from backoffice.demandes.models import Demande
from backoffice.offre.models import Dispositif, EntiteGestionnaire, Nature, TypeDispositif
from backoffice.offre.validators import normaliser_siren, valider_siren

from .dsfr import FormulaireDsfr, avec_champs_du_modele
from .valeurs import donnees_de_l_instance, donnees_du_formulaire, valider_par_le_modele

# --- the requester -----------------------------------------------------------------------------

CHAMPS_DEMANDEUR = [
    "demandeur_nom",
    "demandeur_courriel",
    "demandeur_telephone",
    "demandeur_organisation",
    "demandeur_fonction",
]


@avec_champs_du_modele(
    Demande,
    CHAMPS_DEMANDEUR,
    labels={"demandeur_organisation": "Organisation"},
    help_texts={
        "demandeur_courriel": "Le lien personnel de suivi de la demande y sera envoyé.",
        "demandeur_organisation": "Association, collectivité, SIAO…",
        "demandeur_telephone": "Facultatif. Exemple : 02 40 00 00 00",
    },
)
class DemandeurForm(FormulaireDsfr):
    ancre = "section-demandeur"

    def clean(self):
        cleaned = super().clean()
        # The request's own rules on the requester (its phone number…): the model says them.
        demande = Demande(**{nom: cleaned.get(nom) or "" for nom in CHAMPS_DEMANDEUR})
        autres = [c.name for c in Demande._meta.concrete_fields if c.name not in CHAMPS_DEMANDEUR]
        valider_par_le_modele(self, demande, exclude=autres)
        return cleaned


# --- the entité --------------------------------------------------------------------------------

CHAMPS_NOUVELLE_ENTITE = [
    "raison_sociale",
    "statut_juridique",
    "adresse",
    "code_postal",
    "commune",
    "departement",
    "telephone",
    "courriel",
]


@avec_champs_du_modele(
    EntiteGestionnaire,
    ["siren", *CHAMPS_NOUVELLE_ENTITE],
    requis={"siren"},
    help_texts={
        "raison_sociale": "Obligatoire pour une entité qui n'est pas encore enregistrée.",
        "code_postal": "5 chiffres",
    },
)
class EntiteForm(FormulaireDsfr):
    ancre = "section-entite"
    siren = forms.CharField(
        label="SIREN de l'entité gestionnaire",
        max_length=20,
        help_text="9 chiffres. Si l'entité gère déjà un dispositif enregistré, elle est reconnue "
        "par son SIREN et les champs de la nouvelle entité sont ignorés.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.entite_existante = None
        self.donnees = {}

    def clean_siren(self):
        siren = normaliser_siren(self.cleaned_data["siren"])
        valider_siren(siren)
        return siren

    def clean(self):
        cleaned = super().clean()
        siren = cleaned.get("siren")
        if not siren:
            return cleaned
        self.entite_existante = EntiteGestionnaire.objects.filter(siren=siren).first()
        if self.entite_existante:
            # The new-entité fields are ignored: their errors must not block the request.
            for nom in CHAMPS_NOUVELLE_ENTITE:
                self._errors.pop(nom, None)
            return cleaned
        if not cleaned.get("raison_sociale") and "raison_sociale" not in self.errors:
            self.add_error(
                "raison_sociale",
                "Ce SIREN ne correspond à aucune entité enregistrée : indiquez la raison sociale "
                "de la nouvelle entité.",
            )
        donnees = donnees_du_formulaire(
            self, EntiteGestionnaire, ["siren", *CHAMPS_NOUVELLE_ENTITE]
        )
        entite = affecter_valeurs(EntiteGestionnaire(), donnees)
        if valider_par_le_modele(self, entite):
            self.donnees = donnees_de_l_instance(entite, donnees.keys())
        return cleaned


# --- the dispositif ----------------------------------------------------------------------------

# The public request sets every descriptive field of the dispositif, nothing more (nature, type
# and département are fields of their own below).
CHAMPS_DISPOSITIF = Dispositif.CHAMPS_DESCRIPTIFS


class SelectTypeDispositif(forms.Select):
    """Types grouped by nature (optgroups); each option names its nature and the place fields
    its type never carries (demandes/regles.py), for the page script that hides them."""

    def __init__(self, *args, types=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.types = types or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        type_ = self.types.get(str(value)) if value else None
        if type_ is not None:
            option["attrs"]["data-nature"] = type_.nature_id
            exclus = regles.champs_places_exclus(type_)
            if exclus:
                option["attrs"]["data-champs-exclus"] = " ".join(exclus)
        return option


class SelectNature(forms.Select):
    def __init__(self, *args, sans_places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sans_places = set(sans_places)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if str(value) in self.sans_places:
            option["attrs"]["data-sans-places"] = "oui"
        return option


@avec_champs_du_modele(
    Dispositif,
    ["nom", "nature", "type", "departement", *(c for c in CHAMPS_DISPOSITIF if c != "nom")],
    help_texts={
        "nom": "Exemple : CADA Les Tilleuls",
        "code_postal": "5 chiffres",
        "siret": "Facultatif. 14 chiffres ; les 9 premiers sont normalement le SIREN de l'entité.",
        "finess": "Facultatif : seulement pour un établissement social ou médico-social (ESSMS).",
        "code_dna": "Facultatif : code OFII des dispositifs d'asile.",
        "places_autorisees": "Seulement pour un établissement autorisé (CADA, CPH, CHRS, "
        "médico-social), et alors obligatoire ; laissez vide pour les autres types.",
        "date_ouverture": "Date d'ouverture prévue.",
    },
)
class DispositifForm(FormulaireDsfr):
    ancre = "section-dispositif"
    nature = forms.ModelChoiceField(
        label="Nature",
        queryset=Nature.objects.all(),
        empty_label="Choisir une nature",
        help_text="La famille de la nomenclature : hébergement, logement, veille sociale…",
    )
    type = forms.ChoiceField(label="Type de dispositif")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        types = list(TypeDispositif.objects.select_related("nature"))
        self.types = {t.code: t for t in types}
        groupes = {}
        for type_ in types:
            groupes.setdefault(type_.nature.libelle, []).append((type_.code, type_.libelle))
        self.fields["type"].choices = [("", "Choisir un type"), *groupes.items()]
        self.fields["type"].widget = SelectTypeDispositif(
            choices=self.fields["type"].choices,
            types=self.types,
            attrs={"class": "fr-select"},
        )
        self.fields["type"].widget.group_class = "fr-select-group"
        natures = self.fields["nature"].queryset
        self.fields["nature"].widget = SelectNature(
            choices=self.fields["nature"].choices,
            sans_places=[n.code for n in natures if n.sans_places],
            attrs={"class": "fr-select"},
        )
        self.fields["nature"].widget.group_class = "fr-select-group"
        self.fields["departement"].empty_label = "Choisir un département"
        self.donnees = {}

    def clean_type(self):
        code = self.cleaned_data["type"]
        type_ = self.types.get(code)
        if type_ is None:
            raise ValidationError("Choisissez un type de la liste.")
        return type_

    @property
    def sans_places(self):
        type_ = getattr(self, "cleaned_data", {}).get("type")
        return regles.sans_places(type_)

    def clean(self):
        cleaned = super().clean()
        nature, type_ = cleaned.get("nature"), cleaned.get("type")
        if nature and type_ and type_.nature_id != nature.pk:
            self.add_error(
                "type",
                f"Le type « {type_.libelle} » n'appartient pas à la nature « {nature.libelle} » "
                f"(il relève de « {type_.nature.libelle} »).",
            )
            return cleaned
        if not type_:
            return cleaned
        for nom in regles.places_interdites(type_, cleaned):
            self.add_error(nom, regles.MESSAGE_CHAMP_SANS_PLACES)
        donnees = donnees_du_formulaire(self, Dispositif, CHAMPS_DISPOSITIF)
        dispositif = affecter_valeurs(Dispositif(), donnees)
        dispositif.type = type_
        if cleaned.get("departement"):
            dispositif.departement = cleaned["departement"]
        if valider_par_le_modele(self, dispositif, exclude=["entite", "code"]):
            self.donnees = donnees_de_l_instance(dispositif, donnees.keys())
        return cleaned
