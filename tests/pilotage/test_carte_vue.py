"""The map page: a département without any figure is « sans donnée » (hatched, in the legend),
never coloured like a zero."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from backoffice.offre.models import TypeDispositif
from tests.factories import DispositifFactory, FinancementFactory

pytestmark = pytest.mark.django_db


def classes_et_legende(client, user, indicateur):
    client.force_login(user)
    reponse = client.get(reverse("pilotage_carte"), {"indicateur": indicateur})
    assert reponse.status_code == 200
    soupe = BeautifulSoup(reponse.content, "html.parser")
    classes = {path["data-code"]: path["class"][0] for path in soupe.select(".carte-pilotage path")}
    legende = [li.get_text(strip=True) for li in soupe.select(".carte-legende li")]
    return classes, legende


def test_departement_sans_dispositif_sans_donnee_et_zero_colore(client, national):
    DispositifFactory(departement_id="44")  # no groupe de places: 0 ouvertes, a real zero
    classes, legende = classes_et_legende(client, national, "ouvertes")
    assert classes["44"] != "carte-sans-donnee"
    assert classes["75"] == "carte-sans-donnee"
    assert legende[-1] == "Sans donnée"


def test_perimetre_departemental_sans_dispositif_sans_donnee(client, ddets44):
    classes, legende = classes_et_legende(client, ddets44, "ouvertes")
    assert classes["44"] == "carte-sans-donnee"
    assert legende == ["Sans donnée"]


def test_ecart_aux_autorisees_sans_donnee_sans_type_sous_autorisation(client, national):
    huda = DispositifFactory(departement_id="75", type=TypeDispositif.objects.get(code="HUDA"))
    FinancementFactory(dispositif=huda, places_financees=50)
    cada = DispositifFactory(departement_id="44", places_autorisees=80)
    FinancementFactory(dispositif=cada, places_financees=50)
    classes, _ = classes_et_legende(client, national, "ecart_financees")
    assert classes["75"] == "carte-sans-donnee"
    assert classes["44"] != "carte-sans-donnee"
