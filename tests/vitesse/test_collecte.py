"""The cyclic collector is paused while the figures are computed (backoffice/collecte.py): a
third of the national curve's CPU went to collections that freed nothing."""

import gc
import random
import threading

import pytest

from backoffice import bitemporel
from backoffice.acces.perimetres import NATIONAL
from backoffice.collecte import sans_collecte
from backoffice.pilotage import comparaison, indicateurs
from backoffice.pilotage.evolution import fins_de_mois
from tests.pilotage.test_indicateurs import AUJOURDHUI, PASSE, parc_aleatoire


@pytest.fixture
def collecteur_actif():
    etait = gc.isenabled()
    gc.enable()
    yield
    if not etait:
        gc.disable()


def test_pause_puis_reprise(collecteur_actif):
    with sans_collecte():
        assert not gc.isenabled()
        with sans_collecte():  # nested: still paused after the inner one ends
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_reprise_meme_apres_une_erreur(collecteur_actif):
    with pytest.raises(ZeroDivisionError), sans_collecte():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_un_collecteur_deja_arrete_le_reste():
    etait = gc.isenabled()
    gc.disable()
    try:
        with sans_collecte():
            pass
        assert not gc.isenabled()
    finally:
        if etait:
            gc.enable()


def test_deux_fils_le_collecteur_reprend_quand_le_dernier_sort(collecteur_actif):
    entre, sortir = threading.Event(), threading.Event()

    def autre_fil():
        with sans_collecte():
            entre.set()
            sortir.wait(5)

    fil = threading.Thread(target=autre_fil)
    fil.start()
    entre.wait(5)
    with sans_collecte():
        pass
    assert not gc.isenabled()  # the other thread is still computing
    sortir.set()
    fil.join(5)
    assert gc.isenabled()


@pytest.mark.django_db
def test_les_chiffres_sont_calcules_collecteur_en_pause(collecteur_actif, monkeypatch):
    """The curve, the photographs of both axes and the comparison read their rows with the
    collector paused, and leave it running."""
    parc_aleatoire(random.Random(3), n=4)
    vus = []
    lire = bitemporel.versions_au

    def espion(*args, **kwargs):
        vus.append(gc.isenabled())
        return lire(*args, **kwargs)

    monkeypatch.setattr(indicateurs, "versions_au", espion)
    monkeypatch.setattr(bitemporel, "versions_au", espion)
    indicateurs.series_connues(NATIONAL, fins_de_mois(AUJOURDHUI))
    indicateurs.photographie(NATIONAL, PASSE)
    comparaison.comparer(NATIONAL, PASSE, AUJOURDHUI)
    assert vus and not any(vus)
    assert gc.isenabled()
