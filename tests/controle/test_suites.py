"""Suites acting on the rest of the park: a minoration budgétaire proposes a draft avenant on the
convention in force, a fermeture a closure request; each link shows on both pages."""

import html
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from backoffice.controle.choix import E, TypeMesure
from backoffice.controle.suites import proposer_avenant, proposer_fermeture
from backoffice.conventions.models import EtatAvenant, MontantConvention
from backoffice.demandes.choix import EtatDemande, TypeDemande
from backoffice.demandes.models import Demande
from tests.controle.factories import controle_en, jours, mesure_pour
from tests.qualite.outils import convention_en_vigueur
from workflows.services import chronologie

pytestmark = pytest.mark.django_db


def texte(response):
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def messages_de(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def convention(dispositif44, national):
    convention = convention_en_vigueur(dispositif44, national, debut=-400)
    MontantConvention.objects.create(
        convention=convention, exercice=timezone.localdate().year, montant=Decimal("500000")
    )
    return convention


@pytest.fixture
def definitif(dispositif44, national):
    return controle_en(dispositif44, E.RAPPORT_DEFINITIF, national)


def test_minoration_propose_un_avenant_au_brouillon(
    client, convention, definitif, ddets44, gestionnaire44
):
    mesure = mesure_pour(
        definitif,
        TypeMesure.MINORATION,
        texte="Taux d'occupation sous l'objectif : minoration de la dotation.",
        montant_minoration=Decimal("20000"),
    )
    client.force_login(ddets44)
    page = texte(client.get(reverse("mesure:inspect", args=[mesure.pk])))
    url = reverse("mesure:proposer_avenant", args=[mesure.pk])
    assert url in page
    confirmation = texte(client.get(url))
    assert f"sur la convention {convention.numero}" in confirmation
    assert "réduite de 20000" in confirmation
    response = client.post(url)
    assert response.status_code == 302
    mesure.refresh_from_db()
    avenant = mesure.avenant
    assert (avenant.convention, avenant.etat, avenant.cree_par) == (
        convention,
        EtatAvenant.BROUILLON,
        ddets44,
    )
    assert avenant.date_effet == timezone.localdate()
    assert [(m.exercice, m.montant) for m in avenant.montants.all()] == [
        (timezone.localdate().year, Decimal("480000.00"))
    ]
    assert str(definitif) in avenant.objet
    assert chronologie(avenant)[0]["transition"] == "creer"
    assert chronologie(mesure)[-1]["action"] == "Proposer un avenant de minoration"
    # Both sides: the measure (and its control) show the avenant, the avenant the control.
    page = texte(client.get(reverse("mesure:inspect", args=[mesure.pk])))
    assert reverse("avenant:inspect", args=[avenant.pk]) in page
    assert url not in page  # proposed once
    page = texte(client.get(reverse("controle:inspect", args=[definitif.pk])))
    assert reverse("avenant:inspect", args=[avenant.pk]) in page
    for user in (ddets44, gestionnaire44):
        client.force_login(user)
        page = texte(client.get(reverse("avenant:inspect", args=[avenant.pk])))
        assert "Contrôle à l'origine" in page
        assert reverse("controle:inspect", args=[definitif.pk]) in page
        assert reverse("mesure:inspect", args=[mesure.pk]) in page


def test_l_avenant_sans_montant_connu_reste_a_completer(dispositif44, definitif, ddets44, national):
    convention = convention_en_vigueur(dispositif44, national, debut=-400)
    mesure = mesure_pour(definitif, TypeMesure.MINORATION, montant_minoration=Decimal("1000"))
    avenant = proposer_avenant(mesure, ddets44)
    assert avenant.convention == convention
    assert not avenant.montants.exists()


def test_sans_convention_en_vigueur_pas_d_avenant(client, definitif, ddets44):
    mesure = mesure_pour(definitif, TypeMesure.MINORATION)
    with pytest.raises(ValidationError) as refus:
        proposer_avenant(mesure, ddets44)
    assert refus.value.messages == [
        f"Aucune convention en vigueur ne couvre le dispositif {definitif.dispositif} : "
        "l'avenant de minoration ne peut pas être proposé."
    ]
    client.force_login(ddets44)
    response = client.post(reverse("mesure:proposer_avenant", args=[mesure.pk]))
    assert messages_de(response) == [
        f"Action non effectuée : Aucune convention en vigueur ne couvre le dispositif "
        f"{definitif.dispositif} : l'avenant de minoration ne peut pas être proposé."
    ]
    mesure.refresh_from_db()
    assert mesure.avenant is None


def test_refus_des_suites(convention, dispositif44, definitif, ddets44, ddets75, national):
    recommandation = mesure_pour(definitif)
    with pytest.raises(ValidationError) as refus:
        proposer_avenant(recommandation, ddets44)
    assert refus.value.messages == [
        "Seule une mesure de type « Minoration budgétaire » propose un avenant."
    ]
    provisoire = controle_en(dispositif44, E.PROCEDURE_CONTRADICTOIRE, national)
    trop_tot = mesure_pour(provisoire, TypeMesure.MINORATION)
    with pytest.raises(ValidationError) as refus:
        proposer_avenant(trop_tot, ddets44)
    assert refus.value.messages == ["Un avenant se propose une fois le rapport définitif arrêté."]
    minoration = mesure_pour(definitif, TypeMesure.MINORATION)
    with pytest.raises(ValidationError) as refus:
        proposer_avenant(minoration, ddets75)
    assert refus.value.messages == [
        "Seule la DDETS qui conduit le contrôle peut proposer cette suite."
    ]
    proposer_avenant(minoration, ddets44)
    with pytest.raises(ValidationError) as refus:
        proposer_avenant(minoration, ddets44)
    assert refus.value.messages == ["Cette mesure a déjà proposé un avenant."]


def test_la_page_de_proposition_refuse_ce_qui_n_est_pas_a_proposer(
    client, definitif, gestionnaire44
):
    mesure = mesure_pour(definitif, TypeMesure.MINORATION)
    client.force_login(gestionnaire44)
    response = client.post(reverse("mesure:proposer_avenant", args=[mesure.pk]))
    assert messages_de(response) == ["Cette suite n'est pas à proposer ici, ou plus maintenant."]
    mesure.refresh_from_db()
    assert mesure.avenant is None


def test_fermeture_propose_une_demande_de_fermeture(
    client,
    definitif,
    ddets44,
    gestionnaire44,
    siao44,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    mesure = mesure_pour(
        definitif,
        TypeMesure.FERMETURE,
        texte="Mise en danger des personnes accueillies : fermeture.",
        date_fermeture=jours(90),
    )
    client.force_login(ddets44)
    url = reverse("mesure:proposer_fermeture", args=[mesure.pk])
    formulaire = client.get(url).context["form"]
    assert formulaire.initial["date_fermeture"] == jours(90)
    response = client.post(url, {"date_fermeture": "31/31/2026"})
    assert "Saisissez une date valide" in texte(response)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"date_fermeture": jours(60).isoformat()})
    assert response.status_code == 302
    mesure.refresh_from_db()
    demande = mesure.demande_fermeture
    assert (demande.type_demande, demande.etat, demande.dispositif) == (
        TypeDemande.FERMETURE,
        EtatDemande.SOUMISE,
        definitif.dispositif,
    )
    assert demande.date_fermeture == jours(60)
    assert demande.entite == definitif.entite
    assert demande.compte_demandeur is None  # the DDETS instructs it, it does not « own » it
    assert str(definitif) in demande.description
    # The SIAO is told as for any request.
    assert any(siao44.email in m.to for m in mailoutbox)
    page = texte(client.get(reverse("mesure:inspect", args=[mesure.pk])))
    assert reverse("demande:inspect", args=[demande.pk]) in page
    for user in (ddets44, gestionnaire44):
        client.force_login(user)
        page = texte(client.get(reverse("demande:inspect", args=[demande.pk])))
        assert "Contrôle à l'origine" in page
        assert reverse("controle:inspect", args=[definitif.pk]) in page
    # The public follow-up page says nothing of the control.
    page = texte(client.get(demande.get_suivi_url()))
    assert "Contrôle à l'origine" not in page


