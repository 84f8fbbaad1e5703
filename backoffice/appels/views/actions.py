"""The transitions' buttons and input forms of calls and candidatures (the transition views
themselves are workflows.vues'): scores per criterion, places retained, start of the convention."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from workflows import vues


class FormulaireNotes(vues.FormulaireTransition):
    libelle_commentaire = "Avis de l'instructeur"

    def __init__(self, *args, objet=None, **kwargs):
        super().__init__(*args, objet=objet, **kwargs)
        self.criteres = list(objet.appel.criteres.all()) if objet is not None else []
        existantes = {n.critere_id: n.note for n in objet.notes.all()} if objet is not None else {}
        for critere in self.criteres:
            self.fields[f"note_{critere.pk}"] = forms.DecimalField(
                label=f"{critere.libelle} (poids {critere.poids}) — note sur 20",
                min_value=Decimal("0"),
                max_value=Decimal("20"),
                decimal_places=2,
                initial=existantes.get(critere.pk),
                error_messages={
                    "required": "Notez ce critère.",
                    "invalid": "Saisissez un nombre (ex. 14,5).",
                    "min_value": "La note est au moins 0.",
                    "max_value": "La note est au plus 20.",
                },
            )
        if objet is not None and objet.commentaire_instruction:
            self.fields["commentaire"].initial = objet.commentaire_instruction
        # The comment comes last, after the scores.
        self.order_fields([*[f"note_{c.pk}" for c in self.criteres], "commentaire"])

    def parametres(self):
        return {"notes": {c.pk: self.cleaned_data[f"note_{c.pk}"] for c in self.criteres}}


class FormulaireRetenue(vues.FormulaireTransition):
    libelle_commentaire = "Motif de la décision"
    places_retenues = forms.IntegerField(
        label="Places retenues",
        min_value=1,
        error_messages={
            "invalid": "Saisissez un nombre entier de places.",
            "min_value": "Retenez au moins une place.",
        },
    )

    def __init__(self, *args, objet=None, **kwargs):
        super().__init__(*args, objet=objet, **kwargs)
        if objet is not None:
            self.fields["places_retenues"].initial = objet.places_proposees
            self.fields["places_retenues"].max_value = objet.places_proposees


class FormulaireConventionnement(vues.FormulaireTransition):
    date_debut = vues.ChampDate(
        label="Début de la convention (ouverture prévue des places)",
        error_messages={"required": "Indiquez la date de début."},
    )

    def __init__(self, *args, objet=None, **kwargs):
        super().__init__(*args, objet=objet, **kwargs)
        self.fields["date_debut"].initial = timezone.localdate()


ACTIONS_APPEL = {
    "soumettre": vues.Action("Soumettre", style="button-primary"),
    "pre_valider": vues.Action("Pré-valider", style="button-primary"),
    "valider": vues.Action("Valider", style="button-primary"),
    "publier": vues.Action("Publier", style="button-primary"),
    "renvoyer": vues.Action("Renvoyer au brouillon", formulaire=vues.FormulaireRenvoi),
    "ouvrir_instruction": vues.Action("Ouvrir l'instruction", style="button-primary"),
    "arreter_selection": vues.Action("Arrêter la sélection", style="button-primary"),
    "terminer": vues.Action("Terminer", style="button-primary"),
    "declarer_infructueux": vues.Action(
        "Déclarer infructueux", formulaire=vues.FormulaireMotif, style="button-secondary no"
    ),
    "annuler": vues.Action(
        "Annuler l'appel", formulaire=vues.FormulaireMotif, style="button-secondary no"
    ),
}

ACTIONS_CANDIDATURE = {
    "declarer_recevable": vues.Action("Déclarer recevable", style="button-primary", groupable=True),
    "declarer_irrecevable": vues.Action(
        "Déclarer irrecevable", formulaire=vues.FormulaireMotif, style="button-secondary no"
    ),
    "instruire": vues.Action("Noter", formulaire=FormulaireNotes, style="button-primary"),
    "retenir": vues.Action("Retenir", formulaire=FormulaireRetenue, style="button-primary"),
    "ne_pas_retenir": vues.Action(
        "Ne pas retenir", formulaire=vues.FormulaireMotif, style="button-secondary no"
    ),
    "conventionner": vues.Action(
        "Créer le dispositif et la convention",
        formulaire=FormulaireConventionnement,
        style="button-primary",
    ),
    "desister": vues.Action("Se désister", formulaire=vues.FormulaireTransition),
    "classer_sans_suite": vues.Action(
        "Classer sans suite", formulaire=vues.FormulaireMotif, style="button-secondary no"
    ),
}
