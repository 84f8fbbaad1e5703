"""The states of a call for projects and of a candidature (their state machines are on the
models: backoffice/appels/models/). A leaf module: the rules, the figures and the models read
these states without importing one another."""

from django.db import models


class EtatAppel(models.TextChoices):
    BROUILLON = "brouillon", "Brouillon"
    SOUMIS = "soumis", "Soumis"
    PRE_VALIDE = "pre_valide", "Pré-validé"
    VALIDE = "valide", "Validé"
    PUBLIE = "publie", "Publié"
    CLOS = "clos", "Clos"
    EN_INSTRUCTION = "en_instruction", "En instruction"
    SELECTION_ARRETEE = "selection_arretee", "Sélection arrêtée"
    TERMINE = "termine", "Terminé"
    INFRUCTUEUX = "infructueux", "Infructueux"
    ANNULE = "annule", "Annulé"


A = EtatAppel
# States in which the campaign is public: operators (gestionnaires) see it.
ETATS_PUBLICS = [A.PUBLIE, A.CLOS, A.EN_INSTRUCTION, A.SELECTION_ARRETEE, A.TERMINE, A.INFRUCTUEUX]
# A call no longer receives documents once over.
ETATS_SANS_DOCUMENT = [A.ANNULE, A.TERMINE]


class EtatCandidature(models.TextChoices):
    DEPOSEE = "deposee", "Déposée"
    RECEVABLE = "recevable", "Recevable"
    IRRECEVABLE = "irrecevable", "Irrecevable"
    INSTRUITE = "instruite", "Instruite"
    RETENUE = "retenue", "Retenue"
    NON_RETENUE = "non_retenue", "Non retenue"
    CONVENTIONNEE = "conventionnee", "Conventionnée"
    DESISTEE = "desistee", "Désistée"


C = EtatCandidature
ETATS_CANDIDATURE_EN_COURS = [C.DEPOSEE, C.RECEVABLE, C.INSTRUITE]
# A candidature withdrawn or declared irrecevable receives no more documents.
ETATS_CANDIDATURE_SANS_DOCUMENT = [C.DESISTEE, C.IRRECEVABLE]
