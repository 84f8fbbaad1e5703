"""Choices, states and delays of the control phase (a leaf module: the models, the rules, the
pages and the reminders read them without importing one another)."""

from django.db import models

# Days the entité has to answer the provisional report, unless the DDETS sets another date.
DELAI_REPONSE_JOURS = 30
# Reminders before a deadline, in days (and once when the deadline has passed).
PALIERS_RELANCE = (15, 7, 1)
# Marker of the reminder sent once the deadline has passed (below every palier).
PALIER_ECHU = -1
# Default number of controls a programme proposes from risk (settings.CONTROLE_PROGRAMME_TAILLE).
TAILLE_PROGRAMME = 10
# A dispositif not controlled for this many years is a risk (settings.CONTROLE_ANNEES_SANS).
ANNEES_SANS_CONTROLE = 5


class TypeControle(models.TextChoices):
    SUR_PIECES = "sur_pieces", "Sur pièces"
    SUR_PLACE = "sur_place", "Sur place"
    INOPINE = "inopine", "Inopiné"


class Theme(models.TextChoices):
    FINANCIER = "financier", "Financier"
    ACCOMPAGNEMENT = "accompagnement", "Qualité de l'accompagnement"
    SECURITE = "securite", "Sécurité"
    CONVENTION = "convention", "Respect de la convention"


class EtatControle(models.TextChoices):
    PROGRAMME = "programme", "Programmé"
    PREPARE = "prepare", "Préparé"
    REALISE = "realise", "Réalisé"
    RAPPORT_PROVISOIRE = "rapport_provisoire", "Rapport provisoire"
    PROCEDURE_CONTRADICTOIRE = "procedure_contradictoire", "Procédure contradictoire"
    RAPPORT_DEFINITIF = "rapport_definitif", "Rapport définitif"
    SUITES_EN_COURS = "suites_en_cours", "Suites en cours"
    CLOS = "clos", "Clos"
    ANNULE = "annule", "Annulé"


E = EtatControle
# The entité controlled sees its control from the contradictory step on: before, the control
# is the administration's (an unannounced visit must stay unannounced; a draft report is not
# yet a finding). The perimeter rule (models.Controle.q_perimetre) reads this list.
ETATS_VISIBLES_ENTITE = [
    E.PROCEDURE_CONTRADICTOIRE,
    E.RAPPORT_DEFINITIF,
    E.SUITES_EN_COURS,
    E.CLOS,
]
# Done: the visit (or the examination of the documents) took place.
ETATS_REALISES = [
    E.REALISE,
    E.RAPPORT_PROVISOIRE,
    E.PROCEDURE_CONTRADICTOIRE,
    E.RAPPORT_DEFINITIF,
    E.SUITES_EN_COURS,
    E.CLOS,
]
ETATS_TERMINES = [E.CLOS, E.ANNULE]
ETATS_EN_COURS = [e for e in E if e not in ETATS_TERMINES]
# The control's own fields (type, themes, date, inspectors…) and its findings are edited until
# the final report; the dispositif only while nothing was done.
ETATS_MODIFIABLES = [
    E.PROGRAMME,
    E.PREPARE,
    E.REALISE,
    E.RAPPORT_PROVISOIRE,
    E.PROCEDURE_CONTRADICTOIRE,
]
ETATS_DISPOSITIF_MODIFIABLE = [E.PROGRAMME, E.PREPARE]
# Measures are written with the reports; those acting on the rest of the park (an avenant, a
# closure request) are proposed once the report is final.
ETATS_MESURES = [
    E.RAPPORT_PROVISOIRE,
    E.PROCEDURE_CONTRADICTOIRE,
    E.RAPPORT_DEFINITIF,
    E.SUITES_EN_COURS,
]
ETATS_SUITES = [E.RAPPORT_DEFINITIF, E.SUITES_EN_COURS]
ETATS_DOCUMENTS = [e for e in E if e != E.ANNULE]


class Gravite(models.TextChoices):
    OBSERVATION = "observation", "Observation"
    MINEURE = "mineure", "Écart mineur"
    MAJEURE = "majeure", "Écart majeur"
    CRITIQUE = "critique", "Critique"


class TypeMesure(models.TextChoices):
    RECOMMANDATION = "recommandation", "Recommandation"
    INJONCTION = "injonction", "Injonction"
    MISE_EN_DEMEURE = "mise_en_demeure", "Mise en demeure"
    MINORATION = "minoration", "Minoration budgétaire"
    FERMETURE = "fermeture", "Fermeture"


# Measures that bind the entité by a date: their deadline is required.
MESURES_A_ECHEANCE = [TypeMesure.INJONCTION, TypeMesure.MISE_EN_DEMEURE]


class SuiviMesure(models.TextChoices):
    A_SUIVRE = "a_suivre", "À suivre"
    LEVEE = "levee", "Levée"
    NON_LEVEE = "non_levee", "Non levée"


class NatureDocument(models.TextChoices):
    LETTRE_MISSION = "lettre_mission", "Lettre de mission"
    PIECE = "piece", "Pièce examinée"
    RAPPORT_PROVISOIRE = "rapport_provisoire", "Rapport provisoire"
    REPONSE_ENTITE = "reponse_entite", "Réponse de l'entité"
    RAPPORT_DEFINITIF = "rapport_definitif", "Rapport définitif"
    MISE_EN_DEMEURE = "mise_en_demeure", "Mise en demeure"
    AUTRE = "autre", "Autre"


# What the entité attaches to its answer.
NATURES_ENTITE = [NatureDocument.REPONSE_ENTITE]
# What the administration attaches (the reports come with their transitions).
NATURES_ADMINISTRATION = [
    NatureDocument.LETTRE_MISSION,
    NatureDocument.PIECE,
    NatureDocument.RAPPORT_PROVISOIRE,
    NatureDocument.RAPPORT_DEFINITIF,
    NatureDocument.AUTRE,
]
