"""Delete views of conventions, avenants and calls: out of perimeter → 404 (never a 500), and
the deletion rules (backoffice/suppression.py) hold whatever the URL."""

import pytest
from django.urls import reverse

from backoffice.territoires.models import Region
from tests.appels.factories import appel_44
from tests.conventions.factories import avenant_pour, convention_pour, jours
from tests.factories import DispositifFactory


@pytest.fixture
def objets75(db):
    dispositif = DispositifFactory(departement_id="75", commune="Paris", code_postal="75011")
    convention = convention_pour(dispositif)
    avenant = avenant_pour(convention, dispositif, 45, jours(20))
    appel = appel_44(repartition=(("75", 100),), region=Region.objects.get(code="11"))
    return {"convention": convention, "avenant": avenant, "appel": appel}


ROLES = ["ddets44", "siao44", "regional52", "lecteur44", "gestionnaire44"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("espace", ["convention", "avenant", "appel"])
@pytest.mark.parametrize("methode", ["get", "post"])
def test_suppression_hors_perimetre_introuvable(request, client, objets75, role, espace, methode):
    client.raise_request_exception = True
    client.force_login(request.getfixturevalue(role))
    objet = objets75[espace]
    reponse = getattr(client, methode)(reverse(f"{espace}:delete", args=[objet.pk]))
    assert reponse.status_code == 404
    assert type(objet).objects.filter(pk=objet.pk).exists()


def test_une_donnee_de_reference_encore_utilisee_se_refuse_en_francais(client, national):
    """A région still holding départements (PROTECT in the database): a French message on the
    confirmation page, nothing deleted — it answered a 500."""
    client.raise_request_exception = True
    client.force_login(national)
    url = reverse("region:delete", args=["52"])
    reponse = client.post(url)
    assert reponse.status_code == 302 and reponse["Location"] == url
    html = client.get(url).content.decode()
    assert (
        "D&#x27;autres données font référence à cette région : impossible de la supprimer." in html
    )
    assert Region.objects.filter(code="52").exists()
