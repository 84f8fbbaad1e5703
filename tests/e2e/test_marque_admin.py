"""The admin in a real browser: the sidebar drawn by Wagtail's script shows our bloc-marque (not the
bird), and its search box finds our objects in the agent's perimeter."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import DispositifFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Any admin page has the sidebar; this one is light (the home page computes the dashboard).
ADMIN = "/admin/recherche/"


@pytest.fixture(autouse=True)
def _gabarits_compiles(client, ddets44):
    """The first admin page of a session compiles the admin's templates and loads its hooks
    (seconds on a loaded machine): do it once in-process, before the browser's timed loads."""
    client.force_login(ddets44)
    assert client.get(ADMIN).status_code == 200


def test_barre_laterale_a_la_marque_de_l_etat(page, connecter, ddets44):
    connecter(ddets44)
    page.goto(ADMIN)
    marque = page.locator(".sidebar-custom-branding")
    expect(marque).to_be_visible()
    expect(marque).to_contain_text("Parc d'hébergement")
    expect(marque).to_contain_text("République")
    expect(page.locator(".sidebar-wagtail-branding")).to_have_count(0)


def test_recherche_de_la_barre_laterale(page, connecter, ddets44):
    DispositifFactory(nom="CADA Les Mimosas", departement_id="44")
    DispositifFactory(nom="HUDA Mimosas Paris", departement_id="75", code_postal="75011")
    connecter(ddets44)
    page.goto(ADMIN)

    recherche = page.locator("#wagtail-sidebar").get_by_role("textbox")
    recherche.fill("mimosas")
    recherche.press("Enter")

    expect(page).to_have_url(re.compile(r"/admin/recherche/\?q=mimosas"))
    resultats = page.get_by_role("main")
    expect(resultats).to_contain_text("Dispositifs (1)")
    expect(
        resultats.get_by_role("link", name=re.compile(r"^\d+-\d+ – CADA Les Mimosas$"))
    ).to_be_visible()
    expect(resultats).not_to_contain_text("HUDA Mimosas Paris")
