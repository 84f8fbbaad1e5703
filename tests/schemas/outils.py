"""Builders of small schémas for the view tests."""

import datetime

from backoffice.schemas.models import (
    ActionSchema,
    CampagneEvaluation,
    EvaluationAction,
    Objectif,
    SchemaRegional,
    Thematique,
)


def petit_schema(region, actions=4, titre=None, evaluer=True, annee=2021):
    """A schéma with 2 objectives × 2 thématiques and `actions` actions spread over them, and
    one campaign where every other action is evaluated "oui"."""
    schema = SchemaRegional.objects.create(
        region_id=region,
        titre=titre or f"Schéma de la région {region}",
        annee_debut=annee,
        annee_fin=annee + 2,
    )
    thematiques = []
    for numero in (1, 2):
        objectif = Objectif.objects.create(
            schema=schema, numero=numero, libelle=f"Objectif {region}-{numero}"
        )
        for rang in (1, 2):
            thematiques.append(
                Thematique.objects.create(
                    objectif=objectif, libelle=f"THEME {region}-{numero}-{rang}", ordre=rang
                )
            )
    creees = [
        ActionSchema.objects.create(
            thematique=thematiques[i % len(thematiques)],
            libelle=f"Action {region} n°{i}",
            ordre=i,
        )
        for i in range(actions)
    ]
    campagne = CampagneEvaluation.objects.create(
        schema=schema, libelle=f"Campagne {region}", date=datetime.date(2023, 11, 30)
    )
    if evaluer:
        EvaluationAction.objects.bulk_create(
            EvaluationAction(campagne=campagne, action=a, realisation="oui") for a in creees[::2]
        )
    return schema, campagne
