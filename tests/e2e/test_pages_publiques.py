"""The public pages (DSFR) in a real browser: no JavaScript error, and the « Espace des agents »
link reachable on a phone (375 px), through the header's mobile menu."""

import re

import pytest
from playwright.sync_api import expect

from tests.demandes.factories import DemandeFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TELEPHONE = {"width": 375, "height": 812}


@pytest.fixture(autouse=True)
def _dossiers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEMANDE_DOSSIER_TEMPORAIRE = tmp_path / "temporaire"


@pytest.fixture
def pages_publiques():
    demande = DemandeFactory()
    return {
        "formulaire": "/demande/",
        "accusé de réception": "/demande/envoyee/",
        "suivi": f"/demande/suivi/{demande.jeton}/",
        "annulation": f"/demande/suivi/{demande.jeton}/annuler/",
    }


def _erreurs_de(page):
    erreurs = []
    page.on("pageerror", lambda erreur: erreurs.append(f"exception : {erreur}"))
    page.on(
        "console",
        lambda message: (
            erreurs.append(f"console : {message.text}") if message.type == "error" else None
        ),
    )
    return erreurs


@pytest.mark.parametrize("largeur", [1400, 375])
def test_aucune_erreur_javascript(page, pages_publiques, largeur):
    page.set_viewport_size({"width": largeur, "height": 900})
    erreurs = _erreurs_de(page)
    for nom, url in pages_publiques.items():
        reponse = page.goto(url)
        assert reponse.status == 200, f"{nom} : {reponse.status}"
        page.wait_for_load_state("networkidle")
        assert not erreurs, f"{nom} ({url}, {largeur} px) : {erreurs}"


def test_espace_des_agents_sur_grand_ecran(page):
    page.goto("/demande/")
    page.get_by_role("link", name="Espace des agents").click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))


def test_espace_des_agents_sur_telephone_par_le_menu(page):
    page.set_viewport_size(TELEPHONE)
    erreurs = _erreurs_de(page)
    page.goto("/demande/")
    lien = page.get_by_role("link", name="Espace des agents")
    expect(lien).to_be_hidden()  # not on the narrow header itself: in its menu

    page.get_by_role("button", name="Menu").click()
    lien = page.locator("#menu-public").get_by_role("link", name="Espace des agents")
    expect(lien).to_be_visible()
    lien.click()

    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.get_by_role("heading", name="Espace des agents")).to_be_visible()
    assert not erreurs, erreurs
