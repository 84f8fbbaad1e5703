"""The public request page: its cost does not come from rebuilding the template machinery.

django-dsfr gives each form a new renderer, hence a new template engine that scans every
template-tag library and reads its templates from disk again: nine engines per page view.
"""

import pytest
from django.template.backends.django import DjangoTemplates
from django.urls import reverse


@pytest.fixture
def moteurs_crees(monkeypatch):
    """The number of template engines built since the fixture started."""
    compteur = []
    construire = DjangoTemplates.__init__

    def compter(self, *args, **kwargs):
        compteur.append(self)
        construire(self, *args, **kwargs)

    monkeypatch.setattr(DjangoTemplates, "__init__", compter)
    return compteur


@pytest.mark.django_db
def test_formulaire_public_ne_reconstruit_pas_de_moteur_de_gabarits(client, moteurs_crees):
    assert client.get(reverse("public:demande")).status_code == 200  # warm-up
    avant = len(moteurs_crees)
    assert client.get(reverse("public:demande")).status_code == 200
    assert len(moteurs_crees) == avant
