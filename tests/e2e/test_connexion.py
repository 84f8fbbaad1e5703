"""The login page, typed into as a person would (the only browser test that types a password)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import MOT_DE_PASSE

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def remplir_connexion(page, identifiant, mot_de_passe):
    page.get_by_label("Identifiant").fill(identifiant)
    page.get_by_label("Mot de passe").fill(mot_de_passe)
    page.get_by_role("button", name="S'identifier").click()


def test_un_agent_se_connecte_et_arrive_sur_le_tableau_de_bord(page, ddets44):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))

    remplir_connexion(page, ddets44.username, MOT_DE_PASSE)

    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("navigation", name="Menu principal")).to_contain_text("Offre")


def test_un_mauvais_mot_de_passe_est_refuse(page, ddets44):
    page.goto("/admin/login/")

    remplir_connexion(page, ddets44.username, "pas-le-bon-mot-de-passe")

    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.get_by_text(re.compile("ne correspondent à aucun utilisateur"))).to_be_visible()
