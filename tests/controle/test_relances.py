"""Reminders before the control phase's deadlines (the entité's answer, the measures'), run by
the daily `manage.py echeances`: to whom, when, once per step, caught up once after missed days,
started again when a deadline moves."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from backoffice.controle.choix import PALIER_ECHU, E, TypeMesure
from backoffice.controle.echeances import palier_du_jour, relancer_echeances
from backoffice.controle.models import Controle, Mesure
from tests.controle.factories import controle_en, jours, mesure_pour
from workflows.services import executer_transition

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("reste", "palier"),
    [(40, None), (16, None), (15, 15), (8, 15), (7, 7), (2, 7), (1, 1), (0, 1), (-1, PALIER_ECHU)],
)
def test_palier_du_jour(reste, palier):
    assert palier_du_jour(jours(reste), jours(0)) == palier


def destinataires():
    return sorted(adresse for m in mail.outbox for adresse in m.to)


@pytest.fixture
def contradictoire(dispositif44, national, gestionnaire44, ddets44):
    controle = controle_en(dispositif44, E.PROCEDURE_CONTRADICTOIRE, national)
    mail.outbox.clear()
    return controle


def test_rappels_de_la_reponse_attendue(contradictoire, gestionnaire44, ddets44):
    limite = contradictoire.date_limite_reponse  # in 30 days
    assert relancer_echeances(jours(10)).reponses == []  # 20 days left: too early
    bilan = relancer_echeances(jours(15))
    assert bilan.reponses == [contradictoire.pk]
    (courriel,) = mail.outbox
    assert courriel.to == [gestionnaire44.email]
    assert courriel.subject.startswith(
        f"Contrôle : votre réponse au rapport provisoire est attendue au plus tard le "
        f"{limite:%d/%m/%Y} (dans 15 jours)"
    )
    assert f"/admin/controles/inspect/{contradictoire.pk}/" in courriel.body
    # The same day again, or the day after: nothing new.
    assert relancer_echeances(jours(15)).reponses == []
    assert relancer_echeances(jours(16)).reponses == []
    # Missed days: one reminder for the step reached, not one per missed step.
    mail.outbox.clear()
    assert relancer_echeances(jours(29)).reponses == [contradictoire.pk]
    assert len(mail.outbox) == 1 and "(dans 1 jour)" in mail.outbox[0].subject
    # Past the deadline without answer: the DDETS is told, once.
    mail.outbox.clear()
    relancer_echeances(jours(31))
    relancer_echeances(jours(32))
    assert destinataires() == [ddets44.email]
    assert mail.outbox[0].subject.startswith(
        f"Contrôle : délai de réponse expiré le {limite:%d/%m/%Y} sans réponse de l'entité"
    )


def test_pas_de_rappel_une_fois_la_reponse_recue(contradictoire, gestionnaire44):
    executer_transition(
        Controle, contradictoire.pk, "repondre", gestionnaire44, commentaire="Nos observations"
    )
    mail.outbox.clear()
    assert relancer_echeances(jours(29)).reponses == []
    assert relancer_echeances(jours(40)).reponses == []
    assert mail.outbox == []


def test_un_delai_prolonge_relance_les_rappels(contradictoire, ddets44, gestionnaire44):
    relancer_echeances(jours(29))
    executer_transition(
        Controle, contradictoire.pk, "prolonger_delai", ddets44, date_limite_reponse=jours(60)
    )
    mail.outbox.clear()
    assert relancer_echeances(jours(29)).reponses == []  # 31 days left now
    assert relancer_echeances(jours(46)).reponses == [contradictoire.pk]
    assert destinataires() == [gestionnaire44.email]


def test_rappels_des_mesures(dispositif44, national, gestionnaire44, ddets44):
    controle = controle_en(dispositif44, E.RAPPORT_DEFINITIF, national)
    mesure = mesure_pour(controle, TypeMesure.INJONCTION, echeance=jours(20))
    sans_echeance = mesure_pour(controle)
    # Not before the suites are engaged.
    mail.outbox.clear()
    assert relancer_echeances(jours(15)).mesures == []
    executer_transition(Controle, controle.pk, "engager_suites", national)
    mail.outbox.clear()
    assert relancer_echeances(jours(5)).mesures == [mesure.pk]
    assert destinataires() == [gestionnaire44.email]
    assert "mesure à mettre en œuvre au plus tard le" in mail.outbox[0].subject
    assert "Injonction" in mail.outbox[0].subject
    assert f"/admin/controles/mesures/inspect/{mesure.pk}/" in mail.outbox[0].body
    mail.outbox.clear()
    assert relancer_echeances(jours(21)).mesures == [mesure.pk]
    assert destinataires() == [ddets44.email]
    assert "Constatez si elle est levée ou non." in mail.outbox[0].body
    # A measure followed up is reminded no more.
    executer_transition(Mesure, mesure.pk, "lever", ddets44)
    Mesure.objects.filter(pk=mesure.pk).update(relance_palier=None)
    assert relancer_echeances(jours(25)).mesures == []
    assert sans_echeance.relance_palier is None


def test_rien_n_est_ecrit_a_l_entite_avant_le_contradictoire(dispositif44, national):
    controle = controle_en(dispositif44, E.RAPPORT_PROVISOIRE, national)
    mail.outbox.clear()
    assert relancer_echeances(jours(1)).reponses == []
    assert mail.outbox == []
    assert controle.relance_palier is None


def test_la_commande_quotidienne_relance_les_controles(contradictoire, gestionnaire44):
    sortie = io.StringIO()
    call_command("echeances", "--date", jours(23).isoformat(), stdout=sortie)
    assert "Contrôles : 1 relance de réponse au rapport provisoire, 0 relance d'échéance" in (
        sortie.getvalue()
    )
    # (The same command runs the other apps' dated work: only the controls' e-mails here.)
    controles = [m for m in mail.outbox if m.subject.startswith("Contrôle")]
    assert [m.to for m in controles] == [[gestionnaire44.email]]
