"""The dashboard's workbook of a large perimeter, in a real browser: « Exporter les chiffres
(XLSX) » opens the export's page, which offers the file once written; « Mes exports » keeps
it."""

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.factories import DispositifFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_export_du_tableau_de_bord_en_arriere_plan(connecter, regional52, settings, tmp_path):
    settings.EXPORTS_SEUIL_DIFFERE = 2
    settings.MEDIA_ROOT = tmp_path / "media"
    DispositifFactory(nom="CADA Les Tilleuls", places_autorisees=80)
    DispositifFactory(nom="HUDA Angevin", departement_id="49", commune="Angers")
    DispositifFactory(nom="CADA Mayennais", departement_id="53", commune="Laval")
    DispositifFactory(nom="CADA Belleville", departement_id="75", places_autorisees=1000)

    page = connecter(regional52)
    page.goto("/admin/")
    page.get_by_role("link", name="Exporter les chiffres (XLSX)").click()

    expect(page.locator("h1")).to_contain_text("Export")
    expect(page.locator("[data-etat]")).to_have_text("Terminé")
    with page.expect_download() as telechargement:
        page.get_by_role("link", name="Télécharger le fichier").click()
    fichier = tmp_path / telechargement.value.suggested_filename
    telechargement.value.save_as(fichier)
    assert fichier.name.startswith("pilotage-") and fichier.suffix == ".xlsx"
    classeur = openpyxl.load_workbook(fichier)
    departements = [ligne[0] for ligne in classeur["Par département"].iter_rows(values_only=True)]
    assert [d.split(" ")[0] for d in departements[2:]] == ["44", "49", "53"]  # never the 75

    page.get_by_role("link", name="Mes exports").first.click()
    expect(page.locator("table.listing tbody tr")).to_have_count(1)
    expect(page.locator("table.listing")).to_contain_text("Chiffres du tableau de bord au")
