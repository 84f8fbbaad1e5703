"""Applying a grid to a schéma, in one transaction: the missing objectifs, thématiques and
actions, then the evaluations of the chosen or new campaign. Also what the two-step import keeps
in the session between the preview and the confirmation."""

import datetime
import secrets
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from ..models import (
    ActionSchema,
    CampagneEvaluation,
    EvaluationAction,
    Objectif,
    SchemaRegional,
    Thematique,
)
from ..texte import empreinte
from .lecture import Grille, GrilleInvalide, LigneGrille
from .plan import planifier


@dataclass
class Bilan:
    campagne: CampagneEvaluation
    nouveaux: tuple  # (objectifs, thématiques, actions) created
    evaluations_creees: int
    evaluations_modifiees: int
    lignes: int


def appliquer(schema, grille, *, utilisateur, campagne=None, nouvelle_campagne=None):
    """Write the grid into the schéma: create the missing objectifs, thématiques and actions,
    then the evaluations of `campagne` (an existing campaign of this schéma) or of a new one
    (`nouvelle_campagne`: {"libelle", "date", "description"}). All or nothing: raises
    `GrilleInvalide` and writes nothing when the grid does not fit the schéma.

    Actions of the schéma absent from the grid keep their evaluation (none = nc)."""
    if (campagne is None) == (nouvelle_campagne is None):
        raise ValueError("Une campagne existante ou une nouvelle campagne, pas les deux.")
    with transaction.atomic():
        # One import at a time per schéma: two concurrent imports would create the same
        # objectifs twice (the unique constraints would then fail one of them).
        schema = SchemaRegional.objects.select_for_update().get(pk=schema.pk)
        plan = planifier(schema, grille)
        plan.verifier()
        if campagne is None:
            if schema.campagnes.filter(libelle=nouvelle_campagne["libelle"]).exists():
                raise GrilleInvalide(
                    f"Ce schéma a déjà une campagne « {nouvelle_campagne['libelle']} » : "
                    "choisissez-la ou donnez un autre libellé. Rien n'a été importé."
                )
            campagne = CampagneEvaluation.objects.create(schema=schema, **nouvelle_campagne)
        elif campagne.schema_id != schema.pk:
            raise GrilleInvalide("Cette campagne n'appartient pas à ce schéma.")
        nouveaux = _creer_arbre(schema, plan)
        creees, modifiees = _ecrire_evaluations(campagne, plan.evaluations, utilisateur)
    return Bilan(campagne, nouveaux, creees, modifiees, len(grille.lignes))


def _creer_arbre(schema, plan):
    compteurs = [0, 0, 0]
    for noeud in plan.objectifs.values():
        if noeud.nouveau:
            noeud.existant = Objectif.objects.create(
                schema=schema, numero=noeud.numero, libelle=noeud.libelle
            )
            compteurs[0] += 1
        for thematique in noeud.enfants.values():
            if thematique.nouveau:
                thematique.existant = Thematique.objects.create(
                    objectif=noeud.existant, libelle=thematique.libelle, ordre=thematique.ordre
                )
                compteurs[1] += 1
            nouvelles = [a for a in thematique.enfants.values() if a.nouveau]
            for action in nouvelles:
                action.existant = ActionSchema(
                    thematique=thematique.existant, libelle=action.libelle, ordre=action.ordre
                )
                action.existant.empreinte = empreinte(action.libelle)
            ActionSchema.objects.bulk_create([a.existant for a in nouvelles])
            compteurs[2] += len(nouvelles)
    return tuple(compteurs)


def _ecrire_evaluations(campagne, evaluations, utilisateur):
    maintenant = timezone.now()
    actuelles = {
        e.action_id: e
        for e in EvaluationAction.objects.filter(
            campagne=campagne, action_id__in=[noeud.existant.pk for noeud, _ in evaluations]
        )
    }
    a_creer, a_modifier = [], []
    for noeud, ligne in evaluations:
        evaluation = actuelles.get(noeud.existant.pk)
        if evaluation is None:
            a_creer.append(
                EvaluationAction(
                    campagne=campagne,
                    action=noeud.existant,
                    realisation=ligne.realisation,
                    commentaire=ligne.commentaire,
                    evalue_par=utilisateur,
                    evalue_le=maintenant,
                )
            )
        elif (evaluation.realisation, evaluation.commentaire) != (
            ligne.realisation,
            ligne.commentaire,
        ):
            evaluation.realisation = ligne.realisation
            evaluation.commentaire = ligne.commentaire
            evaluation.evalue_par = utilisateur
            evaluation.evalue_le = maintenant
            a_modifier.append(evaluation)
    EvaluationAction.objects.bulk_create(a_creer)
    EvaluationAction.objects.bulk_update(
        a_modifier, ["realisation", "commentaire", "evalue_par", "evalue_le"]
    )
    return len(a_creer), len(a_modifier)


# ---------------------------------------------------------------------------------------------
# Between the preview and the confirmation (kept in the session)
# ---------------------------------------------------------------------------------------------


class AnalyseExpiree(Exception):
    """The analysis to confirm is gone (already imported, another tab, another schéma)."""


def memoriser(schema, lue, campagne, nouvelle):
    """What the confirmation needs, JSON-ready, with a fresh token that the preview page sends
    back: the read grid, the chosen campaign or the new one."""
    return {
        "jeton": secrets.token_urlsafe(16),
        "schema": schema.pk,
        "campagne": campagne.pk if campagne else None,
        "nouvelle": {**nouvelle, "date": nouvelle["date"].isoformat()} if nouvelle else None,
        "grille": {
            "feuille": lue.feuille,
            "ligne_entete": lue.ligne_entete,
            "ignorees": lue.ignorees,
            "avec_commentaire": lue.avec_commentaire,
            "lignes": [asdict(ligne) for ligne in lue.lignes],
        },
    }


def relire(memoire, schema, jeton):
    """(grid, campaign or None, new campaign or None) of the analysis `memoriser` kept for
    `schema` under `jeton`. Raises `AnalyseExpiree` when there is none, and `GrilleInvalide`
    when the chosen campaign was deleted in between."""
    if not memoire or memoire.get("jeton") != jeton or memoire.get("schema") != schema.pk:
        raise AnalyseExpiree
    donnees = memoire["grille"]
    lue = Grille(
        lignes=[LigneGrille(**ligne) for ligne in donnees["lignes"]],
        feuille=donnees["feuille"],
        ligne_entete=donnees["ligne_entete"],
        ignorees=donnees["ignorees"],
        avec_commentaire=donnees["avec_commentaire"],
    )
    campagne = None
    if memoire["campagne"] is not None:
        campagne = schema.campagnes.filter(pk=memoire["campagne"]).first()
        if campagne is None:
            raise GrilleInvalide("La campagne choisie n'existe plus : rien n'a été importé.")
    nouvelle = memoire["nouvelle"]
    if nouvelle:
        nouvelle = {**nouvelle, "date": datetime.date.fromisoformat(nouvelle["date"])}
    return lue, campagne, nouvelle
