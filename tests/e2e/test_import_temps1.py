"""In a real browser: a DDETS agent onboards its offer with the Temps 1 workbook — downloads the
blank template, fills it, files it with a mistake, reads the errors and the annotated copy, files
the corrected one, checks the preview, confirms, and finds the dispositifs in the list.

The live server runs tasks with the immediate backend: an upload comes back analysed. The page's
self-refresh while a job runs is checked apart, by moving the job along from the test.
"""

import re

import openpyxl
import pytest
from playwright.sync_api import expect

from backoffice.offre.models import Dispositif
from imports import services
from imports.models import ImportTemps1
from imports.temps1.schema import FEUILLES
from tests.imports.outils import dispositif, entite, financement, simple

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def remplir(modele, destination, **feuilles):
    """Fill the downloaded template as a person would: under its own headers."""
    classeur = openpyxl.load_workbook(modele)
    for nom, lignes in feuilles.items():
        feuille = classeur[nom]
        cles = {c.entete: c.cle for c in FEUILLES[nom].colonnes}
        colonnes = [cles[str(cellule.value).rstrip(" *")] for cellule in feuille[1]]
        for ligne in lignes:
            feuille.append([ligne.get(cle) for cle in colonnes])
    classeur.save(destination)
    return destination


def deposer(page, chemin):
    page.goto("/admin/imports-temps1/")
    page.get_by_role("link", name="Déposer un classeur").first.click()
    page.locator("input[name=fichier]").set_input_files(str(chemin))
    page.get_by_role("button", name="Déposer et vérifier").click()
    expect(page).to_have_url(re.compile(r"/admin/imports-temps1/inspect/\d+/$"))


def test_import_temps1_du_modele_aux_dispositifs(page, connecter, ddets44, tmp_path):
    connecter(ddets44)
    page.goto("/admin/")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Imports de fichiers"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Imports de fichiers")

    with page.expect_download() as telechargement:
        page.get_by_role("link", name="Modèle vierge").first.click()
    modele = tmp_path / telechargement.value.suggested_filename
    telechargement.value.save_as(modele)
    assert modele.name == "modele-temps1.xlsx"

    entites = [entite(1)]
    financements = [financement(1)]
    fautif = remplir(
        modele,
        tmp_path / "offre-44.xlsx",
        **{
            "Entités": entites,
            "Dispositifs": [dispositif(1), dispositif(2, nom="CADA Les Tilleuls", finess="12")],
            "Financements": financements,
        },
    )

    # First try: one mistake, shown with its place, its value and a French message.
    deposer(page, fautif)
    expect(page.locator("[data-etat]")).to_have_text("Erreurs à corriger")
    erreurs = page.locator("[data-erreurs] tr[data-erreur]")
    expect(erreurs).to_have_count(1)
    expect(erreurs.first).to_contain_text("Dispositifs")
    expect(erreurs.first).to_contain_text("FINESS")
    expect(page.locator("form[data-confirmation]")).to_have_count(0)
    with page.expect_download() as annote:
        page.locator("a[data-lien-annote]").click()
    copie = tmp_path / "annote.xlsx"
    annote.value.save_as(copie)
    assert annote.value.suggested_filename == "offre-44-annote.xlsx"
    assert openpyxl.load_workbook(copie).sheetnames[0] == "Erreurs"

    # Corrected, filed again: the preview, then the confirmation.
    corrige = remplir(
        modele,
        tmp_path / "offre-44-corrigee.xlsx",
        **{
            "Entités": entites,
            "Dispositifs": [dispositif(1), dispositif(2, nom="CADA Les Tilleuls")],
            "Financements": financements,
        },
    )
    deposer(page, corrige)
    expect(page.locator("[data-etat]")).to_have_text("Analysé, prêt à appliquer")
    apercu = page.locator("[data-apercu]")
    expect(apercu.locator("tr[data-onglet=Dispositifs] [data-compte=created]")).to_have_text("2")
    expect(apercu.locator("tr[data-onglet=Entités] [data-compte=created]")).to_have_text("1")
    expect(apercu.locator("tr[data-onglet=Financements] [data-compte=created]")).to_have_text("1")
    assert not Dispositif.objects.exists()

    page.get_by_role("button", name="Appliquer l'import").click()
    expect(page.locator(".messages")).to_contain_text("Cochez la case de confirmation")
    page.get_by_label("Je confirme l'application de cet import").check()
    page.get_by_role("button", name="Appliquer l'import").click()
    expect(page.locator(".messages")).to_contain_text("appliqué")
    expect(page.locator("[data-etat]")).to_have_text("Appliqué")

    page.get_by_role("link", name="Voir les dispositifs").click()
    liste = page.locator("#listing-results")
    expect(liste).to_contain_text("CADA Test 1")
    expect(liste).to_contain_text("CADA Les Tilleuls")

    page.goto("/admin/imports-temps1/")
    lignes = page.locator("#listing-results table tbody tr")
    expect(lignes).to_have_count(2)
    expect(lignes.first).to_contain_text("offre-44-corrigee.xlsx")
    expect(lignes.first).to_contain_text("Appliqué")
    expect(lignes.nth(1)).to_contain_text("Erreurs à corriger")


def test_la_page_suit_l_analyse_toute_seule(page, connecter, ddets44, tmp_path):
    chemin = simple(tmp_path / "offre.xlsx", [entite(1)], [dispositif(1)], [financement(1)])
    import_ = services.deposer(chemin, ddets44)  # stored, waiting for the worker
    connecter(ddets44)
    page.goto(f"/admin/imports-temps1/inspect/{import_.pk}/")
    expect(page.locator("[data-etat]")).to_have_text("Déposé")
    barre = page.locator("[data-suivi] [role=progressbar]")
    expect(barre).to_have_attribute("aria-valuenow", "0")

    ImportTemps1.objects.filter(pk=import_.pk).update(etat="en_analyse", progression=10)
    expect(page.locator("[data-etat]")).to_have_text("Analyse en cours")
    expect(barre).to_have_attribute("aria-valuenow", "10")

    services.analyser_import(import_)  # what the worker does
    expect(page.locator("[data-etat]")).to_have_text("Analysé, prêt à appliquer")
    expect(page.locator("[data-suivi]")).to_have_count(0)
    expect(page.locator("form[data-confirmation]")).to_be_visible()
