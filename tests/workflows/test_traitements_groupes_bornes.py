"""A bulk action handles at most `ACTIONS_GROUPEES_MAX` rows per submission: above, the whole
submission is refused with a French message and nothing is done (docs/decisions.md); the bulk
page shows no more rows than one submission may take."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from backoffice.conventions.models import Convention
from backoffice.demandes.models import Demande
from tests.conventions.factories import amener, convention_pour
from tests.demandes.factories import DemandeFactory
from tests.factories import DispositifFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def maximum(settings):
    settings.ACTIONS_GROUPEES_MAX = 2
    return 2


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _soumises(nombre, national):
    return [
        amener(convention_pour(DispositifFactory(departement_id="44")), "soumise", national)
        for _ in range(nombre)
    ]


def test_page_groupee_montre_au_plus_le_maximum(client, national, ddets44, maximum):
    _soumises(3, national)
    client.force_login(ddets44)
    page = client.get(reverse("convention:transition_groupee", args=["pre_valider"]))
    assert len(page.context["lignes"]) == 2
    assert "Les 2 premiers éléments sont affichés" in page.content.decode()


def test_page_groupee_refuse_au_dela_du_maximum(client, national, ddets44, maximum):
    conventions = _soumises(3, national)
    client.force_login(ddets44)
    url = reverse("convention:transition_groupee", args=["pre_valider"])
    assert client.get(url).status_code == 200
    # Three checked rows: the page shows two, a third box added by hand (or an old page).
    reponse = client.post(url, {"objets": [c.pk for c in conventions], "commentaire": "Lot"})
    assert reponse.status_code == 200
    assert _messages(reponse) == [
        "Au plus 2 éléments par traitement groupé : vous en avez coché 3. Rien n'a été "
        "effectué ; cochez-en moins et recommencez."
    ]
    assert reponse.context["form"]["commentaire"].value() == "Lot"  # nothing typed is lost
    assert set(Convention.objects.values_list("etat", flat=True)) == {"soumise"}


def test_page_groupee_traite_le_maximum(client, national, ddets44, maximum):
    conventions = _soumises(2, national)
    client.force_login(ddets44)
    url = reverse("convention:transition_groupee", args=["pre_valider"])
    reponse = client.post(url, {"objets": [c.pk for c in conventions], "commentaire": "Lot"})
    assert reponse.status_code == 302
    assert set(Convention.objects.values_list("etat", flat=True)) == {"pre_validee"}


def test_file_des_demandes_refuse_au_dela_du_maximum(client, siao44, maximum):
    demandes = [DemandeFactory() for _ in range(3)]
    client.force_login(siao44)
    index = reverse("demande:index")
    page = client.get(index).content.decode()
    assert 'id="actions-groupees"' in page
    for demande in demandes:
        assert f'value="{demande.pk}" form="actions-groupees"' in page
    reponse = client.post(
        reverse("demande:actions_groupees"),
        {
            "action": "pre_valider",
            "demandes": [d.pk for d in demandes],
            "commentaire": "Lot",
            "next": index,
        },
    )
    assert reponse.status_code == 302
    assert reponse["Location"] == index
    assert _messages(reponse) == [
        "Au plus 2 demandes par traitement groupé : vous en avez coché 3. Rien n'a été "
        "effectué ; cochez-en moins et recommencez."
    ]
    etats = {d.pk: d.etat for d in Demande.objects.all()}
    assert etats == {d.pk: d.etat for d in demandes}
