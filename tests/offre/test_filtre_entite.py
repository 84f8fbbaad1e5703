"""The entité filter becomes a text filter when the perimeter holds many entités."""

import pytest
from django.urls import reverse

from backoffice.offre.filters import DispositifFilterSet
from tests.factories import DispositifFactory, EntiteFactory

pytestmark = pytest.mark.django_db


def test_filtre_texte_au_dela_du_seuil(client, national, monkeypatch):
    monkeypatch.setattr(DispositifFilterSet, "SEUIL_LISTE_ENTITES", 2)
    cherche = DispositifFactory(entite=EntiteFactory(raison_sociale="Accueil du Phare"))
    autre = DispositifFactory(entite=EntiteFactory(raison_sociale="Horizon Solidaire"))
    DispositifFactory()
    client.force_login(national)
    for valeur in ("phare", cherche.entite.siren):
        response = client.get(reverse("dispositif:index"), {"entite": valeur})
        assert response.status_code == 200
        codes = [d.code for d in response.context["object_list"]]
        assert codes == [cherche.code], valeur
        assert autre.code not in codes
