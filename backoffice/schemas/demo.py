"""Demo schéma: the Pays de la Loire schéma régional d'accueil 2021-2023 and its first
evaluation (November 2023), from the real grid of seed 002 shipped in `data/grille_002.tsv`."""

import datetime
from pathlib import Path

from django.db import transaction

from backoffice.territoires.models import Region

from .grille import application, lecture
from .models import CampagneEvaluation, SchemaRegional

FICHIER_GRILLE = Path(__file__).resolve().parent / "data" / "grille_002.tsv"

REGION = "52"
TITRE = "Schéma régional d'accueil des demandeurs d'asile et des réfugiés des Pays de la Loire"
CAMPAGNE = "Première évaluation (novembre 2023)"
DESCRIPTION_CAMPAGNE = (
    "Questionnaire réalisé en novembre 2023 auprès des services de l'État pilotes des actions "
    "mentionnées et présenté le 16 janvier 2024 à la commission de concertation."
)


def charger_schema_demo(utilisateur=None):
    """Create the demo schéma and its campaign; does nothing more when they exist (idempotent).
    Returns the schéma."""
    with transaction.atomic():
        schema, _ = SchemaRegional.objects.get_or_create(
            region=Region.objects.get(code=REGION),
            annee_debut=2021,
            annee_fin=2023,
            defaults={
                "titre": TITRE,
                "description": (
                    "Schéma régional d'accueil des demandeurs d'asile et des réfugiés arrêté par "
                    "le préfet de région : huit objectifs, déclinés en thématiques et actions "
                    "pilotées par les services de l'État."
                ),
            },
        )
        if CampagneEvaluation.objects.filter(schema=schema, libelle=CAMPAGNE).exists():
            return schema
        lue = lecture.lire_tsv(FICHIER_GRILLE.read_text(encoding="utf-8"), nom="grille_002")
        application.appliquer(
            schema,
            lue,
            utilisateur=utilisateur,
            nouvelle_campagne={
                "libelle": CAMPAGNE,
                "date": datetime.date(2023, 11, 30),
                "description": DESCRIPTION_CAMPAGNE,
            },
        )
    return schema
