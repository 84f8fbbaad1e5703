"""Calls for projects and candidatures: one module per aggregate (the call with its split and
criteria, the candidature with its scores, the documents of both). The states live in
backoffice/appels/etats.py (read by the rules and the figures too) and are part of this
package's interface, like the models."""

from ..etats import (
    ETATS_CANDIDATURE_EN_COURS,
    ETATS_PUBLICS,
    EtatAppel,
    EtatCandidature,
)
from .appel import AppelAProjets, RepartitionAppel
from .candidature import Candidature, CandidatureQuerySet
from .documents import (
    DocumentAppel,
    DocumentCandidature,
    NatureDocumentAppel,
    NatureDocumentCandidature,
)
from .selection import CritereSelection, NoteCritere

__all__ = [
    "ETATS_CANDIDATURE_EN_COURS",
    "ETATS_PUBLICS",
    "AppelAProjets",
    "Candidature",
    "CandidatureQuerySet",
    "CritereSelection",
    "DocumentAppel",
    "DocumentCandidature",
    "EtatAppel",
    "EtatCandidature",
    "NatureDocumentAppel",
    "NatureDocumentCandidature",
    "NoteCritere",
    "RepartitionAppel",
]
