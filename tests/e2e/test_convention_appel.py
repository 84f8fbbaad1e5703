"""In a real browser: a convention from its draft to its signed copy, and a call for projects from
its creation to a retained candidature turned into a dispositif and a draft convention.

Each actor acts in their own role (DDETS 44, DREETS Pays de la Loire, operator); only the
scheduled closing of the call at its deadline is run directly (it is a management command).
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from backoffice.acces.roles import Role
from backoffice.appels.echeances import clore_appels
from backoffice.appels.models import AppelAProjets, Candidature
from backoffice.conventions.models import Convention
from tests.factories import DispositifFactory, UserFactory, affecter

from .choisisseur import choisir

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def fichier_pdf(nom):
    return {"name": nom, "mimeType": "application/pdf", "buffer": PDF}


def etat(page):
    return page.locator("[data-etat]")


def agir(page, libelle):
    page.get_by_role("button", name=libelle, exact=True).click()
    expect(page.locator(".messages")).to_contain_text("effectué")


@pytest.fixture
def acteurs(db):
    ddets = UserFactory(username="ddets44@example.gouv.fr")
    affecter(ddets, Role.DEPARTEMENTAL, departements=["44"])
    dreets = UserFactory(username="dreets52@example.gouv.fr")
    affecter(dreets, Role.REGIONAL, region="52")
    dispositif = DispositifFactory(departement_id="44", nom="CADA Les Tilleuls")
    operateur = UserFactory(username="operateur@example.org")
    affecter(operateur, Role.GESTIONNAIRE, entite=dispositif.entite)
    return {"ddets": ddets, "dreets": dreets, "operateur": operateur, "dispositif": dispositif}


def test_convention_du_brouillon_a_la_copie_signee(page, connecter, live_server, acteurs):
    dispositif = acteurs["dispositif"]
    connecter(acteurs["ddets"])

    # The DDETS drafts the convention: period, entité, covered dispositif and its places.
    page.goto("/admin/conventions/new/")
    page.locator("[name=intitule]").fill("CADA Les Tilleuls 2027-2031")
    page.locator("[name=type_convention]").select_option("cada")
    entite = dispositif.entite
    choisir(page, "entite", "Choisir une entité", entite.raison_sociale, str(entite))
    page.locator("[name=departement]").select_option("44")
    page.locator("[name=date_debut]").fill("01/01/2027")  # typed as the date picker shows it
    page.locator("#id_lignes-ADD").click()
    choisir(page, "lignes-0-dispositif", "Choisir un dispositif", "Tilleuls", str(dispositif))
    page.locator("[name='lignes-0-places_conventionnees']").fill("80")
    page.get_by_role("button", name="Créer", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("créé")

    convention = Convention.objects.get()
    assert convention.date_fin == datetime.date(2031, 12, 31)  # CADA: five years by default
    page.goto(f"/admin/conventions/inspect/{convention.pk}/")
    expect(etat(page)).to_have_text("Brouillon")
    expect(page.locator("[data-total=conventionnees]")).to_have_text("80")

    agir(page, "Soumettre")
    expect(etat(page)).to_have_text("Soumise")
    agir(page, "Pré-valider")
    expect(etat(page)).to_have_text("Pré-validée")
    expect(page.get_by_role("button", name="Valider", exact=True)).to_have_count(0)

    # The région validates.
    connecter(acteurs["dreets"])
    page.reload()
    agir(page, "Valider")
    expect(etat(page)).to_have_text("Validée")

    # Back at the DDETS: the signature, with its date and the signed copy.
    connecter(acteurs["ddets"])
    page.reload()
    page.get_by_role("link", name=re.compile("Enregistrer la signature")).click()
    page.locator("[name=date_signature]").fill(timezone.localdate().isoformat())
    page.locator("[name=fichier]").set_input_files(fichier_pdf("convention-signee.pdf"))
    page.get_by_role("button", name="Enregistrer la signature").click()
    expect(page.locator(".messages")).to_contain_text("désormais « signée »")
    expect(etat(page)).to_have_text("Signée")

    lien = page.locator("section[aria-labelledby=documents-titre] a[data-document]")
    expect(lien).to_have_count(1)
    reponse = page.request.get(live_server.url + lien.get_attribute("href"))
    assert reponse.status == 200 and reponse.body().startswith(b"%PDF")
    chronologie = page.locator("section[aria-labelledby=chronologie-titre]")
    expect(chronologie).to_contain_text("Validée → Signée")  # labels, never the codes


def test_appel_a_projets_jusqu_au_dispositif(page, connecter, live_server, acteurs):
    ddets, dreets, operateur = acteurs["ddets"], acteurs["dreets"], acteurs["operateur"]
    connecter(ddets)

    # The DDETS creates the call: 30 CADA places in the 44, two weighted criteria.
    page.goto("/admin/appels/new/")
    page.locator("[name=titre]").fill("30 places de CADA en Loire-Atlantique")
    page.locator("[name=type_dispositif]").select_option("CADA")
    page.locator("[name=region]").select_option("52")
    page.locator("[name=places_recherchees]").fill("30")
    page.locator("[name=cout_journalier_cible]").fill("19.50")
    aujourdhui = timezone.localdate()
    page.locator("[name=date_publication]").fill(f"{aujourdhui:%d/%m/%Y}")
    limite = aujourdhui + datetime.timedelta(days=30)
    page.locator("[name=date_limite]").fill(f"{limite:%d/%m/%Y} 12:00")
    page.locator("#id_repartitions-ADD").click()
    page.locator("[name='repartitions-0-departement']").select_option("44")
    page.locator("[name='repartitions-0-places_recherchees']").fill("30")
    for rang, (libelle, poids) in enumerate((("Qualité du projet", "3"), ("Coût", "1"))):
        page.locator("#id_criteres-ADD").click()
        page.locator(f"[name='criteres-{rang}-libelle']").fill(libelle)
        page.locator(f"[name='criteres-{rang}-poids']").fill(poids)
    page.get_by_role("button", name="Créer", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("créé")
    appel = AppelAProjets.objects.get()
    url_appel = f"/admin/appels/inspect/{appel.pk}/"

    page.goto(url_appel)
    agir(page, "Soumettre")
    agir(page, "Pré-valider")
    connecter(dreets)
    page.reload()
    agir(page, "Valider")
    connecter(ddets)
    page.reload()
    agir(page, "Publier")
    expect(etat(page)).to_have_text("Publié")

    # The operator files a candidature from the call's page, with its file.
    connecter(operateur)
    page.goto(url_appel)
    page.get_by_role("link", name="Déposer une candidature").click()
    page.locator("[name=nom_projet]").fill("CADA du Sillon")
    page.locator("[name=places_proposees]").fill("25")
    page.locator("[name=communes]").fill("Saint-Herblain, Nantes")
    page.locator("[name=cout_journalier]").fill("19.20")
    page.locator("[name=dossier]").set_input_files(fichier_pdf("dossier.pdf"))
    page.get_by_role("button", name="Créer", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("déposée")
    candidature = Candidature.objects.get()
    url_candidature = f"/admin/appels/candidatures/inspect/{candidature.pk}/"

    # The deadline passes: the scheduled task closes the call.
    clore_appels(appel.date_limite + datetime.timedelta(seconds=1))

    connecter(ddets)
    page.goto(url_appel)
    expect(etat(page)).to_have_text("Clos")
    agir(page, "Ouvrir l'instruction")
    page.goto(url_candidature)
    agir(page, "Déclarer recevable")
    page.get_by_role("link", name=re.compile("^Noter")).click()
    notes = page.locator("input[name^=note_]")
    notes.nth(0).fill("16")
    notes.nth(1).fill("12")
    page.get_by_role("button", name="Noter").click()
    expect(page.locator("[data-score]")).to_have_text("15,00")
    page.get_by_role("link", name=re.compile("^Retenir")).click()
    page.locator("[name=places_retenues]").fill("25")
    page.get_by_role("button", name="Retenir").click()
    expect(etat(page)).to_have_text("Retenue")

    page.goto(url_appel)
    agir(page, "Arrêter la sélection")
    page.goto(url_candidature)
    page.get_by_role("link", name=re.compile("Créer le dispositif et la convention")).click()
    page.locator("[name=date_debut]").fill((aujourdhui + datetime.timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Créer le dispositif et la convention").click()
    expect(etat(page)).to_have_text("Conventionnée")

    suite = page.locator("section[aria-labelledby=suite-titre]")
    expect(suite).to_contain_text("CADA du Sillon")
    expect(suite).to_contain_text("brouillon")
    page.goto(url_appel)
    expect(page.locator("[data-flux=recherchees]")).to_have_text("30")
    expect(page.locator("[data-flux=proposees]")).to_have_text("25")
    expect(page.locator("[data-flux=retenues]")).to_have_text("25")
    page.goto(url_candidature)
    suite.get_by_role("link", name=re.compile("CADA du Sillon")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("CADA du Sillon")
    expect(page.locator("[data-capacite=autorisees]")).to_have_text("25")
