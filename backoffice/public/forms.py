"""Forms of the public request page (DSFR rendering, French messages).

One request is several forms: the requester, the entité (an existing one found by SIREN, or a new
one), the dispositif, formsets of groupes de places and financements, and the attachments.

**One way to check.** Each section's values are turned into the JSON stored on the request, then
back into an unsaved model instance with ``materialisation.affecter_valeurs`` — exactly what
validation will do — and ``full_clean()`` runs on it, excluding only what validation supplies later
(the entité and the code of the dispositif, the dispositif of a groupe or a financement). Model
errors are put back on the matching form fields. A request that passes this form therefore cannot
fail at validation for the same reasons.
"""

import datetime
import os
import secrets
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files import File
from django.db import models, transaction
from django.forms import fields_for_model
from dsfr.forms import DsfrBaseForm, DsfrBoundField, DsfrDjangoTemplates

from backoffice.demandes.materialisation import affecter_valeurs
from backoffice.demandes.models import Demande, PieceJointe, TypeDemande
from backoffice.demandes.notifications import notifier_nouvelle_demande
from backoffice.offre.models import (
    Dispositif,
    EntiteGestionnaire,
    Financement,
    GroupeDePlaces,
    Nature,
    TypeDispositif,
)
from backoffice.offre.validators import normaliser_siren, valider_siren, valider_telephone

from .uploads import (
    LotPieces,
    erreurs_fichiers_trop_gros,
    extensions_acceptees,
    formats_acceptes,
    taille_max_lisible,
    verifier_fichier,
)

# --- DSFR base ---------------------------------------------------------------------------------


class ChampDsfr(DsfrBoundField):
    """A DSFR field whose input is described by its hint *and* its error message.

    django-dsfr points ``aria-describedby`` at the error only; a screen reader then loses the hint
    (formats, examples) exactly when the person needs it.
    """

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        ids = []
        if self.help_text and self.auto_id:
            ids.append(f"{self.auto_id}_helptext")
        if self.form._errors and self.name in self.form._errors and self.auto_id:
            ids.append(f"{self.auto_id}-desc-error")
            attrs["aria-invalid"] = "true"
        if ids:
            attrs["aria-describedby"] = " ".join(ids)
        return attrs


# django-dsfr hands each form the renderer *class*: every form then builds its own template
# engine (template-tag libraries scanned, templates read from disk again), ~100 ms per page view
# of the request form. One renderer, built once, keeps its engine's template cache.
RENDU_DSFR = DsfrDjangoTemplates()


class FormulaireDsfr(DsfrBaseForm):
    bound_field_class = ChampDsfr
    default_renderer = RENDU_DSFR
    LIBELLE_CHOIX_VIDE = "Sélectionner une option"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for champ in self.fields.values():
            if isinstance(champ, forms.ModelChoiceField):
                if champ.empty_label is not None:
                    champ.empty_label = self.LIBELLE_CHOIX_VIDE
            elif isinstance(champ, forms.ChoiceField) and not isinstance(
                champ.widget, forms.CheckboxSelectMultiple
            ):
                choix = list(champ.choices)
                if choix and choix[0][0] == "" and str(choix[0][1]).startswith("---"):
                    champ.choices = [("", self.LIBELLE_CHOIX_VIDE), *choix[1:]]

    def get_context(self):
        # django-dsfr warns about a transitional setting whenever a whole form is rendered; we
        # keep its default (required fields marked with an asterisk) without the warning.
        context = forms.Form.get_context(self)
        context.setdefault("DSFR_MARK_OPTIONAL_FIELDS", False)
        return context

    @property
    def ancre(self):
        return f"section-{self.prefix}" if self.prefix else ""

    def erreurs_resumees(self, titre=""):
        """[(anchor id, label, message)] for the error summary at the top of the page."""
        lignes = []
        for nom, erreurs in self.errors.items():
            if nom == NON_FIELD_ERRORS:
                for message in erreurs:
                    lignes.append((self.ancre, titre or "Formulaire", message))
                continue
            champ = self[nom]
            libelle = f"{titre} – {champ.label}" if titre else str(champ.label)
            for message in erreurs:
                lignes.append((champ.auto_id, libelle, message))
        return lignes


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _avec_champs_du_modele(modele, noms, *, requis=None, labels=None, help_texts=None):
    """Class decorator: add the model's form fields `noms` (declared fields win), in that order."""

    def decorer(cls):
        generes = fields_for_model(
            modele,
            fields=[n for n in noms if n not in cls.declared_fields],
            labels=labels,
            help_texts=help_texts,
            widgets={
                f.name: _date_widget()
                for f in modele._meta.fields
                if isinstance(f, models.DateField) and f.name in noms
            },
        )
        champs = {}
        for nom in noms:
            champ = cls.declared_fields.get(nom) or generes[nom]
            if requis is not None:
                champ.required = nom in requis
            champs[nom] = champ
        for nom, champ in cls.declared_fields.items():
            champs.setdefault(nom, champ)
        cls.base_fields = champs
        return cls

    return decorer


