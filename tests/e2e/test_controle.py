"""In a real browser: from a CADA whose occupancy stays below its convention's target to a
control with its final report and a minoration avenant.

The DDETS 44 reads the low occupancy on the dispositif's page and programmes a control from there,
then runs it step by step (prepared, done, provisional report, contradictory procedure); the
entité's gestionnaire finds the control in its list once the procedure is open and answers the
provisional report; the DDETS stops the final report, adds a « minoration budgétaire » measure,
has it propose a draft avenant on the convention in force, finds the control back on the
avenant's page, then engages the suites, records the measure as lifted and closes the control.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from backoffice.controle.choix import E, SuiviMesure, TypeMesure
from backoffice.controle.models import Controle
from backoffice.conventions.models import Avenant
from backoffice.occupation.models import Occupation
from tests.occupation.outils import mois_passe
from tests.qualite.outils import convention_en_vigueur

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MOIS = [mois_passe(n) for n in (3, 2, 1)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def etat(page):
    return page.locator("[data-etat]")


def transition(page, nom):
    """Click the transition button (or the link to its form) `data-transition=nom`."""
    page.locator(f"[data-transition={nom}]").click()


def valider(page, libelle, etat_attendu):
    """Submit a transition's form and land back on the control's page in its new state."""
    page.get_by_role("button", name=libelle, exact=True).click()
    expect(page.locator(".messages")).to_contain_text("effectué")
    expect(etat(page)).to_have_text(etat_attendu)


def test_controle_de_l_occupation_basse_a_l_avenant_de_minoration(
    page, connecter, ddets44, gestionnaire44, dispositif44, national, tmp_path
):
    dispositif = dispositif44  # a CADA of the 44; gestionnaire44 manages its entité
    convention = convention_en_vigueur(dispositif, national)  # signed, in force, 80 places
    for mois in MOIS:
        Occupation.objects.create(
            dispositif=dispositif, mois=mois, places_en_service=80, places_occupees=68
        )
    rapport_provisoire = tmp_path / "rapport-provisoire.pdf"
    rapport_provisoire.write_bytes(PDF)
    reponse = tmp_path / "reponse-entite.pdf"
    reponse.write_bytes(PDF)
    rapport_definitif = tmp_path / "rapport-definitif.pdf"
    rapport_definitif.write_bytes(PDF)

    # The DDETS reads the occupancy under target on the dispositif's page.
    connecter(ddets44)
    page.goto(f"/admin/offre/dispositifs/inspect/{dispositif.pk}/")
    occupation = page.locator("[data-occupation]")
    expect(occupation.locator("[data-objectif]")).to_contain_text(convention.numero)
    for mois in MOIS:
        ligne = occupation.locator(f"tr[data-mois='{mois:%Y-%m}']")
        expect(ligne).to_have_attribute("data-hors-cible", "")
        expect(ligne.locator("[data-taux]")).to_contain_text("85")  # 68 / 80

    # It programmes a control from there.
    page.get_by_role("link", name="Programmer un contrôle").click()
    expect(page).to_have_url(re.compile(r"/admin/controles/new/"))
    page.locator("[name=type_controle]").select_option("sur_place")
    page.locator("[name=date_prevue]").fill(f"{timezone.localdate():%d/%m/%Y}")
    page.get_by_label("Qualité de l'accompagnement").check()
    page.get_by_label("Financier").check()
    page.locator("[name=inspecteurs]").fill("Mme Durand, M. Martin (DDETS 44)")
    page.locator("[name=origine]").fill("Occupation sous l'objectif trois mois de suite (DN@).")
    page.get_by_role("button", name="Créer", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("créé")

    controle = Controle.objects.get()
    assert controle.dispositif == dispositif and controle.entite == dispositif.entite
    url_controle = f"/admin/controles/inspect/{controle.pk}/"
    page.goto(f"/admin/offre/dispositifs/inspect/{dispositif.pk}/")
    page.locator("[data-controles]").get_by_role("link", name=controle.reference).click()
    expect(page).to_have_url(re.compile(rf"{url_controle}$"))
    expect(etat(page)).to_have_text("Programmé")

    # Programmé → préparé → réalisé → rapport provisoire → procédure contradictoire.
    transition(page, "preparer")
    expect(page.locator(".messages")).to_contain_text("effectué")
    expect(etat(page)).to_have_text("Préparé")

    transition(page, "realiser")
    page.locator("[name=date_realisation]").fill(timezone.localdate().isoformat())
    valider(page, "Enregistrer la réalisation", "Réalisé")

    transition(page, "joindre_rapport_provisoire")
    page.locator("[name=fichier]").set_input_files(rapport_provisoire)
    valider(page, "Joindre le rapport provisoire", "Rapport provisoire")

    transition(page, "ouvrir_contradictoire")
    page.locator("[name=commentaire]").fill("Vos observations sous trente jours, svp.")
    valider(page, "Ouvrir la procédure contradictoire", "Procédure contradictoire")
    expect(page.locator("[data-contradictoire]")).to_contain_text("L'entité peut répondre")

    # The gestionnaire now sees the control and answers the provisional report.
    connecter(gestionnaire44)
    page.goto("/admin/controles/")
    page.get_by_role("link", name=controle.reference).click()
    expect(etat(page)).to_have_text("Procédure contradictoire")
    transition(page, "repondre")
    page.locator("[name=commentaire]").fill(
        "Les entrées ont été retardées par des travaux ; l'occupation remonte depuis."
    )
    page.locator("[name=fichier]").set_input_files(reponse)
    valider(page, "Répondre au rapport provisoire", "Procédure contradictoire")
    expect(page.locator("[data-contradictoire]")).to_contain_text("Réponse de l'entité reçue")
    expect(page.locator("[data-reponse]")).to_contain_text("l'occupation remonte")
    expect(page.locator("[data-transition=repondre]")).to_have_count(0)

    # Back at the DDETS: the final report.
    connecter(ddets44)
    page.goto(url_controle)
    expect(page.locator("[data-reponse]")).to_contain_text("l'occupation remonte")
    transition(page, "arreter_rapport_definitif")
    page.locator("[name=fichier]").set_input_files(rapport_definitif)
    valider(page, "Arrêter le rapport définitif", "Rapport définitif")

    # A « minoration budgétaire » measure, from the control's page.
    page.get_by_role("link", name="Ajouter une mesure").click()
    page.locator("[name=type_mesure]").select_option(TypeMesure.MINORATION.value)
    page.locator("[name=texte]").fill("Réduire la dotation à hauteur des places inoccupées.")
    page.locator("[name=montant_minoration]").fill("20000")
    page.get_by_role("button", name="Créer", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("créée")

    page.goto(url_controle)
    mesures = page.locator("[data-mesures]")
    expect(mesures).to_contain_text("Minoration budgétaire")
    mesures.get_by_role("link", name="Minoration budgétaire").click()
    suite = page.locator("[data-suite]")
    expect(suite).to_contain_text("Pas encore proposée.")
    suite.get_by_role("link", name="Proposer l'avenant de minoration…").click()
    expect(page.get_by_text(f"sur la convention {convention.numero}")).to_be_visible()
    page.get_by_role("button", name="Proposer l'avenant de minoration").click()
    expect(page.locator(".messages")).to_contain_text("rédigé au brouillon")
    expect(suite).to_contain_text("brouillon")

    # The avenant's page shows the control back.
    suite.locator("[data-lien-avenant]").click()
    expect(etat(page)).to_have_text("Brouillon")
    origine = page.locator("[data-controle-origine]")
    expect(origine).to_contain_text("Contrôle à l'origine")
    expect(origine).to_contain_text("minoration budgétaire")
    origine.locator("[data-lien-controle]").click()
    expect(page).to_have_url(re.compile(rf"{url_controle}$"))
    ligne_mesure = page.locator("[data-mesures] tbody tr")
    expect(ligne_mesure.locator("[data-lien-avenant]")).to_contain_text(convention.numero)
    expect(ligne_mesure).to_contain_text("(brouillon)")

    # The suites: engaged, the measure lifted, the control closed.
    transition(page, "engager_suites")
    expect(page.locator(".messages")).to_contain_text("effectué")
    expect(etat(page)).to_have_text("Suites en cours")
    page.locator("[data-mesures]").get_by_role("link", name="Minoration budgétaire").click()
    transition(page, "lever")
    valider(page, "Constater la levée", "Levée")
    page.get_by_role("link", name=re.compile(f"Voir le {controle}")).click()
    transition(page, "clore")
    expect(page.locator(".messages")).to_contain_text("effectué")
    expect(etat(page)).to_have_text("Clos")
    documents = page.locator("section[aria-labelledby=documents-titre] a[data-document]")
    expect(documents).to_have_count(3)  # provisional report, answer, final report

    controle.refresh_from_db()
    assert controle.etat == E.CLOS
    assert controle.date_prevue == timezone.localdate()
    assert sorted(controle.themes) == ["accompagnement", "financier"]
    assert controle.repondu_par == gestionnaire44
    mesure = controle.mesures.get()
    assert mesure.type_mesure == TypeMesure.MINORATION and mesure.etat == SuiviMesure.LEVEE
    avenant = Avenant.objects.get()
    assert mesure.avenant == avenant
    assert avenant.convention == convention and avenant.etat == "brouillon"
