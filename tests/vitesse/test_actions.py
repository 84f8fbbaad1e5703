"""Query counts of the key actions of the demo walk (benchmarks/parcours.py), never times.

Each action is measured with N, then 4N, other dispositifs in the same département and entité:
the count must not grow (the data-quality recomputation after a save covers the saved
dispositif, not its neighbours), and it is pinned, so that a change adding queries to an
action is a deliberate one (update the figure and say why).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backoffice.acces.roles import Role
from backoffice.offre.models import exercice_courant
from tests.acces.outils import comparer_requetes, donnees_formulaire, formulaire_de
from tests.factories import (
    DispositifFactory,
    FinancementFactory,
    GroupeFactory,
    UserFactory,
    affecter,
)

pytestmark = pytest.mark.django_db

# Queries of each action (the data-quality recomputation after commit included).
ENREGISTRER_DISPOSITIF = 37
CONNEXION = 9
FORMULAIRE_PUBLIC = 7
CREER_FINANCEMENT = 27

N = 3
MOT_DE_PASSE = "mot-de-passe-de-test-1"  # tests.factories.UserFactory


def _voisins(dispositif, nombre):
    for _ in range(nombre):
        voisin = DispositifFactory(entite=dispositif.entite, departement_id="44")
        GroupeFactory(dispositif=voisin)
        FinancementFactory(dispositif=voisin)


def _requetes(faire, capture_on_commit):
    """SQL of one action, the work it schedules after the commit included."""
    with CaptureQueriesContext(connection) as capture, capture_on_commit(execute=True):
        reponse = faire()
    return reponse, [q["sql"] for q in capture.captured_queries]


def test_enregistrer_un_dispositif(client, ddets44, django_capture_on_commit_callbacks):
    client.force_login(ddets44)
    dispositif = DispositifFactory(departement_id="44")
    url = reverse("dispositif:edit", args=[dispositif.pk])
    donnees = donnees_formulaire(formulaire_de(client, url))

    def enregistrer():
        reponse = client.post(url, donnees)
        assert reponse.status_code == 302
        return reponse

    _voisins(dispositif, N)
    _requetes(enregistrer, django_capture_on_commit_callbacks)  # warm-up
    _, petit = _requetes(enregistrer, django_capture_on_commit_callbacks)
    _voisins(dispositif, 3 * N)
    _, grand = _requetes(enregistrer, django_capture_on_commit_callbacks)
    comparer_requetes(petit, grand, N, 4 * N)
    assert len(petit) == ENREGISTRER_DISPOSITIF, "\n".join(petit)


def test_connexion(client, db, django_capture_on_commit_callbacks):
    agent = UserFactory(username="agent44@example.gouv.fr")
    affecter(agent, Role.DEPARTEMENTAL, departements=["44"])
    url = reverse("wagtailadmin_login")

    def connexion():
        reponse = client.post(url, {"username": agent.username, "password": MOT_DE_PASSE})
        assert reponse.status_code == 302
        return reponse

    connexion()
    client.logout()
    _, requetes = _requetes(connexion, django_capture_on_commit_callbacks)
    assert len(requetes) == CONNEXION, "\n".join(requetes)


def test_formulaire_public(client, django_capture_on_commit_callbacks):
    url = reverse("public:demande")
    client.get(url)
    reponse, requetes = _requetes(lambda: client.get(url), django_capture_on_commit_callbacks)
    assert reponse.status_code == 200
    assert len(requetes) == FORMULAIRE_PUBLIC, "\n".join(requetes)


def test_creer_un_financement(client, ddets44, django_capture_on_commit_callbacks):
    client.force_login(ddets44)
    dispositif = DispositifFactory(departement_id="44")
    url = reverse("financement:add")
    formulaire_de(client, url)
    actions = iter(["01", "02", "03"])

    def creer():
        donnees = {
            "dispositif": dispositif.pk,
            "exercice": exercice_courant(),
            "programme": "P303",
            "action": next(actions),  # (dispositif, exercice, programme, action, mode) unique
            "service_financeur": "DDETS",
            "mode": "dgf",
            "places_financees": "60",
            "montant_annuel": "427050.00",
            "orientation": "ofii",
        }
        reponse = client.post(url, donnees)
        assert reponse.status_code == 302, reponse.context["form"].errors
        return reponse

    _voisins(dispositif, N)
    _requetes(creer, django_capture_on_commit_callbacks)  # warm-up
    _, petit = _requetes(creer, django_capture_on_commit_callbacks)
    _voisins(dispositif, 3 * N)
    _, grand = _requetes(creer, django_capture_on_commit_callbacks)
    comparer_requetes(petit, grand, N, 4 * N)
    assert len(petit) == CREER_FINANCEMENT, "\n".join(petit)
