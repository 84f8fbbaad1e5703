"""An export above the threshold, in a real browser: the list's « Télécharger en CSV » opens the
export's page, which offers the file once written, and « Mes exports » keeps it."""

import csv
import io

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from backoffice.acces.roles import Role
from tests.factories import DispositifFactory, UserFactory, affecter

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_un_grand_export_passe_par_la_page_de_l_export(
    page, live_server, se_connecter, settings, tmp_path
):
    settings.EXPORTS_SEUIL_DIFFERE = 2
    agent = UserFactory(username="agent.ddets44@example.gouv.fr")
    affecter(agent, Role.DEPARTEMENTAL, departements=["44"])
    noms = [f"CADA Les Tilleuls {rang}" for rang in range(3)]
    for nom in noms:
        DispositifFactory(nom=nom)
    DispositifFactory(nom="CADA Belleville", departement_id="75", commune="Paris")

    se_connecter(agent)
    page.goto(live_server.url + reverse("dispositif:index"))
    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Télécharger en CSV").click()

    expect(page.locator("h1")).to_contain_text("Export")
    expect(page.locator("[data-etat]")).to_have_text("Terminé")
    lien = page.get_by_role("link", name="Télécharger le fichier")
    with page.expect_download() as telechargement:
        lien.click()
    fichier = tmp_path / telechargement.value.suggested_filename
    telechargement.value.save_as(fichier)
    lignes = list(csv.reader(io.StringIO(fichier.read_text("utf-8-sig")), delimiter=";"))
    colonne = lignes[0].index("Nom du dispositif")
    assert sorted(ligne[colonne] for ligne in lignes[1:]) == noms  # never Paris

    page.get_by_role("link", name="Mes exports").first.click()
    expect(page.locator("table.listing tbody tr")).to_have_count(1)
