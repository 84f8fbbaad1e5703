"""Absolute query counts of the main pages, for a national and a departmental account, on a small
fixed park. Besides the N-versus-4N checks (tests/acces/outils.py), which catch a count growing
with the rows, these pin the count itself: a change that adds a query to a page fails here, and
whoever makes it updates the figure knowingly (and says why in the commit).

Each page is asked once before counting: the first request of a test warms process-wide caches
(content types, site settings) that a real server keeps warm."""

import pytest
from django.urls import reverse

from backoffice.qualite.services import recalculer
from tests.appels.factories import appel_44, deposer, publier
from tests.conventions.factories import convention_pour
from tests.demandes.factories import DemandeFactory
from tests.factories import DispositifFactory, FinancementFactory, GroupeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def parc(national, dispositif44, dispositif75):
    """Two dispositifs in the 44 (one closed), one in the 75, each with a groupe, a financing
    line, a convention in force and a request; a published call with a candidature; the quality
    rules run."""
    ferme = DispositifFactory(departement_id="44", ferme=True)
    for dispositif in (dispositif44, ferme, dispositif75):
        GroupeFactory(dispositif=dispositif)
        FinancementFactory(dispositif=dispositif)
        convention_pour(dispositif, en_vigueur=True)
        DemandeFactory(departement_id=dispositif.departement_id, soumise=True)
    DemandeFactory(departement_id="44", pre_validee=True)
    appel = publier(appel_44(), national)
    deposer(national, appel, dispositif44.entite)
    recalculer()
    return {"dispositif44": dispositif44}


PAGES = {
    "dispositifs": lambda parc: reverse("dispositif:index"),
    "entites": lambda parc: reverse("entite:index"),
    "financements": lambda parc: reverse("financement:index"),
    "groupes": lambda parc: reverse("groupe:index"),
    "anomalies": lambda parc: reverse("anomalie:index"),
    "demandes": lambda parc: reverse("demande:index"),
    "conventions": lambda parc: reverse("convention:index"),
    "appels": lambda parc: reverse("appel:index"),
    "fiche_dispositif": lambda parc: reverse("dispositif:inspect", args=[parc["dispositif44"].pk]),
    "tableau_de_bord": lambda parc: reverse("wagtailadmin_home"),
    "carte": lambda parc: reverse("pilotage_carte"),
}

# (page, account) → queries of one GET, today. Update knowingly.
# −2 on every page but the dashboard since the sidebar is reused for the same person and rights:
# building it read Wagtail's page and collection permissions (for the Pages, Images and Documents
# entries, removed afterwards); the dashboard's Wagtail panels still read them.
# +1 on every list since a page reads its keys, then its rows (backoffice/acces/pagination.py):
# the sort and the skipped rows no longer drag the joins and annotations of the whole perimeter.
ATTENDU = {
    ("dispositifs", "national"): 16,
    ("dispositifs", "ddets44"): 16,
    ("entites", "national"): 12,
    ("entites", "ddets44"): 12,
    ("financements", "national"): 15,
    ("financements", "ddets44"): 15,
    ("groupes", "national"): 13,
    ("groupes", "ddets44"): 13,
    ("anomalies", "national"): 12,
    ("anomalies", "ddets44"): 12,
    ("demandes", "national"): 14,
    ("demandes", "ddets44"): 14,
    # +1 since the entité filter counts the perimeter to choose a <select> or the chooser.
    ("conventions", "national"): 20,
    ("conventions", "ddets44"): 20,
    ("appels", "national"): 13,
    ("appels", "ddets44"): 13,
    # +4 since the sections of the occupancy, the contrôles, the signalements and the ESSMS
    # evaluations (one query each: that dispositif's rows in the perimeter).
    ("fiche_dispositif", "national"): 29,
    ("fiche_dispositif", "ddets44"): 29,
    # −5 since the perimeter's photograph is cached like the chart (−6 queries of the rows read,
    # +1 for the types' regime in the key). +4 since the control phase: the work queue's
    # contrôles and measures waiting (2) and signalements waiting (1), the occupancy panel's
    # latest month imported (1; none here, so the panel reads nothing more).
    ("tableau_de_bord", "national"): 41,
    ("tableau_de_bord", "ddets44"): 41,
    ("carte", "national"): 17,
    ("carte", "ddets44"): 17,
}


@pytest.mark.parametrize("compte", ["national", "ddets44"])
@pytest.mark.parametrize("page", list(PAGES))
def test_nombre_de_requetes_d_une_page(
    request, client, parc, page, compte, django_assert_num_queries
):
    client.force_login(request.getfixturevalue(compte))
    url = PAGES[page](parc)
    assert client.get(url).status_code == 200  # warm-up
    with django_assert_num_queries(ATTENDU[page, compte]):
        reponse = client.get(url)
    assert reponse.status_code == 200
