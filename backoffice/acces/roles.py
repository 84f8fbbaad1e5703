"""Roles and what each may do, per model (docs/domaine.md §2).

This table is the single source of model-level rights. Row-level limits (perimeters) are applied
on top of it by the permission policy (policies.py).
"""

from django.db import models


class Role(models.TextChoices):
    NATIONAL = "national", "Administrateur national"
    REGIONAL = "regional", "Administrateur régional"
    DEPARTEMENTAL = "departemental", "Administrateur départemental"
    SIAO = "siao", "Administrateur SIAO"
    GESTIONNAIRE = "gestionnaire", "Gestionnaire d'entité"
    LECTEUR = "lecteur", "Lecteur / analyste"


class Portee(models.TextChoices):
    NATIONALE = "nationale", "Nationale"
    REGION = "region", "Une région"
    DEPARTEMENTS = "departements", "Un ou plusieurs départements"
    SIAO = "siao", "Les départements d'un SIAO"
    ENTITE = "entite", "Une entité gestionnaire"


# Which perimeters each role accepts.
PORTEES_PAR_ROLE = {
    Role.NATIONAL: {Portee.NATIONALE},
    Role.REGIONAL: {Portee.REGION},
    Role.DEPARTEMENTAL: {Portee.DEPARTEMENTS},
    Role.SIAO: {Portee.SIAO},
    Role.GESTIONNAIRE: {Portee.ENTITE},
    Role.LECTEUR: {Portee.NATIONALE, Portee.REGION, Portee.DEPARTEMENTS},
}

VIEW = {"view"}
EDIT = {"add", "change", "delete", "view"}

OFFRE = [
    "offre.entitegestionnaire",
    "offre.contactreferent",
    "offre.dispositif",
    "offre.groupedeplaces",
    "offre.financement",
]
DEMANDES = ["demandes.demande", "demandes.piecejointe"]
# Temps 1 workbook imports: filing one needs "add"; what it may write is limited by the perimeter
# of that right (imports/temps1/analyse/perimetre.py).
IMPORTS = ["imports.importtemps1"]
# Conventions and avenants (backoffice/conventions), calls and candidatures (backoffice/appels).
# "change" on a convention or a call = edit its draft and act through the transition service.
CONVENTIONS = [
    "conventions.convention",
    "conventions.ligneconvention",
    "conventions.montantconvention",
    "conventions.avenant",
    "conventions.ligneavenant",
    "conventions.montantavenant",
    "conventions.documentconvention",
]
APPELS = [
    "appels.appelaprojets",
    "appels.repartitionappel",
    "appels.critereselection",
    "appels.documentappel",
]
CANDIDATURES = ["appels.candidature", "appels.notecritere", "appels.documentcandidature"]
# Monthly occupancy from the OFII's DN@ extract (backoffice/occupation): read-only for every
# role, written only by an import (imports.importtemps1 "add").
OCCUPATION = ["occupation.occupation"]
# Control and inspection of what is funded (backoffice/controle): the yearly programme per
# département, the contrôles, their constats, measures (recommandations, injonctions) and
# documents. "change" on a contrôle = act through the transition service.
CONTROLE = [
    "controle.programmecontrole",
    "controle.controle",
    "controle.constat",
    "controle.mesure",
    "controle.documentcontrole",
]
# Serious adverse events reported by a structure (backoffice/signalements).
SIGNALEMENTS = ["signalements.signalement"]
# The five-yearly evaluations of authorised ESSMS (backoffice/evaluations).
EVALUATIONS = ["evaluations.evaluation"]
# Data-quality anomalies (backoffice/qualite): "change" = mark one justified, with a comment.
QUALITE = ["qualite.anomalie"]
# Schéma régional d'accueil (backoffice/schemas): drafted and evaluated by the région.
SCHEMAS = [
    "schemas.schemaregional",
    "schemas.objectif",
    "schemas.thematique",
    "schemas.actionschema",
    "schemas.campagneevaluation",
    "schemas.evaluationaction",
]
REFERENTIEL = [
    "territoires.region",
    "territoires.departement",
    "territoires.siao",
    "offre.nature",
    "offre.typedispositif",
    "offre.programme",
    "offre.publicspecifique",
]

