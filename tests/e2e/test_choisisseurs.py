"""In a real browser: a form's dispositif is chosen through « Choisir un dispositif » (search in
the modal, pick), then saved; the modal lists the dispositifs of the user's perimeter only."""

import pytest
from playwright.sync_api import expect

from backoffice.offre.models import GroupeDePlaces
from tests.factories import DispositifFactory, EntiteFactory, departement

from .choisisseur import choisir

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_choisir_un_dispositif_puis_enregistrer(page, connecter, ddets44):
    cherche = DispositifFactory(departement_id="44", nom="CADA Les Érables")
    DispositifFactory(departement_id="44", nom="CADA Les Tilleuls")
    entite75 = EntiteFactory(departement=departement("75"))
    DispositifFactory(departement_id="75", nom="CADA Les Érables de Paris", entite=entite75)
    connecter(ddets44)

    page.goto("/admin/offre/groupes/new/")
    # The search is accent-insensitive; the 75 homonym is out of the DDETS 44's perimeter.
    choisir(page, "dispositif", "Choisir un dispositif", "erables", str(cherche))
    page.locator("[id='id_dispositif-chooser']").get_by_role("button", name="Actions").click()
    page.get_by_role("button", name="Choisir un autre dispositif").click()
    modale = page.locator(".modal-dialog")
    modale.locator("#id_q").fill("erables")
    expect(modale.locator("#search-results tbody tr")).to_have_count(1)
    expect(modale).not_to_contain_text("de Paris")
    modale.locator("#search-results").get_by_role("link", name=str(cherche)).click()
    expect(modale).to_be_hidden()

    page.locator("[name=libelle]").fill("Appartements diffus")
    page.locator("[name=places]").fill("12")
    page.locator("[name=public]").select_option("familles")
    page.locator("[name=mode_hebergement]").select_option("diffus")
    page.get_by_role("button", name="Créer", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("créé")

    groupe = GroupeDePlaces.objects.get(libelle="Appartements diffus")
    assert groupe.dispositif == cherche
