"""In a real browser: a DDETS agent imports the month's DN@ occupancy extract — downloads the
template, files an extract with mistakes, reads every error with its row and column, files the
corrected one, confirms, and finds the month on the dispositif's page and on the home panel."""

import re

import openpyxl
import pytest
from playwright.sync_api import expect

from backoffice.occupation.models import Occupation
from tests.factories import DispositifFactory
from tests.occupation.outils import mois_passe

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MOIS = f"{mois_passe(1):%m/%Y}"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def remplir(modele, destination, lignes):
    classeur = openpyxl.load_workbook(modele)
    feuille = classeur.active
    feuille.delete_rows(2, feuille.max_row)  # the template's example row
    for ligne in lignes:
        feuille.append(ligne)
    classeur.save(destination)
    return destination


def deposer(page, chemin):
    page.goto("/admin/imports-temps1/")
    page.get_by_role("link", name="Déposer un extrait d'occupation DN@").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("extrait d'occupation du DN@")
    page.locator("input[name=fichier]").set_input_files(str(chemin))
    page.get_by_role("button", name="Déposer et vérifier").click()
    expect(page).to_have_url(re.compile(r"/admin/imports-temps1/inspect/\d+/$"))


def test_import_de_l_occupation_du_modele_a_la_fiche(page, connecter, ddets44, tmp_path):
    cada = DispositifFactory(code_dna="CADA-44-00001", nom="CADA Les Tilleuls")
    huda = DispositifFactory(code_dna="HUDA-44-00002", nom="HUDA Le Port")
    connecter(ddets44)
    page.goto("/admin/imports-temps1/deposer-occupation/")
    with page.expect_download() as telechargement:
        page.get_by_role("link", name="Téléchargez le modèle vierge").click()
    modele = tmp_path / telechargement.value.suggested_filename
    telechargement.value.save_as(modele)

    fautif = remplir(
        modele,
        tmp_path / "dna-44.xlsx",
        [
            [MOIS, cada.code_dna, 90, 95, 0, 0, 0, 0],  # more occupied than in service
            [MOIS, "CADA-99-00009", 30, 30, 0, 0, 0, 0],  # unknown code
            [MOIS, huda.code_dna, 40, "quarante", 0, 0, 0, 0],
        ],
    )
    deposer(page, fautif)
    expect(page.locator("[data-etat]")).to_have_text("Erreurs à corriger")
    erreurs = page.locator("[data-erreurs] tr[data-erreur]")
    expect(erreurs).to_have_count(3)
    expect(erreurs.nth(0)).to_contain_text("Places occupées")
    expect(erreurs.nth(1)).to_contain_text("Code DNA inconnu")
    expect(erreurs.nth(2)).to_contain_text("« quarante » n'est pas un nombre entier.")
    expect(page.locator("form[data-confirmation]")).to_have_count(0)

    corrige = remplir(
        modele,
        tmp_path / "dna-44-corrige.xlsx",
        [[MOIS, cada.code_dna, 90, 80, 3, 1, 10, 0], [MOIS, huda.code_dna, 40, 40, 0, 0, 0, 0]],
    )
    deposer(page, corrige)
    expect(page.locator("[data-etat]")).to_have_text("Analysé, prêt à appliquer")
    expect(page.locator("tr[data-onglet=Occupation] [data-compte=created]")).to_have_text("2")
    assert not Occupation.objects.exists()
    page.get_by_label("Je confirme l'application de cet import").check()
    page.get_by_role("button", name="Appliquer l'import").click()
    expect(page.locator("[data-etat]")).to_have_text("Appliqué")

    page.get_by_role("link", name="Voir l'occupation importée").click()
    expect(page.locator("#listing-results tbody tr")).to_have_count(2)

    page.goto(f"/admin/offre/dispositifs/inspect/{cada.pk}/")
    section = page.locator("[data-occupation]")
    expect(section).to_contain_text("Occupation (extrait du DN@)")
    ligne = section.locator(f"tr[data-mois='{mois_passe(1):%Y-%m}']")
    expect(ligne).to_contain_text("88,9")  # 80 / 90

    page.goto("/admin/")
    panneau = page.locator("[data-panneau-occupation]")
    expect(panneau.locator("tr[data-departement='44']")).to_contain_text("92,3")  # 120 / 130
