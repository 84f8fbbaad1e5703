"""The entité filter becomes a text filter when the perimeter holds many entités."""

import pytest
from django.urls import reverse

from backoffice.offre.filters import DispositifFilterSet
from tests.factories import DispositifFactory, EntiteFactory

pytestmark = pytest.mark.django_db


def test_filtre_texte_au_dela_du_seuil(client, national, monkeypatch):
    monkeypatch.setattr(DispositifFilterSet, "SEUIL_LISTE", 2)
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


def test_exercices_proposes_limites_au_perimetre(client, ddets75, dispositif44, dispositif75):
    from tests.factories import FinancementFactory

    FinancementFactory(dispositif=dispositif44, exercice=2019)
    FinancementFactory(dispositif=dispositif75, exercice=2024)
    client.force_login(ddets75)
    response = client.get(reverse("financement:index"))
    assert response.status_code == 200
    choix = [str(v) for v, _ in response.context["filters"].form.fields["exercice"].choices]
    assert "2024" in choix
    assert "2019" not in choix
    response = client.get(reverse("financement:index"), {"exercice": "2024"})
    assert [f.dispositif_id for f in response.context["object_list"]] == [dispositif75.pk]
