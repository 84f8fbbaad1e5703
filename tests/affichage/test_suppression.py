"""The delete page of an object its state protects answers with the object's page and a French
message (it failed with an error 500: the delete view had no URL of the object's page)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.appels.factories import appel_44, publier
from tests.conventions.factories import amener, convention_pour

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_temporaire(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.usefixtures("media_temporaire")
def test_suppression_refusee_renvoie_a_la_fiche(client, national, dispositif44):
    objets = {
        "convention": amener(convention_pour(dispositif44), "soumise", national),
        "appel": publier(appel_44(), national),
    }
    client.force_login(national)
    for espace, objet in objets.items():
        response = client.get(reverse(f"{espace}:delete", args=[objet.pk]))
        assert response.status_code == 302, espace
        assert response["Location"] == reverse(f"{espace}:inspect", args=[objet.pk])
        messages = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("supprime" in m for m in messages), messages
