"""A DDETS agent finds a dispositif of their département the way they would: menu, search, page."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import DispositifFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_la_ddets_trouve_ses_dispositifs_et_seulement_les_siens(connecter, ddets44):
    a_nantes = DispositifFactory(nom="CADA Les Tilleuls")
    a_saint_nazaire = DispositifFactory(nom="HUDA Le Phare", commune="Saint-Nazaire")
    a_paris = DispositifFactory(nom="CADA Belleville", departement_id="75", commune="Paris")
    page = connecter(ddets44)

    page.goto("/admin/")
    menu = page.get_by_role("navigation", name="Menu principal")
    menu.get_by_role("button", name="Offre").click()
    menu.get_by_role("link", name="Dispositifs").click()

    expect(page).to_have_url(re.compile(r"/admin/.*dispositif"))
    liste = page.locator("#listing-results")
    expect(liste).to_contain_text(a_nantes.nom)
    expect(liste).to_contain_text(a_saint_nazaire.nom)
    expect(liste).not_to_contain_text(a_paris.nom)

    # The listing searches as you type.
    page.get_by_role("textbox", name="Terme de recherche").fill("phare")
    expect(liste).not_to_contain_text(a_nantes.nom)
    expect(liste).to_contain_text(a_saint_nazaire.nom)

    liste.get_by_role("link", name=a_saint_nazaire.nom).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(a_saint_nazaire.nom)
    expect(page.locator("main")).to_contain_text(a_saint_nazaire.code)
