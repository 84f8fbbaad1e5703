"""The evaluations' screens cost the same number of SQL queries with N or 4N authorised
dispositifs (one warm-up request first), and the list, the evaluation's page and the renewals
screen a known absolute number. Each measure also checks how many rows were listed or exported,
so that a perimeter or a filter hiding the rows cannot make the test pass by itself."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backoffice.evaluations.cycle import synchroniser
from backoffice.evaluations.models import Evaluation
from tests.acces.outils import comparer_requetes, mesurer_requetes
from tests.factories import DispositifFactory, EntiteFactory

pytestmark = pytest.mark.django_db

N = 2  # dispositifs, three evaluations each: 6 then 24 rows (one page of 50)


def _peupler(nombre):
    for rang in range(nombre):
        DispositifFactory(
            entite=EntiteFactory(),
            date_autorisation=datetime.date(2010 + rang % 5, 3, 15),
        )
    synchroniser()
    # A received one per batch: the received state and the organisme in the rows.
    evaluation = Evaluation.objects.non_recues().order_by("pk").first()
    evaluation.organisme_evaluateur = "Cabinet Qualis"
    evaluation.date_reception = datetime.date(2020, 1, 10)
    evaluation.save()


ECRANS = [
    ("evaluation:index", {}),
    ("evaluation:index", {"export": "xlsx"}),
    ("evaluation:index", {"departement": "44", "etat": "en_retard", "q": "CADA"}),
    ("evaluation:index", {"annee": "2025", "ordering": "-echeance"}),
    ("evaluation:renouvellements", {}),
    ("evaluation:renouvellements", {"export": "csv"}),
    ("evaluation:renouvellements", {"situation": "incompletes", "departement": "44"}),
]


def _mesurer(client, nom, params):
    url = reverse(nom)
    if nom == "evaluation:index":
        return mesurer_requetes(client, url, params)
    with CaptureQueriesContext(connection) as capture:
        reponse = client.get(url, params)
        corps = b"".join(reponse.streaming_content) if reponse.streaming else reponse.content
    assert reponse.status_code == 200
    if "export" in params:
        lignes = corps.decode("utf-8-sig").count("\n") - 1
    else:
        lignes = len(reponse.context["page"].object_list)
    return [q["sql"] for q in capture.captured_queries], lignes


@pytest.mark.parametrize(("nom", "params"), ECRANS, ids=[f"{n} {p}" for n, p in ECRANS])
def test_requetes_constantes(client, ddets44, nom, params):
    client.force_login(ddets44)
    _peupler(N)
    _mesurer(client, nom, params)  # warm-up
    petit, lignes_petit = _mesurer(client, nom, params)
    _peupler(3 * N)
    grand, lignes_grand = _mesurer(client, nom, params)
    assert lignes_grand > lignes_petit > 0
    comparer_requetes(petit, grand, lignes_petit, lignes_grand)


# (page, account) → queries of one GET, today. Update knowingly.
ATTENDU = {
    # Session, user, assignments (and their départements), profile; the page's keys then its
    # rows (acces/pagination.py) and their count; the filters' choices; Wagtail's locale and
    # permissions.
    ("liste", "national"): 12,
    ("liste", "ddets44"): 12,
    # The row in the perimeter (objet_ou_404), read again with its dispositif and report, the
    # dispositif's cycle (its evaluations in the perimeter).
    ("fiche", "national"): 11,
    ("fiche", "ddets44"): 11,
    # The départements offered, the dispositifs' dates, the evaluations' dates: once each.
    ("renouvellements", "national"): 11,
    ("renouvellements", "ddets44"): 11,
}


@pytest.mark.parametrize("compte", ["national", "ddets44"])
@pytest.mark.parametrize("page", ["liste", "fiche", "renouvellements"])
def test_nombre_absolu_de_requetes(request, client, page, compte, django_assert_num_queries):
    _peupler(N)
    client.force_login(request.getfixturevalue(compte))
    evaluation = Evaluation.objects.order_by("pk").first()
    url = {
        "liste": reverse("evaluation:index"),
        "fiche": reverse("evaluation:inspect", args=[evaluation.pk]),
        "renouvellements": reverse("evaluation:renouvellements"),
    }[page]
    assert client.get(url).status_code == 200  # warm-up
    with django_assert_num_queries(ATTENDU[page, compte]):
        reponse = client.get(url)
    assert reponse.status_code == 200
