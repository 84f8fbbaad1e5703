"""The number of SQL queries of the main screens does not grow with the data (no N+1).

One warm-up request, then the count with N rows must equal the count with 4N rows. Each
measure also checks how many rows were listed or exported, so that a perimeter or a filter
hiding the rows cannot make the test pass by itself.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.acces.outils import comparer_requetes, mesurer_requetes
from tests.factories import DispositifFactory, EntiteFactory, FinancementFactory, GroupeFactory

pytestmark = pytest.mark.django_db

N = 3


def _peupler(nombre, entite=None):
    """`nombre` dispositifs in the 44, each with 2 groupes and 2 financements."""
    for _ in range(nombre):
        dispositif = DispositifFactory(entite=entite or EntiteFactory())
        GroupeFactory(dispositif=dispositif, places=30)
        GroupeFactory(dispositif=dispositif, places=10)
        FinancementFactory(dispositif=dispositif, mode="dgf")
        FinancementFactory(dispositif=dispositif, mode="alt", places_financees=5)


# (url name, query string, rows per dispositif)
ECRANS = [
    ("dispositif:index", {}, 1),
    ("dispositif:index", {"export": "csv"}, 1),
    ("dispositif:index", {"export": "xlsx"}, 1),
    ("dispositif:index", {"departement": "44", "etat": "ouvert", "q": "CADA"}, 1),
    ("entite:index", {}, 1),
    ("entite:index", {"ordering": "-nb_dispositifs"}, 1),
    ("entite:index", {"export": "xlsx"}, 1),
    ("groupe:index", {}, 2),
    ("financement:index", {}, 2),
    ("financement:index", {"export": "csv"}, 2),
]


@pytest.mark.parametrize("utilisateur", ["national", "ddets44"])
@pytest.mark.parametrize(("url_name", "params", "par_dispositif"), ECRANS)
def test_listes_et_exports_sans_n_plus_1(
    request, client, utilisateur, url_name, params, par_dispositif
):
    client.force_login(request.getfixturevalue(utilisateur))
    url = reverse(url_name)
    _peupler(N)
    mesurer_requetes(client, url, params)  # warm-up (content types, sessions, caches)
    petit, n_petit = mesurer_requetes(client, url, params)
    _peupler(3 * N)
    grand, n_grand = mesurer_requetes(client, url, params)
    assert (n_petit, n_grand) == (N * par_dispositif, 4 * N * par_dispositif)
    comparer_requetes(petit, grand, n_petit, n_grand)


@pytest.mark.parametrize("utilisateur", ["national", "ddets44"])
def test_fiche_entite_sans_n_plus_1(request, client, utilisateur):
    client.force_login(request.getfixturevalue(utilisateur))
    entite = EntiteFactory()
    url = reverse("entite:inspect", args=[entite.pk])
    _peupler(N, entite)
    _mesurer_page(client, url)
    petit, html = _mesurer_page(client, url)
    assert f"Dispositifs ({N})" in html
    _peupler(3 * N, entite)
    grand, html = _mesurer_page(client, url)
    assert f"Dispositifs ({4 * N})" in html
    comparer_requetes(petit, grand, N, 4 * N)


def _mesurer_page(client, url):
    with CaptureQueriesContext(connection) as capture:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in capture.captured_queries], response.content.decode()


def test_fiche_dispositif_sans_n_plus_1(client, ddets44):
    client.force_login(ddets44)
    dispositif = DispositifFactory()
    url = reverse("dispositif:inspect", args=[dispositif.pk])
    GroupeFactory(dispositif=dispositif)
    FinancementFactory(dispositif=dispositif, exercice=2020)
    _mesurer_page(client, url)
    petit, _ = _mesurer_page(client, url)
    for exercice in range(2021, 2024):
        GroupeFactory(dispositif=dispositif)
        FinancementFactory(dispositif=dispositif, exercice=exercice)
    grand, html = _mesurer_page(client, url)
    assert html.count('href="/admin/offre/financements/inspect/') == 4
    comparer_requetes(petit, grand, 1, 4)
