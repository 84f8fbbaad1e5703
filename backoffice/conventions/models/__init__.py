"""Conventions between the State and an entité gestionnaire, and their avenants (docs/domaine.md §4,
§5.2).

Convention: `brouillon` → `soumise` → `pre_validee` (Administrateur départemental) → `validee`
(Administrateur régional; national for national conventions) → `signee` (date and signed copy
recorded) → `en_vigueur` (start date, scheduled task) → `expiree` (end date passed, scheduled
task) or `resiliee` (reason). `soumise`/`pre_validee` → `brouillon` (send-back with a comment);
`abandonnee` before signature.

Avenant: `brouillon` → `validee` → `signee`; `validee` → `brouillon` (send-back with a comment);
`abandonne` before signature (reason). A signed avenant sets the places and amounts of its
convention from its effective date (applied at once when the date is reached, else by the
scheduled task).

History: django-simple-history on the convention and on its per-dispositif lines and yearly
amounts, so "places conventionnées as of date D" is computed from dated versions
(`places_conventionnees_au`). Transitions only run through workflows.services.executer_transition.

Modules: `choix` (states, natures, dates), `numeros` (numbering), `droits` (who may act),
`convention` and `circuit_convention` (the convention and its state machine), `lignes` (places and
amounts), `avenant`, `documents`, `signature` (the signed copy), `indicateurs`.
"""

from .avenant import Avenant, EtatAvenant, LigneAvenant, MontantAvenant
from .choix import (
    DELAIS_RELANCE_MOIS,
    DUREE_CADA_ANS,
    ETATS_ACTIFS,
    ETATS_AVANT_SIGNATURE,
    ETATS_SIGNES,
    EtatConvention,
    NatureDocument,
    Signataire,
    TypeConvention,
    ajouter_annees,
    ajouter_mois,
    debut_du_jour,
    fin_du_jour,
)
from .convention import Convention, ConventionQuerySet, periode_en_vigueur, q_en_vigueur_le
from .documents import DocumentConvention
from .droits import peut_pre_valider, peut_rediger, peut_renvoyer, peut_signer, peut_valider
from .indicateurs import places_conventionnees_au
from .lignes import LigneConvention, MontantConvention
from .numeros import Compteur, prochain_numero

__all__ = [
    "DELAIS_RELANCE_MOIS",
    "DUREE_CADA_ANS",
    "ETATS_ACTIFS",
    "ETATS_AVANT_SIGNATURE",
    "ETATS_SIGNES",
    "Avenant",
    "Compteur",
    "Convention",
    "ConventionQuerySet",
    "DocumentConvention",
    "EtatAvenant",
    "EtatConvention",
    "LigneAvenant",
    "LigneConvention",
    "MontantAvenant",
    "MontantConvention",
    "NatureDocument",
    "Signataire",
    "TypeConvention",
    "ajouter_annees",
    "ajouter_mois",
    "debut_du_jour",
    "fin_du_jour",
    "peut_pre_valider",
    "peut_rediger",
    "peut_renvoyer",
    "peut_signer",
    "peut_valider",
    "places_conventionnees_au",
    "prochain_numero",
    "periode_en_vigueur",
    "q_en_vigueur_le",
]