def test_une_demande_de_fermeture_deja_ouverte_est_rattachee(definitif, ddets44):
    premiere = proposer_fermeture(
        mesure_pour(definitif, TypeMesure.FERMETURE, date_fermeture=jours(30)), ddets44
    )
    seconde = mesure_pour(definitif, TypeMesure.FERMETURE, date_fermeture=jours(40))
    assert proposer_fermeture(seconde, ddets44) == premiere
    assert Demande.objects.count() == 1
    assert chronologie(seconde)[-1]["commentaire"] == (
        f"Demande de fermeture déjà en cours : {premiere.numero}."
    )


def test_fermeture_sans_date_refusee(definitif, ddets44):
    mesure = mesure_pour(definitif, TypeMesure.FERMETURE)
    with pytest.raises(ValidationError) as refus:
        proposer_fermeture(mesure, ddets44)
    assert refus.value.messages == [
        "Indiquez la date de fermeture proposée (« Modifier » la mesure)."
    ]
    assert not Demande.objects.exists()


def test_une_mesure_suivie_de_suite_ne_se_supprime_pas(client, convention, definitif, ddets44):
    mesure = mesure_pour(definitif, TypeMesure.MINORATION)
    proposer_avenant(mesure, ddets44)
    client.force_login(ddets44)
    response = client.post(reverse("mesure:delete", args=[mesure.pk]))
    assert messages_de(response) == [
        "Une mesure qui a donné lieu à un avenant ou à une demande de fermeture ne se supprime pas."
    ]
