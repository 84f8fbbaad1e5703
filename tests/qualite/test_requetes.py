"""The anomalies screens cost the same number of SQL queries with N or 4N dispositifs (one
warm-up request first). Each measure also checks how many rows were listed or exported, so
that a perimeter or a filter hiding the rows cannot make the test pass by itself."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backoffice.qualite import services
from backoffice.qualite.models import Anomalie
from tests.acces.outils import comparer_requetes, mesurer_requetes
from tests.factories import DispositifFactory, EntiteFactory, FinancementFactory

from .outils import convention_en_vigueur

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]

# Each dispositif below has 7 anomalies and the list shows 50 per page: 1 → 4 dispositifs.
N = 1


def _peupler(nombre, acteur):
    """`nombre` dispositifs in the 44, each with several anomalies, one with a convention."""
    for _ in range(nombre):
        d = DispositifFactory(entite=EntiteFactory(), siret="73282932000074")
        FinancementFactory(dispositif=d, places_financees=100)
        convention = convention_en_vigueur(d, acteur, debut=-800, fin=-40)
        FinancementFactory(dispositif=d, mode="alt", places_financees=5, convention=convention)
    services.recalculer()
    anomalie = Anomalie.objects.filter(justifiee_le__isnull=True).first()
    services.justifier(anomalie, acteur, "Accepté")


ECRANS = [
    ("anomalie:index", {}),
    ("anomalie:index", {"export": "xlsx"}),
    ("anomalie:index", {"departement": "44", "severite": "haute", "q": "CADA"}),
    ("anomalie:index", {"etat": "toutes", "ordering": "-ordre_severite"}),
    ("anomalie:synthese", {"par": "regle"}),
]


@pytest.mark.parametrize("nom, params", ECRANS, ids=[f"{n} {p}" for n, p in ECRANS])
def test_requetes_constantes(client, ddets44, national, nom, params):
    client.force_login(ddets44)
    url = reverse(nom)
    _peupler(N, national)
    _mesurer_ecran(client, nom, url, params)  # warm-up
    petit, lignes_petit = _mesurer_ecran(client, nom, url, params)
    _peupler(3 * N, national)
    grand, lignes_grand = _mesurer_ecran(client, nom, url, params)
    if nom == "anomalie:synthese":
        # Figures, not rows: the open anomalies to handle (one more justified per _peupler).
        assert lignes_grand == Anomalie.objects.a_traiter().count() > lignes_petit > 0
    else:
        assert lignes_grand == 4 * lignes_petit > 0
    comparer_requetes(petit, grand, lignes_petit, lignes_grand)


def _mesurer_ecran(client, nom, url, params):
    if nom != "anomalie:synthese":
        return mesurer_requetes(client, url, params)
    # The counts page has one row per département: measure the figures it shows instead.
    with CaptureQueriesContext(connection) as capture:
        reponse = client.get(url, params)
    assert reponse.status_code == 200
    return [q["sql"] for q in capture.captured_queries], reponse.context["tableau"]["total"]