# --- values <-> JSON <-> model instances --------------------------------------------------------


def en_json(valeur):
    if isinstance(valeur, models.Model):
        return valeur.pk
    if isinstance(valeur, datetime.date):
        return valeur.isoformat()
    if isinstance(valeur, Decimal):
        return str(valeur)
    return valeur


def donnees_du_formulaire(form, modele, noms):
    """{attname: JSON value} of the non-empty cleaned values (what the request will store)."""
    donnees = {}
    for nom in noms:
        if nom not in form.cleaned_data:
            continue
        valeur = form.cleaned_data[nom]
        if valeur in ("", None):
            continue
        donnees[modele._meta.get_field(nom).attname] = en_json(valeur)
    return donnees


def donnees_de_l_instance(instance, cles):
    """The same keys read back from the validated instance (normalised SIREN, SIRET, FINESS…)."""
    donnees = {}
    for cle in cles:
        valeur = getattr(instance, cle)
        if valeur not in ("", None):
            donnees[cle] = en_json(valeur)
    return donnees


def valider_par_le_modele(form, instance, exclude=()):
    """full_clean() the instance built from the form; put its errors back on the form's fields.

    Fields that already failed form validation are excluded (one message per problem). Returns
    True when the model accepted the values.
    """
    exclude = {*exclude, *(nom for nom in form.errors if nom in form.fields)}
    try:
        instance.full_clean(exclude=sorted(exclude))
    except ValidationError as exc:
        for nom, erreurs in exc.error_dict.items():
            if nom in form.fields and nom not in form.errors:
                form.add_error(nom, erreurs)
            elif nom == NON_FIELD_ERRORS or nom not in form.fields:
                prefixe = ""
                if nom != NON_FIELD_ERRORS:
                    prefixe = f"{instance._meta.get_field(nom).verbose_name.capitalize()} : "
                for erreur in erreurs:
                    for message in erreur.messages:
                        form.add_error(None, f"{prefixe}{message}")
        return False
    return True


# --- the requester -----------------------------------------------------------------------------

CHAMPS_DEMANDEUR = [
    "demandeur_nom",
    "demandeur_courriel",
    "demandeur_telephone",
    "demandeur_organisation",
    "demandeur_fonction",
]


