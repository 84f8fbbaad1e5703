"""The lists, the inspect page, the programme proposal and the work queue cost the same number
of SQL queries with N or 4N rows (one warm-up request first); each measure also checks how many
rows were listed, so that a perimeter or a filter hiding them cannot make it pass by itself."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backoffice.controle.choix import E, TypeMesure
from backoffice.controle.models import ProgrammeControle
from backoffice.controle.risques import evaluer, proposer
from backoffice.occupation.models import Occupation
from backoffice.pilotage.charge import charge_de
from tests.acces.outils import comparer_requetes, mesurer_requetes
from tests.controle.factories import controle_en, mesure_pour, nouveau_controle
from tests.factories import DispositifFactory, EntiteFactory
from tests.occupation.outils import mois_passe
from tests.qualite.outils import convention_en_vigueur

pytestmark = pytest.mark.django_db

N = 2


def _peupler(nombre, national, gestionnaire_entite):
    """`nombre` dispositifs of the 44, each with a control at the contradictory step (the
    entité's own one for one of them), a control at its suites with a measure due soon, and a
    programmed one."""
    for rang in range(nombre):
        entite = gestionnaire_entite if rang == 0 else EntiteFactory()
        dispositif = DispositifFactory(entite=entite)
        controle_en(dispositif, E.PROCEDURE_CONTRADICTOIRE, national)
        suites = controle_en(dispositif, E.RAPPORT_DEFINITIF, national)
        mesure_pour(suites, TypeMesure.INJONCTION)
        nouveau_controle(dispositif)


ECRANS = [
    ("controle:index", {}),
    ("controle:index", {"export": "xlsx"}),
    ("controle:index", {"etat": "procedure_contradictoire", "q": "CADA"}),
    ("mesure:index", {}),
]


@pytest.mark.parametrize("role", ["ddets44", "gestionnaire44"])
@pytest.mark.parametrize("nom, params", ECRANS, ids=[f"{n} {p}" for n, p in ECRANS])
def test_listes_en_requetes_constantes(request, client, national, dispositif44, role, nom, params):
    user = request.getfixturevalue(role)
    client.force_login(user)
    url = reverse(nom)
    _peupler(N, national, dispositif44.entite)
    mesurer_requetes(client, url, params)  # warm-up
    petit, lignes_petit = mesurer_requetes(client, url, params)
    _peupler(3 * N, national, EntiteFactory())
    grand, lignes_grand = mesurer_requetes(client, url, params)
    if role == "ddets44":
        assert lignes_grand == 4 * lignes_petit > 0
    else:  # the entité's own control only, whatever the others
        assert lignes_grand == lignes_petit > 0
    comparer_requetes(petit, grand, lignes_petit, lignes_grand)


def test_fiche_du_controle_en_nombre_fixe(client, national, dispositif44, ddets44):
    controle = controle_en(dispositif44, E.RAPPORT_DEFINITIF, national)
    client.force_login(ddets44)
    url = reverse("controle:inspect", args=[controle.pk])
    client.get(url)

    def mesurer():
        with CaptureQueriesContext(connection) as capture:
            assert client.get(url).status_code == 200
        return [q["sql"] for q in capture.captured_queries]

    petit = mesurer()
    for _ in range(4):
        mesure_pour(controle, TypeMesure.RECOMMANDATION)
    grand = mesurer()
    comparer_requetes(petit, grand, 0, 4)
    assert len(grand) < 80, len(grand)


def _dispositifs_a_risque(nombre, national):
    mois = [mois_passe(3), mois_passe(2), mois_passe(1)]
    for _ in range(nombre):
        dispositif = DispositifFactory()
        convention_en_vigueur(dispositif, national, debut=-400)
        for m in mois:
            Occupation.objects.create(
                dispositif=dispositif,
                mois=m,
                places_en_service=100,
                places_occupees=70,
                presence_indue_refugies=5,
                places_vacantes=30,
            )


def test_proposition_du_programme_en_requetes_constantes(national, ddets44):
    def mesurer(programme):
        with CaptureQueriesContext(connection) as capture:
            crees = proposer(programme, ddets44, nombre=2)
        assert len(crees) == 2
        return [q["sql"] for q in capture.captured_queries]

    _dispositifs_a_risque(N, national)
    assert len(evaluer("44")) == N
    petit = mesurer(ProgrammeControle.objects.create(departement_id="44", annee=2026))
    _dispositifs_a_risque(3 * N, national)
    assert len(evaluer("44")) == 4 * N - 2  # the first two are programmed now
    grand = mesurer(ProgrammeControle.objects.create(departement_id="44", annee=2027))
    comparer_requetes(petit, grand, N, 4 * N)


def test_page_de_proposition_en_requetes_constantes(client, national, ddets44):
    programme = ProgrammeControle.objects.create(departement_id="44", annee=2026)
    url = reverse("programme_controle:proposer", args=[programme.pk])
    client.force_login(ddets44)

    def mesurer():
        with CaptureQueriesContext(connection) as capture:
            reponse = client.get(url)
        assert reponse.status_code == 200
        return [q["sql"] for q in capture.captured_queries], len(reponse.context["risques"])

    _dispositifs_a_risque(N, national)
    mesurer()
    petit, n_petit = mesurer()
    _dispositifs_a_risque(3 * N, national)
    grand, n_grand = mesurer()
    assert n_grand == 4 * n_petit == 4 * N
    comparer_requetes(petit, grand, n_petit, n_grand)


@pytest.mark.parametrize("role", ["ddets44", "gestionnaire44"])
def test_charge_de_travail_en_requetes_constantes(request, national, dispositif44, role):
    user = request.getfixturevalue(role)

    def mesurer():
        user._affectations_cache = None
        with CaptureQueriesContext(connection) as capture:
            lignes = charge_de(user)["lignes"]
        return [q["sql"] for q in capture.captured_queries], lignes

    _peupler(N, national, dispositif44.entite)
    mesurer()  # warm-up (caches of the other queues)
    petit, lignes_petit = mesurer()
    _peupler(3 * N, national, EntiteFactory())
    grand, lignes_grand = mesurer()
    assert lignes_petit and lignes_grand
    comparer_requetes(petit, grand, N, 4 * N)
