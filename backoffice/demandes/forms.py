"""Forms of the request admin: the comment of a transition, the bulk action, and the
modification and closure requests an entité's gestionnaire files from a dispositif page."""

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from wagtail.admin.widgets import AdminDateInput

from backoffice.acces.choix import restreindre_formulaire
from backoffice.offre.models import Dispositif, Financement
from workflows.vues import FormulaireTransition

from .materialisation import CHAMPS_MODIFIABLES
from .models import Demande

# Transitions that need a comment (the model refuses them without one, this says it earlier).
COMMENTAIRE_OBLIGATOIRE = {"refuser", "demander_complements"}

# The transitions offered as bulk actions from the queues (never refusals: each needs its own
# reason).
ACTIONS_GROUPEES = [("pre_valider", "Pré-valider"), ("valider", "Valider")]


class TransitionForm(FormulaireTransition):
    """The comment typed on the request's page with a transition button (workflows/vues.py)."""

    commentaire = forms.CharField(
        label="Commentaire",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Obligatoire pour refuser (motif) ou demander des compléments.",
    )
    interne = forms.BooleanField(
        label="Commentaire interne (visible des seuls administrateurs, jamais du demandeur)",
        required=False,
    )


class ActionsGroupeesForm(forms.Form):
    action = forms.ChoiceField(label="Action", choices=ACTIONS_GROUPEES)
    demandes = forms.TypedMultipleChoiceField(
        coerce=int,
        error_messages={"required": "Cochez au moins une demande."},
    )
    commentaire = forms.CharField(
        label="Commentaire (commun aux demandes cochées)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    interne = forms.BooleanField(label="Commentaire interne", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any number: the transition service decides, per request, what the user may touch.
        valeurs = self.data.getlist("demandes") if hasattr(self.data, "getlist") else []
        self.fields["demandes"].choices = [(v, v) for v in valeurs if str(v).isdigit()]


def valeur_json(valeur):
    """A model value as stored in the request's JSON (read back by affecter_valeurs)."""
    if isinstance(valeur, datetime.date):
        return valeur.isoformat()
    if isinstance(valeur, Decimal):
        return str(valeur)
    if hasattr(valeur, "pk"):
        return valeur.pk
    return valeur


class DemandeModificationForm(forms.ModelForm):
    """The dispositif's structuring fields, pre-filled; only the changed ones are requested.

    Bound to a throwaway copy of the dispositif, so the model validation (places required by the
    type, SIRET, FINESS…) runs on the requested values now, not only at validation time. The copy
    is never saved."""

    motif = forms.CharField(
        label="Motif de la demande",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Expliquez et justifiez les changements demandés.",
    )

    class Meta:
        model = Dispositif
        fields = [champ.removesuffix("_id") for champ in CHAMPS_MODIFIABLES]
        widgets = {"date_ouverture": AdminDateInput}

    def __init__(self, *args, dispositif, demandeur, **kwargs):
        self.dispositif = dispositif
        super().__init__(*args, instance=Dispositif.objects.get(pk=dispositif.pk), **kwargs)
        restreindre_formulaire(self, demandeur, "demandes.demande", ("add",))

    def clean(self):
        cleaned = super().clean()
        if Demande.objects.en_cours(self.dispositif, "modification"):
            raise forms.ValidationError(
                "Une demande de modification de ce dispositif est déjà en cours : attendez "
                "sa décision ou complétez-la."
            )
        return cleaned

    def changements(self):
        """{attname: JSON value} of the changed structuring fields."""
        donnees = {}
        for nom in self.changed_data:
            if nom not in self.Meta.fields:
                continue
            champ = Dispositif._meta.get_field(nom)
            donnees[champ.attname] = valeur_json(getattr(self.instance, champ.attname))
        return donnees


class FinancementDemandeForm(forms.ModelForm):
    """An optional new financing line requested with a modification (left blank: none)."""

    class Meta:
        model = Financement
        fields = [
            "exercice",
            "programme",
            "action",
            "service_financeur",
            "mode",
            "places_financees",
            "montant_annuel",
        ]

    def __init__(self, *args, dispositif, demandeur, **kwargs):
        kwargs.setdefault("prefix", "financement")
        kwargs.setdefault("empty_permitted", True)
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, instance=Financement(dispositif=dispositif), **kwargs)
        restreindre_formulaire(self, demandeur, "demandes.demande", ("add",))

    def ligne(self):
        """The line as stored in Demande.financements, or None when left blank."""
        if not self.has_changed():
            return None
        donnees = {}
        for nom in self.Meta.fields:
            champ = Financement._meta.get_field(nom)
            valeur = getattr(self.instance, champ.attname)
            if valeur in (None, ""):
                continue
            donnees[champ.attname] = valeur_json(valeur)
        return donnees


class DemandeFermetureForm(forms.Form):
    date_fermeture = forms.DateField(label="Date de fermeture", widget=AdminDateInput)
    motif = forms.CharField(
        label="Motif de la fermeture",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, dispositif, **kwargs):
        self.dispositif = dispositif
        super().__init__(*args, **kwargs)

    def clean_date_fermeture(self):
        date = self.cleaned_data["date_fermeture"]
        ouverture = self.dispositif.date_ouverture
        if ouverture and date < ouverture:
            raise forms.ValidationError(
                f"La fermeture ne peut précéder l'ouverture ({ouverture:%d/%m/%Y})."
            )
        return date

    def clean(self):
        cleaned = super().clean()
        fermeture = self.dispositif.date_fermeture
        if fermeture and fermeture <= timezone.localdate():
            raise forms.ValidationError(
                f"Ce dispositif est déjà fermé depuis le {fermeture:%d/%m/%Y}."
            )
        if Demande.objects.en_cours(self.dispositif, "fermeture"):
            raise forms.ValidationError(
                "Une demande de fermeture de ce dispositif est déjà en cours."
            )
        return cleaned