@_avec_champs_du_modele(
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

    def clean_demandeur_telephone(self):
        valeur = self.cleaned_data["demandeur_telephone"].strip()
        if valeur:
            valider_telephone(valeur)
        return valeur


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


@_avec_champs_du_modele(
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

CHAMPS_DISPOSITIF = [
    "nom",
    "adresse",
    "code_postal",
    "commune",
    "siret",
    "finess",
    "code_dna",
    "public",
    "mode_hebergement",
    "places_autorisees",
    "places_pmr",
    "date_ouverture",
    "telephone",
    "courriel",
]
CHAMPS_PLACES = ["places_autorisees", "places_pmr"]


class SelectTypeDispositif(forms.Select):
    """Types grouped by nature (optgroups); each option names its nature for the page script."""

    def __init__(self, *args, nature_par_type=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.nature_par_type = nature_par_type or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            option["attrs"]["data-nature"] = self.nature_par_type.get(str(value), "")
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


@_avec_champs_du_modele(
    Dispositif,
    ["nom", "nature", "type", "departement", *CHAMPS_DISPOSITIF[1:]],
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
            nature_par_type={t.code: t.nature_id for t in types},
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
        return bool(type_ and type_.nature.sans_places)

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
        if type_.nature.sans_places:
            for nom in CHAMPS_PLACES:
                if cleaned.get(nom) is not None:
                    self.add_error(
                        nom,
                        "Un dispositif de premier accueil n'a pas de places : laissez ce champ "
                        "vide.",
                    )
        donnees = donnees_du_formulaire(self, Dispositif, CHAMPS_DISPOSITIF)
        dispositif = affecter_valeurs(Dispositif(), donnees)
        dispositif.type = type_
        if cleaned.get("departement"):
            dispositif.departement = cleaned["departement"]
        if valider_par_le_modele(self, dispositif, exclude=["entite", "code"]):
            self.donnees = donnees_de_l_instance(dispositif, donnees.keys())
        return cleaned


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


@_avec_champs_du_modele(
    GroupeDePlaces,
    CHAMPS_GROUPE,
    help_texts={"libelle": "Exemple : Appartements diffus de Saint-Nazaire"},
)
class GroupeForm(LigneForm):
    modele = GroupeDePlaces
    champs = CHAMPS_GROUPE
    titre = "Groupe de places"


@_avec_champs_du_modele(
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
            raise ValidationError(
                f"Un dispositif de premier accueil n'a ni places, ni groupes de places, ni "
                f"financements : retirez les lignes « {self.titre} »."
            )

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


# --- attachments -------------------------------------------------------------------------------


class FichiersMultiples(forms.FileInput):
    allow_multiple_selected = True


class ChampFichiers(forms.FileField):
    """Several files in one input; each one is checked by the form, by content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", FichiersMultiples(attrs={"class": "fr-upload"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        if not isinstance(data, list | tuple):
            data = [data]
        return [d for d in data if d]


class PiecesForm(FormulaireDsfr):
    """New files (checked, then kept in the batch even if the rest of the form is invalid), the
    files already kept (« déjà joints »), and the ones to take out of the batch."""

    ancre = "section-pieces"
    lot = forms.CharField(widget=forms.HiddenInput, required=False)
    fichiers = ChampFichiers(label="Ajouter des documents")
    retirer = forms.MultipleChoiceField(
        label="Retirer", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, data=None, files=None, *, request=None, maximum=None, **kwargs):
        super().__init__(data, files, **kwargs)
        self.request = request
        self.maximum = maximum if maximum is not None else settings.DEMANDE_NOMBRE_MAX_FICHIERS
        self.lot = LotPieces.depuis((data or {}).get("lot") if data is not None else None)
        self.initial["lot"] = self.lot.id
        self.fields["lot"].initial = self.lot.id
        self.fields["retirer"].choices = [(p.id, p.nom) for p in self.lot.pieces()]
        self.fields["fichiers"].help_text = (
            f"Formats acceptés : {formats_acceptes()}. {taille_max_lisible()} au maximum par "
            f"fichier, {self.maximum} fichiers au maximum. Vous pouvez en sélectionner plusieurs."
        )
        self.fields["fichiers"].widget.attrs["accept"] = extensions_acceptees()
        # Bound fields cache their help text when first built (django-dsfr builds them early).
        self._bound_fields_cache.pop("fichiers", None)
        self.traite = False

    def clean_lot(self):
        return self.lot.id

    def clean(self):
        cleaned = super().clean()
        self.traiter()
        return cleaned

    def traiter(self):
        """Apply removals, check and keep the new files (once); errors go on `fichiers`."""
        if self.traite:
            return
        self.traite = True
        for piece_id in self.cleaned_data.get("retirer") or []:
            self.lot.retirer(piece_id)
        erreurs = list(erreurs_fichiers_trop_gros(self.request)) if self.request else []
        nombre = len(self.lot.pieces())
        for fichier in self.cleaned_data.get("fichiers") or []:
            try:
                type_fichier = verifier_fichier(fichier)
            except ValidationError as exc:
                erreurs.append(exc)
                continue
            if nombre >= self.maximum:
                erreurs.append(
                    ValidationError(
                        f"« {fichier.name} » n'a pas été ajouté : {self.maximum} fichiers au "
                        "maximum."
                    )
                )
                continue
            self.lot.ajouter(fichier, type_fichier)
            nombre += 1
        if erreurs:
            self.add_error("fichiers", erreurs)
        # The form is re-displayed with a fresh file input: nothing to re-select but what failed.
        self.fields["retirer"].choices = [(p.id, p.nom) for p in self.lot.pieces()]

    @property
    def pieces(self):
        return self.lot.pieces()

    @property
    def lot_id(self):
        return self.lot.id


def enregistrer_pieces(demande, lot, *, par_demandeur=True, pieces=None):
    """Create the PieceJointe rows of the batch (inside the caller's transaction).

    Files are written under a random name (the display name stays in `nom`); if the transaction
    fails, the caller deletes what was written with `supprimer_fichiers`.
    """
    pieces = [] if pieces is None else pieces
    for temporaire in lot.pieces():
        piece = PieceJointe(
            demande=demande,
            nom=temporaire.nom,
            type_mime=temporaire.type_mime,
            taille=temporaire.taille,
            deposee_par_demandeur=par_demandeur,
        )
        extension = os.path.splitext(temporaire.nom)[1]
        with lot.ouvrir(temporaire) as contenu:
            piece.fichier.save(f"{secrets.token_hex(16)}{extension}", File(contenu), save=False)
        pieces.append(piece)
        piece.save()
    return pieces


def supprimer_fichiers(pieces):
    for piece in pieces:
        if piece.fichier:
            piece.fichier.storage.delete(piece.fichier.name)


class PresentationForm(FormulaireDsfr):
    ancre = "section-presentation"
    description = forms.CharField(
        label="Présentation de la demande",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Facultatif : contexte, calendrier, public accueilli, éléments utiles à "
        "l'instruction.",
    )


# --- the whole request -------------------------------------------------------------------------


class FormulaireDemande:
    """The sections of the public request form, validated together."""

    def __init__(self, data=None, files=None, *, request=None, initial_demandeur=None):
        self.est_lie = data is not None
        self.demandeur = DemandeurForm(data, initial=initial_demandeur)
        self.entite = EntiteForm(data, prefix="entite")
        self.dispositif = DispositifForm(data, prefix="dispositif")
        self.groupes = GroupeFormSet(data, prefix="groupes")
        self.financements = FinancementFormSet(data, prefix="financements")
        self.presentation = PresentationForm(data)
        self.pieces = PiecesForm(data, files, request=request)
        self._valide = None

    def is_valid(self):
        if self._valide is None:
            resultats = [
                self.demandeur.is_valid(),
                self.entite.is_valid(),
                self.dispositif.is_valid(),
            ]
            sans_places = self.dispositif.sans_places
            self.groupes.sans_places = self.financements.sans_places = sans_places
            resultats += [
                self.groupes.is_valid(),
                self.financements.is_valid(),
                self.presentation.is_valid(),
                self.pieces.is_valid(),
            ]
            self._valide = all(resultats)
        return self._valide

    def erreurs_resumees(self):
        if not self.est_lie:
            return []
        return [
            *self.demandeur.erreurs_resumees("Vous"),
            *self.entite.erreurs_resumees("Entité gestionnaire"),
            *self.dispositif.erreurs_resumees("Dispositif"),
            *self.groupes.erreurs_resumees(),
            *self.financements.erreurs_resumees(),
            *self.presentation.erreurs_resumees("Présentation"),
            *self.pieces.erreurs_resumees("Pièces jointes"),
        ]

    def enregistrer(self, compte=None):
        """Create the request and its attachments in one transaction; notify after commit."""
        assert self.is_valid()
        dispositif = self.dispositif.cleaned_data
        demande = Demande(
            type_demande=TypeDemande.CREATION,
            departement=dispositif["departement"],
            type_dispositif=dispositif["type"],
            donnees_dispositif=self.dispositif.donnees,
            groupes=self.groupes.donnees(),
            financements=self.financements.donnees(),
            description=self.presentation.cleaned_data["description"],
            compte_demandeur=compte if compte is not None and compte.is_authenticated else None,
            **{nom: self.demandeur.cleaned_data[nom] for nom in CHAMPS_DEMANDEUR},
        )
        if self.entite.entite_existante:
            demande.entite = self.entite.entite_existante
        else:
            demande.nouvelle_entite = self.entite.donnees
        demande.full_clean()
        pieces = []
        try:
            with transaction.atomic():
                demande.save()
                enregistrer_pieces(demande, self.pieces.lot, pieces=pieces)
                notifier_nouvelle_demande(demande)
                lot = self.pieces.lot
                transaction.on_commit(lot.supprimer)
        except Exception:
            supprimer_fichiers(pieces)
            raise
        return demande


# --- follow-up page ----------------------------------------------------------------------------


class ReponseForm(FormulaireDsfr):
    """The requester's answer to a request for completion."""

    ancre = "reponse"
    message = forms.CharField(
        label="Votre réponse",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Répondez à la demande de l'administration ; joignez les documents demandés "
        "ci-dessous.",
    )


class AnnulationForm(FormulaireDsfr):
    motif = forms.CharField(
        label="Motif de l'annulation",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Facultatif.",
    )