# role -> {"app_label.modelname": {actions}}; the national role has every right (see backends).
DROITS = {
    Role.REGIONAL: {
        **dict.fromkeys(OFFRE, VIEW),
        **dict.fromkeys(REFERENTIEL, VIEW),
        **dict.fromkeys(DEMANDES, VIEW),
        # Validates conventions and calls of the région; drafts CPOM and regional calls.
        **dict.fromkeys(CONVENTIONS, {"add", "change", "view"}),
        **dict.fromkeys(APPELS, {"add", "change", "view"}),
        **dict.fromkeys(CANDIDATURES, {"change", "view"}),
        **dict.fromkeys(QUALITE, {"change", "view"}),
        **dict.fromkeys(OCCUPATION, VIEW),
        **dict.fromkeys(CONTROLE, VIEW),
        **dict.fromkeys(SIGNALEMENTS, VIEW),
        **dict.fromkeys(EVALUATIONS, VIEW),
        **dict.fromkeys(SCHEMAS, EDIT),
    },
    Role.DEPARTEMENTAL: {
        **dict.fromkeys(OFFRE, EDIT),
        **dict.fromkeys(REFERENTIEL, VIEW),
        # Requests: instruct and validate ("change" = act through the transition service).
        **dict.fromkeys(DEMANDES, {"change", "view"}),
        # Operators' accounts of the département (gestionnaire role only, see acces.forms).
        "acces.affectationrole": EDIT,
        # Drafts, instructs and signs conventions; runs calls; records candidatures of
        # operators without an account.
        **dict.fromkeys(CONVENTIONS, EDIT),
        **dict.fromkeys(APPELS, EDIT),
        **dict.fromkeys(CANDIDATURES, {"add", "change", "view"}),
        **dict.fromkeys(IMPORTS, {"add", "view"}),
        **dict.fromkeys(QUALITE, {"change", "view"}),
        **dict.fromkeys(OCCUPATION, VIEW),
        # Programmes and runs the controls of the département; analyses the signalements (and
        # files one on an operator's behalf); follows the evaluations.
        **dict.fromkeys(CONTROLE, EDIT),
        **dict.fromkeys(SIGNALEMENTS, EDIT),
        **dict.fromkeys(EVALUATIONS, EDIT),
        # The schéma of their région: read, and record the evaluation of its actions.
        **dict.fromkeys(SCHEMAS, VIEW),
        "schemas.evaluationaction": {"change", "view"},
    },
    Role.SIAO: {
        **dict.fromkeys(OFFRE, VIEW),
        **dict.fromkeys(REFERENTIEL, VIEW),
        **dict.fromkeys(DEMANDES, {"change", "view"}),
        **dict.fromkeys(IMPORTS, {"add", "view"}),
        **dict.fromkeys(CONVENTIONS, VIEW),
        **dict.fromkeys(APPELS, VIEW),
        **dict.fromkeys(CANDIDATURES, VIEW),
        **dict.fromkeys(QUALITE, VIEW),
        **dict.fromkeys(OCCUPATION, VIEW),
        **dict.fromkeys(SCHEMAS, VIEW),
    },
    Role.GESTIONNAIRE: {
        **dict.fromkeys(OFFRE, VIEW),
        # Minor fields only: the edit form is reduced to Dispositif.CHAMPS_MINEURS.
        "offre.dispositif": {"change", "view"},
        **dict.fromkeys(REFERENTIEL, VIEW),
        # Their own entité's requests; "add": request a modification or a closure of one of
        # their dispositifs (demandes.views, checked against the entité perimeter).
        "demandes.demande": {"add", "view"},
        "demandes.piecejointe": VIEW,
        # Their entité's conventions; published calls; their own candidatures (file, desist).
        **dict.fromkeys(CONVENTIONS, VIEW),
        **dict.fromkeys(APPELS, VIEW),
        **dict.fromkeys(CANDIDATURES, {"add", "change", "view"}),
        # The anomalies of their own dispositifs (to fix them at the source).
        **dict.fromkeys(QUALITE, VIEW),
        # Their own dispositifs' occupancy, as the DN@ reports it.
        **dict.fromkeys(OCCUPATION, VIEW),
        # Their contrôles from the contradictory step on (controle.regles): "change" = answer
        # within the deadline, "add" a document = the answer's attachments.
        "controle.controle": {"change", "view"},
        "controle.constat": VIEW,
        "controle.mesure": VIEW,
        "controle.documentcontrole": {"add", "view"},
        # They file the signalements of their structures, and see them always.
        "signalements.signalement": {"add", "view"},
        "evaluations.evaluation": VIEW,
    },
    Role.LECTEUR: {
        **dict.fromkeys(OFFRE, VIEW),
        **dict.fromkeys(REFERENTIEL, VIEW),
        **dict.fromkeys(DEMANDES, VIEW),
        **dict.fromkeys(CONVENTIONS, VIEW),
        **dict.fromkeys(APPELS, VIEW),
        **dict.fromkeys(CANDIDATURES, VIEW),
        **dict.fromkeys(QUALITE, VIEW),
        **dict.fromkeys(OCCUPATION, VIEW),
        **dict.fromkeys(CONTROLE, VIEW),
        **dict.fromkeys(SIGNALEMENTS, VIEW),
        **dict.fromkeys(EVALUATIONS, VIEW),
        **dict.fromkeys(SCHEMAS, VIEW),
    },
}


def actions_du_role(role, model_label):
    """Actions a role grants on a model (`app_label.modelname`)."""
    if role == Role.NATIONAL:
        return EDIT
    return DROITS.get(role, {}).get(model_label, set())
