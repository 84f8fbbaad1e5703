"""Shared fixtures: one user per role, in the 44 (Loire-Atlantique) and in the 75 (Paris)."""

import os

import pytest

from backoffice.acces.roles import Role
from tests.factories import DispositifFactory, UserFactory, affecter, siao_de

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _cache_vide():
    """Each test starts with an empty cache. The dashboard's figures are kept until the data
    change, keyed on the latest history ids (backoffice/pilotage/memoire.py): a rolled-back
    test hands the same ids to the next one, not the same rows. The sidebars kept per process
    (backoffice/acces/templatetags/barre_laterale.py) too, so that a test counting how often the
    menu is built does not depend on the tests run before it."""
    from django.core.cache import cache

    from backoffice.acces.templatetags import barre_laterale

    cache.clear()
    barre_laterale.vider()


@pytest.fixture
def national(db):
    user = UserFactory(username="national@example.gouv.fr")
    affecter(user, Role.NATIONAL)
    return user


@pytest.fixture
def ddets44(db):
    user = UserFactory(username="ddets44@example.gouv.fr")
    affecter(user, Role.DEPARTEMENTAL, departements=["44"])
    return user


@pytest.fixture
def ddets75(db):
    user = UserFactory(username="ddets75@example.gouv.fr")
    affecter(user, Role.DEPARTEMENTAL, departements=["75"])
    return user


@pytest.fixture
def siao44(db):
    user = UserFactory(username="siao44@example.gouv.fr")
    affecter(user, Role.SIAO, siao=siao_de("44"))
    return user


@pytest.fixture
def regional52(db):
    user = UserFactory(username="dreets52@example.gouv.fr")
    affecter(user, Role.REGIONAL, region="52")
    return user


@pytest.fixture
def lecteur44(db):
    user = UserFactory(username="lecteur44@example.gouv.fr")
    affecter(user, Role.LECTEUR, departements=["44"])
    return user


@pytest.fixture
def dispositif44(db):
    return DispositifFactory(departement_id="44")


@pytest.fixture
def dispositif75(db):
    return DispositifFactory(departement_id="75", commune="Paris", code_postal="75011")


@pytest.fixture
def gestionnaire44(db, dispositif44):
    user = UserFactory(username="gestionnaire44@example.gouv.fr")
    affecter(user, Role.GESTIONNAIRE, entite=dispositif44.entite)
    return user
