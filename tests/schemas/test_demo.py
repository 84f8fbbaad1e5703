"""The demo schéma (Pays de la Loire 2021-2023, first evaluation of November 2023)."""

import pytest

from backoffice.schemas.demo import CAMPAGNE, FICHIER_GRILLE, charger_schema_demo
from backoffice.schemas.models import ActionSchema, EvaluationAction, Objectif, SchemaRegional
from tests.schemas.conftest import GRILLE_002

pytestmark = pytest.mark.django_db


def test_charger_schema_demo_idempotent():
    schema = charger_schema_demo()
    assert schema.region_id == "52"
    assert (schema.annee_debut, schema.annee_fin) == (2021, 2023)
    campagne = schema.campagnes.get()
    assert campagne.libelle == CAMPAGNE == "Première évaluation (novembre 2023)"
    comptes = (Objectif.objects.count(), ActionSchema.objects.count())
    assert comptes == (8, 71)
    assert campagne.evaluations.count() == 71

    assert charger_schema_demo() == schema
    assert SchemaRegional.objects.count() == 1
    assert (Objectif.objects.count(), ActionSchema.objects.count()) == comptes
    assert EvaluationAction.objects.count() == 71


def test_donnees_du_paquet_identiques_a_la_copie_des_tests():
    # Both are copies of seed 002: the package's for the demo, the tests' for CI.
    assert FICHIER_GRILLE.read_bytes() == GRILLE_002.read_bytes()
