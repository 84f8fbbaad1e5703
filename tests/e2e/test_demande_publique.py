"""An anonymous person files a creation request on the public form (DSFR), follows it with the link
received by e-mail; the SIAO pre-validates and the DDETS validates it in the admin; the dispositif
exists and the follow-up page says « Validée »."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from backoffice.demandes.models import Demande, EtatDemande
from backoffice.offre.models import Dispositif
from tests.factories import siren_valide

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _dossiers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEMANDE_DOSSIER_TEMPORAIRE = tmp_path / "temporaire"


def _remplir_demande(page, pdf):
    page.get_by_label("Nom et prénom").fill("Claire Dubois")
    page.get_by_label("Adresse électronique").fill("claire.dubois@asso-horizon.fr")
    page.get_by_label("Organisation").fill("Association Horizon")
    page.get_by_label("Fonction").fill("Directrice")

    page.get_by_label("SIREN de l'entité gestionnaire").fill(siren_valide(4242))
    page.get_by_label("Raison sociale").fill("Association Horizon")
    page.locator("#id_entite-statut_juridique").select_option("association")
    page.locator("#id_entite-commune").fill("Nantes")
    page.locator("#id_entite-code_postal").fill("44000")

    page.get_by_label("Nom du dispositif").fill("CADA Horizon Saint-Nazaire")
    page.get_by_label("Nature").select_option(label="Hébergement asile (DNA)")
    page.get_by_label("Type de dispositif").select_option(label="CADA")
    page.locator("#id_dispositif-departement").select_option("44")
    page.locator("#id_dispositif-adresse").fill("12 avenue de la République")
    page.locator("#id_dispositif-code_postal").fill("44600")
    page.locator("#id_dispositif-commune").fill("Saint-Nazaire")
    page.locator("#id_dispositif-public").select_option("familles")
    page.locator("#id_dispositif-mode_hebergement").select_option("diffus")
    page.get_by_label("Places autorisées").fill("60")

    page.locator("#id_groupes-0-libelle").fill("Appartements diffus")
    page.locator("#id_groupes-0-places").fill("60")

    page.get_by_label("Présentation de la demande").fill("60 places de CADA en diffus.")
    page.locator("#id_fichiers").set_input_files(str(pdf))


def _lien_de_suivi():
    accuse = next(m for m in mail.outbox if m.to == ["claire.dubois@asso-horizon.fr"])
    return re.search(r"/demande/suivi/[A-Za-z0-9_-]+/", accuse.body).group(0)


def _decider(page, connecter, agent, demande, transition):
    connecter(agent)
    page.goto(reverse("demande:inspect", args=[demande.pk]))
    page.locator(f"button[data-transition={transition}]").click()
    expect(page.locator(".messages")).to_contain_text(demande.numero)


def test_depot_public_suivi_puis_validation(page, connecter, siao44, ddets44, tmp_path):
    pdf = tmp_path / "projet-cada.pdf"
    pdf.write_bytes(PDF)

    page.goto("/demande/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Demander la création d'un dispositif"
    )
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    # The DSFR stylesheet is served locally and applied (Marianne font, DSFR blue title).
    expect(page.locator("header.fr-header")).to_be_visible()
    assert "Marianne" in page.evaluate("getComputedStyle(document.body).fontFamily")
    # Types are filtered by the chosen nature (page script).
    page.get_by_label("Nature").select_option(label="Hébergement")
    expect(
        page.locator('#id_dispositif-type optgroup[label="Hébergement asile (DNA)"]')
    ).to_be_hidden()
    page.get_by_label("Nature").select_option(label="Premier accueil")
    expect(page.locator("#section-groupes")).to_be_hidden()
    expect(page.get_by_label("Places autorisées")).to_be_hidden()

    _remplir_demande(page, pdf)
    expect(page.locator("#section-groupes")).to_be_visible()
    page.screenshot(path="/tmp/e2e-demande-formulaire.png", full_page=True)
    page.get_by_role("button", name="Envoyer la demande").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Votre demande a bien été envoyée")
    demande = Demande.objects.get()
    expect(page.locator("main")).to_contain_text(demande.numero)
    assert demande.pieces.get().nom == "projet-cada.pdf"
    assert [m.to for m in mail.outbox if m.to != ["claire.dubois@asso-horizon.fr"]] == [
        [siao44.email]
    ]

    lien = _lien_de_suivi()
    page.goto(lien)
    expect(page.locator("#etat-demande")).to_have_text("Soumise")
    expect(page.locator("main")).to_contain_text("projet-cada.pdf")
    page.screenshot(path="/tmp/e2e-demande-suivi-soumise.png", full_page=True)

    # The SIAO pre-validates, the DDETS validates — in the admin, with their transition buttons.
    _decider(page, connecter, siao44, demande, "pre_valider")
    _decider(page, connecter, ddets44, demande, "valider")

    demande.refresh_from_db()
    assert demande.etat == EtatDemande.VALIDEE
    dispositif = Dispositif.objects.get(nom="CADA Horizon Saint-Nazaire")
    assert dispositif.places_autorisees == 60
    assert dispositif.groupes.get().places == 60
    assert dispositif.entite.raison_sociale == "Association Horizon"

    page.context.clear_cookies()
    page.goto(lien)
    expect(page.locator("#etat-demande")).to_have_text("Validée")
    expect(page.locator("main")).to_contain_text(dispositif.code)
    page.screenshot(path="/tmp/e2e-demande-suivi-validee.png", full_page=True)


def test_une_erreur_garde_la_saisie_et_les_documents(page, tmp_path):
    pdf = tmp_path / "statuts.pdf"
    pdf.write_bytes(PDF)
    page.goto("/demande/")
    _remplir_demande(page, pdf)
    page.locator("#id_dispositif-finess").fill("ABC")
    page.get_by_role("button", name="Envoyer la demande").click()

    resume = page.locator("#resume-erreurs")
    expect(resume).to_be_focused()
    expect(resume).to_contain_text("FINESS")
    champ = page.locator("#id_dispositif-finess")
    expect(champ).to_have_attribute("aria-invalid", "true")
    expect(champ).to_have_value("ABC")
    expect(page.locator("#id_dispositif-nom")).to_have_value("CADA Horizon Saint-Nazaire")
    expect(page.locator("#pieces-deja-jointes")).to_contain_text("statuts.pdf")
    page.screenshot(path="/tmp/e2e-demande-erreurs.png", full_page=True)

    # The summary link takes the keyboard to the field; fix it and send, without re-attaching.
    resume.get_by_role("link").first.click()
    champ.fill("")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre demande a bien été envoyée")
    assert Demande.objects.get().pieces.get().nom == "statuts.pdf"


def _deposer(page, tmp_path, nom_pdf="projet-cada.pdf"):
    pdf = tmp_path / nom_pdf
    pdf.write_bytes(PDF)
    page.goto("/demande/")
    _remplir_demande(page, pdf)
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre demande a bien été envoyée")
    return Demande.objects.get(), _lien_de_suivi()


def _comme_demandeur(page, lien):
    # The requester has no account: a browser without the agents' session.
    page.context.clear_cookies()
    page.goto(lien)


def test_completer_depuis_le_lien_puis_valider(page, connecter, siao44, ddets44, tmp_path):
    """The whole loop in the browser: every POST of the requester goes through the page the
    link serves (a « no-referrer » policy made Chromium send `Origin: null`, refused by CSRF)."""
    demande, lien = _deposer(page, tmp_path)

    connecter(siao44)
    page.goto(reverse("demande:inspect", args=[demande.pk]))
    page.locator("#id_commentaire").fill("Merci de joindre le budget prévisionnel.")
    page.locator("button[data-transition=demander_complements]").click()
    expect(page.locator(".messages")).to_contain_text(demande.numero)

    _comme_demandeur(page, lien)
    expect(page.locator("#etat-demande")).to_have_text("À compléter")
    expect(page.locator("main")).to_contain_text("Merci de joindre le budget prévisionnel.")
    budget = tmp_path / "budget-previsionnel.pdf"
    budget.write_bytes(PDF)
    page.get_by_label("Votre réponse").fill("Voici le budget prévisionnel demandé.")
    page.locator("#formulaire-suivi input[type=file]").set_input_files(str(budget))
    page.get_by_role("button", name="Envoyer ma réponse").click()

    expect(page.locator("main")).to_contain_text("Votre réponse a été transmise")
    expect(page.locator("#etat-demande")).to_have_text("Soumise")
    expect(page.locator("main")).to_contain_text("budget-previsionnel.pdf")
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.SOUMISE
    assert sorted(demande.pieces.values_list("nom", flat=True)) == [
        "budget-previsionnel.pdf",
        "projet-cada.pdf",
    ]

    _decider(page, connecter, siao44, demande, "pre_valider")
    _decider(page, connecter, ddets44, demande, "valider")

    _comme_demandeur(page, lien)
    expect(page.locator("#etat-demande")).to_have_text("Validée")
    expect(page.locator("main")).to_contain_text("Voici le budget prévisionnel demandé.")


def test_ajouter_des_documents_puis_annuler_depuis_le_lien(page, tmp_path):
    demande, lien = _deposer(page, tmp_path)

    _comme_demandeur(page, lien)
    statuts = tmp_path / "statuts.pdf"
    statuts.write_bytes(PDF)
    page.locator("#formulaire-suivi input[type=file]").set_input_files(str(statuts))
    page.get_by_role("button", name="Ajouter les documents").click()
    expect(page.locator("main")).to_contain_text("1 document ajouté à la demande.")
    expect(page.locator("main")).to_contain_text("statuts.pdf")

    page.get_by_role("link", name="Annuler ma demande").click()
    page.get_by_label("Motif de l'annulation").fill(
        "Projet abandonné par le conseil d'administration."
    )
    page.get_by_role("button", name="Confirmer l'annulation").click()

    expect(page.locator("main")).to_contain_text("Votre demande a été annulée.")
    expect(page.locator("#etat-demande")).to_have_text("Annulée")
    demande.refresh_from_db()
    assert demande.etat == EtatDemande.ANNULEE
    assert demande.pieces.count() == 2


def test_les_champs_de_places_suivent_le_type_choisi(page):
    """The page script hides the place fields the chosen type never carries (the model's rule,
    written on each type option): authorised places for a hotel, none for a CHRS."""
    page.goto("/demande/")
    page.get_by_label("Nature").select_option(label="Hébergement")
    page.get_by_label("Type de dispositif").select_option(label="Hôtel")
    expect(page.get_by_label("Places autorisées")).to_be_hidden()
    expect(page.locator("#id_dispositif-places_pmr")).to_be_visible()
    page.get_by_label("Type de dispositif").select_option(label="CHRS")
    expect(page.get_by_label("Places autorisées")).to_be_visible()
    page.get_by_label("Places autorisées").fill("40")
