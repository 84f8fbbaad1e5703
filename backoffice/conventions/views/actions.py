"""The transition buttons of conventions and avenants, and the states in which they are edited."""

from workflows import vues

from .. import circuits
from ..models import (
    EtatAvenant,
    EtatConvention,
)

# ---------------------------------------------------------------------------------------------
# Actions (transition buttons)
# ---------------------------------------------------------------------------------------------

ACTIONS_CONVENTION = {
    "soumettre": vues.Action("Soumettre", style="button-primary"),
    "pre_valider": vues.Action("Pré-valider", style="button-primary", groupable=True),
    "valider": vues.Action("Valider", style="button-primary", groupable=True),
    "signer": vues.Action(
        "Enregistrer la signature", formulaire=circuits.FormulaireSignature, style="button-primary"
    ),
    "renvoyer": vues.Action("Renvoyer au brouillon", formulaire=vues.FormulaireRenvoi),
    "resilier": vues.Action(
        "Résilier", formulaire=circuits.FormulaireResiliation, style="button-secondary no"
    ),
    "abandonner": vues.Action(
        "Abandonner", formulaire=vues.FormulaireMotif, style="button-secondary no"
    ),
}

ACTIONS_AVENANT = {
    "valider": vues.Action("Valider l'avenant", style="button-primary", groupable=True),
    "signer": vues.Action(
        "Enregistrer la signature", formulaire=circuits.FormulaireSignature, style="button-primary"
    ),
    "renvoyer": vues.Action("Renvoyer au brouillon", formulaire=vues.FormulaireRenvoi),
    "abandonner": vues.Action(
        "Abandonner", formulaire=vues.FormulaireMotif, style="button-secondary no"
    ),
}

ETATS_MODIFIABLES = {EtatConvention.BROUILLON}
ETATS_AVENANT_MODIFIABLES = {EtatAvenant.BROUILLON}


def modifiable_par(vue_edition, objet):
    """Whether the edit view (a GardeEtatMixin) opens for `objet`: the page offers « Modifier »
    on the same guard the view applies."""
    return getattr(objet, objet.CHAMP_ETAT) in vue_edition.etats_permis
