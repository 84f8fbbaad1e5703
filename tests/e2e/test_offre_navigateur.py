"""A DDETS agent, in a real browser: logs in, filters the dispositif list, exports it to XLSX.

`live_server` tests run in transactions that are flushed at the end, which would also wipe the
reference data loaded by data migrations (départements, nomenclature). `serialized_rollback`
reloads that data before the test, so the factories find "44", "CADA"…
"""

import re

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from backoffice.acces.roles import Role
from backoffice.offre.models import TypeDispositif
from tests.factories import DispositifFactory, UserFactory, affecter

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CAPTURE_LISTE = "/tmp/e2e-liste.png"
ENTETES_EXPORT = (
    "Code dispositif",
    "Référence locale",
    "Nom du dispositif",
    "SIREN de l'entité",
    "Entité gestionnaire",
    "Nature",
    "Type",
    "Département",
    "Adresse",
    "Code postal",
    "Commune",
    "SIRET",
    "FINESS",
    "Code DNA (OFII)",
    "Public",
    "Mode d'hébergement",
    "Places autorisées",
    "Dont places PMR",
    "Places financées (exercice en cours)",
    "Places ouvertes",
    "Date d'ouverture",
    "Date de fermeture",
    "Téléphone",
    "Courriel",
)


def test_ddets_filtre_par_type_et_exporte_ses_dispositifs(
    page, live_server, se_connecter, tmp_path
):
    agent = UserFactory(username="agent.ddets44@example.gouv.fr")
    affecter(agent, Role.DEPARTEMENTAL, departements=["44"])
    cada_1 = DispositifFactory(nom="CADA Les Tilleuls", places_autorisees=80)
    cada_2 = DispositifFactory(nom="CADA Le Port", commune="Saint-Nazaire", code_postal="44600")
    huda = DispositifFactory(
        nom="HUDA Le Phare", type=TypeDispositif.objects.get(code="HUDA"), places_autorisees=45
    )
    # Same type, other département: out of the agent's perimeter, never shown nor exported.
    paris = DispositifFactory(
        nom="CADA Belleville", departement_id="75", commune="Paris", code_postal="75011"
    )

    se_connecter(agent)

    page.goto(live_server.url + reverse("dispositif:index"))
    lignes = page.locator("#listing-results tbody tr")
    expect(lignes).to_have_count(3)
    expect(page.locator("#listing-results")).not_to_contain_text(paris.nom)

    # The filter drilldown of the listing header: Type → CADA (the list reloads by itself).
    page.get_by_role("button", name="Afficher les filtres").click()
    page.locator("#filters-drilldown").get_by_role("button", name="Type", exact=True).click()
    page.locator("#drilldown-id_type").get_by_label("Type").select_option("CADA")
    page.wait_for_url(re.compile(r"[?&]type=CADA\b"))
    expect(lignes).to_have_count(2)
    resultats = page.locator("#listing-results")
    expect(resultats).to_contain_text(cada_1.nom)
    expect(resultats).to_contain_text(cada_2.nom)
    expect(resultats).not_to_contain_text(huda.nom)
    expect(resultats).not_to_contain_text(paris.nom)
    page.get_by_role("button", name="Afficher les filtres").click()  # close the drilldown
    expect(page.locator("#drilldown-id_type")).to_be_hidden()
    page.screenshot(path=CAPTURE_LISTE, full_page=True)

    # The XLSX export of the listing header ("…" menu) exports the filtered list.
    page.get_by_role("button", name="Actions", exact=True).click()
    lien_xlsx = page.get_by_role("link", name="Télécharger en XLSX")
    expect(lien_xlsx).to_have_attribute("href", re.compile(r"type=CADA"))
    with page.expect_download() as telechargement:
        lien_xlsx.click()
    assert telechargement.value.suggested_filename.endswith(".xlsx")
    fichier = tmp_path / telechargement.value.suggested_filename
    telechargement.value.save_as(fichier)

    classeur = openpyxl.load_workbook(fichier, read_only=True)
    try:
        lignes_xlsx = list(classeur.active.iter_rows(values_only=True))
    finally:
        classeur.close()
    entetes, donnees = lignes_xlsx[0], lignes_xlsx[1:]
    assert entetes == ENTETES_EXPORT
    # The reader leaves out a row's empty trailing cells.
    par_code = {
        ligne[0]: dict(zip(entetes, ligne + (None,) * (len(entetes) - len(ligne)), strict=True))
        for ligne in donnees
    }
    assert set(par_code) == {cada_1.code, cada_2.code}  # neither the HUDA nor Paris
    assert par_code[cada_1.code]["Nom du dispositif"] == "CADA Les Tilleuls"
    assert par_code[cada_2.code]["Commune"] == "Saint-Nazaire"
    for ligne in par_code.values():
        assert (ligne["Type"], ligne["Département"]) == ("CADA", "44")
        assert ligne["Places autorisées"] == 80
