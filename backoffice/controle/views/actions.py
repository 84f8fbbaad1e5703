"""The transition buttons of controls and measures, and the forms of those that need input (the
transition views themselves are workflows.vues')."""

import datetime

from django import forms
from django.utils import timezone

from backoffice.documents.depot import ChampDocument
from workflows import vues

from ..choix import DELAI_REPONSE_JOURS


class FormulaireRealisation(vues.FormulaireTransition):
    date_realisation = vues.ChampDate(
        label="Date du contrôle",
        error_messages={"required": "Indiquez la date à laquelle le contrôle a eu lieu."},
    )

    def __init__(self, *args, objet=None, **kwargs):
        super().__init__(*args, objet=objet, **kwargs)
        self.fields["date_realisation"].initial = timezone.localdate()


class FormulaireRapportProvisoire(vues.FormulaireTransition):
    fichier = ChampDocument(label="Rapport provisoire")


class FormulaireRapportDefinitif(vues.FormulaireTransition):
    fichier = ChampDocument(label="Rapport définitif")


class FormulaireContradictoire(vues.FormulaireTransition):
    libelle_commentaire = "Message à l'entité"
    date_limite_reponse = vues.ChampDate(
        label="Date limite de réponse de l'entité",
        required=False,
        help_text=f"Laissée vide : dans {DELAI_REPONSE_JOURS} jours.",
    )

    def __init__(self, *args, objet=None, **kwargs):
        super().__init__(*args, objet=objet, **kwargs)
        self.fields["date_limite_reponse"].initial = timezone.localdate() + datetime.timedelta(
            days=DELAI_REPONSE_JOURS
        )


class FormulaireProlongation(vues.FormulaireTransition):
    libelle_commentaire = "Motif de la prolongation"
    date_limite_reponse = vues.ChampDate(
        label="Nouvelle date limite de réponse",
        error_messages={"required": "Indiquez la nouvelle date limite de réponse."},
    )


class FormulaireReponse(vues.FormulaireTransition):
    commentaire_requis = True
    libelle_commentaire = "Réponse de l'entité"
    fichier = ChampDocument(label="Document joint à la réponse", required=False)


class FormulaireSuivi(vues.FormulaireTransition):
    date_suivi = vues.ChampDate(
        label="Date du constat", required=False, help_text="Laissée vide : aujourd'hui."
    )


class FormulaireNonLevee(FormulaireSuivi):
    commentaire_requis = True
    libelle_commentaire = "Ce qui n'a pas été fait"


ACTIONS_CONTROLE = {
    "preparer": vues.Action("Préparer le contrôle", style="button-primary"),
    "realiser": vues.Action(
        "Enregistrer la réalisation", formulaire=FormulaireRealisation, style="button-primary"
    ),
    "joindre_rapport_provisoire": vues.Action(
        "Joindre le rapport provisoire",
        formulaire=FormulaireRapportProvisoire,
        style="button-primary",
    ),
    "ouvrir_contradictoire": vues.Action(
        "Ouvrir la procédure contradictoire",
        formulaire=FormulaireContradictoire,
        style="button-primary",
    ),
    "repondre": vues.Action(
        "Répondre au rapport provisoire", formulaire=FormulaireReponse, style="button-primary"
    ),
    "prolonger_delai": vues.Action(
        "Prolonger le délai de réponse", formulaire=FormulaireProlongation
    ),
    "arreter_rapport_definitif": vues.Action(
        "Arrêter le rapport définitif",
        formulaire=FormulaireRapportDefinitif,
        style="button-primary",
    ),
    "engager_suites": vues.Action("Engager les suites", style="button-primary"),
    "clore": vues.Action("Clôturer le contrôle", style="button-primary"),
    "annuler": vues.Action(
        "Annuler le contrôle", formulaire=vues.FormulaireMotif, style="button-secondary no"
    ),
}

ACTIONS_MESURE = {
    "lever": vues.Action("Constater la levée", formulaire=FormulaireSuivi, style="button-primary"),
    "constater_non_levee": vues.Action(
        "Constater la non-levée", formulaire=FormulaireNonLevee, style="button-secondary no"
    ),
}


class FormulaireFermeture(forms.Form):
    date_fermeture = vues.ChampDate(
        label="Date de fermeture proposée",
        error_messages={"required": "Indiquez la date de fermeture proposée."},
    )
