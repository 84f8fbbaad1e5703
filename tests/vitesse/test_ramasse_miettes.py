"""Full garbage collections do not walk what the process loaded once (backoffice/demarrage.py)."""

import gc

import pytest
from django.urls import reverse


@pytest.fixture
def processus_neuf():
    """As if the process had not served a request yet (the suite has served many)."""
    from backoffice import demarrage

    gc.unfreeze()
    demarrage.connecter()
    yield
    gc.unfreeze()


@pytest.mark.django_db
def test_objets_charges_geles_apres_la_premiere_requete(client, processus_neuf):
    assert gc.get_freeze_count() == 0
    assert client.get(reverse("wagtailadmin_login")).status_code == 200
    geles = gc.get_freeze_count()
    assert geles > 0
    assert client.get(reverse("wagtailadmin_login")).status_code == 200
    # Once per process, not per request (frozen objects freed since only lower the count).
    assert gc.get_freeze_count() <= geles
