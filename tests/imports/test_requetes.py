"""Query counts do not grow with the number of rows (cached lookups, bulk writes)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backoffice.acces.roles import Role
from imports.temps1 import analyser, appliquer, lire_classeur
from tests.factories import UserFactory, affecter
from tests.imports.outils import dispositif, entite, financement, simple

pytestmark = pytest.mark.django_db


def classeur(chemin, n, decalage):
    """n entités, n dispositifs (two départements), n financements; numbers offset so two
    workbooks never share a row."""
    entites = [entite(decalage + i) for i in range(n)]
    dispositifs = [
        dispositif(
            decalage + i,
            entite_n=decalage + i,
            departement="44" if i % 2 else "85",
            code_postal="44100" if i % 2 else "85000",
        )
        for i in range(n)
    ]
    financements = [financement(decalage + i) for i in range(n)]
    return simple(chemin, entites, dispositifs, financements)


def requetes(fonction):
    with CaptureQueriesContext(connection) as capture:
        resultat = fonction()
    return len(capture.captured_queries), resultat


def test_analyse_et_application_30_et_120_lignes(tmp_path, django_user_model):

    affecter(
        UserFactory(username="ddets-44-85@example.gouv.fr"),
        Role.DEPARTEMENTAL,
        departements=["44", "85"],
    )

    def utilisateur():  # a fresh object: its perimeter is loaded again, as per request
        return get_user_model().objects.get(username="ddets-44-85@example.gouv.fr")

    petit = lire_classeur(classeur(tmp_path / "petit.xlsx", 30, 0))
    grand = lire_classeur(classeur(tmp_path / "grand.xlsx", 120, 1000))
    echauffement = lire_classeur(classeur(tmp_path / "echauffement.xlsx", 5, 5000))
    appliquer(analyser(echauffement, utilisateur()), libelle="échauffement")

    n_petit, rapport_petit = requetes(lambda: analyser(petit, utilisateur()))
    n_grand, rapport_grand = requetes(lambda: analyser(grand, utilisateur()))
    assert rapport_petit.ok and rapport_grand.ok
    assert n_petit == n_grand

    a_petit, _ = requetes(lambda: appliquer(rapport_petit, libelle="petit"))
    a_grand, _ = requetes(lambda: appliquer(rapport_grand, libelle="grand"))
    # Writes go in batches: no query per row (360 objects and their history for the large one).
    # SQLite caps a statement at 999 parameters, so its batches are smaller than PostgreSQL's.
    assert a_grand < 36
    if connection.vendor == "postgresql":
        assert a_petit == a_grand

    # Analysing existing rows (updates and unchanged) costs the same too.
    n_petit, r = requetes(lambda: analyser(petit, utilisateur()))
    n_grand, r2 = requetes(lambda: analyser(grand, utilisateur()))
    assert r.to_json()["sheets"]["Dispositifs"]["unchanged"] == 30
    assert r2.to_json()["sheets"]["Dispositifs"]["unchanged"] == 120
    assert n_petit == n_grand
