import pytest
from django.urls import reverse

from tests.factories import FinancementFactory, GroupeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name",
    [
        "dispositif:index",
        "entite:index",
        "groupe:index",
        "financement:index",
        "nature:index",
        "typedispositif:index",
        "departement:index",
        "region:index",
        "siao:index",
        "programme:index",
    ],
)
def test_listes_repondent_pour_le_national(client, national, dispositif44, url_name):
    GroupeFactory(dispositif=dispositif44)
    FinancementFactory(dispositif=dispositif44)
    client.force_login(national)
    response = client.get(reverse(url_name))
    assert response.status_code == 200


def test_pages_dispositif(client, national, dispositif44):
    GroupeFactory(dispositif=dispositif44, places=30)
    FinancementFactory(dispositif=dispositif44, places_financees=70)
    client.force_login(national)
    for name in ("inspect", "edit", "history", "delete"):
        response = client.get(reverse(f"dispositif:{name}", args=[dispositif44.pk]))
        assert response.status_code == 200, name
    response = client.get(reverse("dispositif:inspect", args=[dispositif44.pk]))
    content = response.content.decode()
    assert 'data-capacite="ouvertes">30<' in content
    assert 'data-capacite="financees">70<' in content
