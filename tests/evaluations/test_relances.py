"""Reminders of the evaluations' due dates: six months before, one month before, then overdue —
each once, to the DDETS of the département and the managers of the entité; the daily command
that brings the cycle in step first, in the scheduled list."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from backoffice import planification
from backoffice.evaluations.models import Evaluation, Relance
from backoffice.evaluations.relances import a_relancer, envoyer_relances, palier
from backoffice.offre.models import Dispositif
from tests.factories import DispositifFactory

from .outils import type_

pytestmark = pytest.mark.django_db

D = datetime.date
AUJOURDHUI = D(2026, 3, 2)


def test_paliers():
    assert palier(D(2026, 9, 3), AUJOURDHUI) == ""
    assert palier(D(2026, 9, 2), AUJOURDHUI) == Relance.SIX_MOIS
    assert palier(D(2026, 4, 3), AUJOURDHUI) == Relance.SIX_MOIS
    assert palier(D(2026, 4, 2), AUJOURDHUI) == Relance.UN_MOIS
    assert palier(AUJOURDHUI, AUJOURDHUI) == Relance.UN_MOIS
    assert palier(D(2026, 3, 1), AUJOURDHUI) == Relance.RETARD


@pytest.fixture
def sans_dates(dispositif44):
    """The 44 dispositif with no dates (rows made by hand here, not by the cycle)."""
    Dispositif.objects.filter(pk=dispositif44.pk).update(date_ouverture=None)
    return dispositif44


def _destinataires():
    return sorted(adresse for message in mail.outbox for adresse in message.to)


def test_six_mois_un_mois_puis_retard_une_fois_chacun(
    sans_dates, ddets44, ddets75, gestionnaire44, national
):
    evaluation = Evaluation.objects.create(dispositif=sans_dates, rang=2, echeance=D(2026, 8, 20))
    ailleurs = DispositifFactory(departement_id="75", date_ouverture=None)
    Evaluation.objects.create(dispositif=ailleurs, rang=1, echeance=D(2027, 6, 1))  # too far

    bilan = envoyer_relances(AUJOURDHUI)
    assert (bilan.evaluations, bilan.courriels) == (1, 2)
    assert _destinataires() == sorted([ddets44.email, gestionnaire44.email])
    message = mail.outbox[0]
    assert message.subject == "Évaluations des ESSMS : échéances au 02/03/2026"
    assert "Échéance dans moins de six mois :" in message.body
    assert f"{sans_dates.code} – {sans_dates.nom} : 2e évaluation, échéance le 20/08/2026" in (
        message.body
    )
    assert f"/admin/evaluations/inspect/{evaluation.pk}/" in message.body
    evaluation.refresh_from_db()
    assert (evaluation.relance, evaluation.relance_le) == (Relance.SIX_MOIS, AUJOURDHUI)

    # Same day, and the next weeks: nothing new.
    mail.outbox.clear()
    assert envoyer_relances(AUJOURDHUI).courriels == 0
    assert envoyer_relances(D(2026, 7, 1)).courriels == 0
    assert mail.outbox == []

    # One month before.
    assert envoyer_relances(D(2026, 7, 21)).courriels == 2
    assert "Échéance dans moins d'un mois :" in mail.outbox[0].body
    # Overdue, once.
    mail.outbox.clear()
    assert envoyer_relances(D(2026, 8, 21)).courriels == 2
    assert "Échéance dépassée, rapport non reçu :" in mail.outbox[0].body
    mail.outbox.clear()
    assert envoyer_relances(D(2026, 9, 30)).courriels == 0
    evaluation.refresh_from_db()
    assert evaluation.relance == Relance.RETARD


def test_un_retard_decouvert_tard_n_envoie_que_la_derniere_relance(sans_dates, ddets44):
    Evaluation.objects.create(dispositif=sans_dates, rang=1, echeance=D(2025, 1, 1))
    assert envoyer_relances(AUJOURDHUI).courriels == 1
    corps = mail.outbox[0].body
    assert "Échéance dépassée" in corps and "six mois" not in corps.split("L'évaluation")[0]
    assert envoyer_relances(AUJOURDHUI).courriels == 0


def test_un_courriel_par_personne_pour_toutes_ses_evaluations(sans_dates, ddets44):
    autre = DispositifFactory(departement_id="44", date_ouverture=None)
    Evaluation.objects.create(dispositif=sans_dates, rang=1, echeance=D(2025, 1, 1))
    Evaluation.objects.create(dispositif=autre, rang=1, echeance=D(2026, 4, 1))
    assert envoyer_relances(AUJOURDHUI).courriels == 1
    corps = mail.outbox[0].body
    assert sans_dates.code in corps and autre.code in corps
    assert corps.index("Échéance dépassée") < corps.index("Échéance dans moins d'un mois")


def test_ni_recue_ni_fermee_ni_hors_regime(sans_dates, ddets44):
    recue = Evaluation.objects.create(
        dispositif=sans_dates,
        rang=1,
        echeance=D(2025, 1, 1),
        organisme_evaluateur="Cabinet Qualis",
        date_reception=D(2024, 12, 1),
    )
    ferme = DispositifFactory(
        departement_id="44", date_ouverture=None, date_fermeture=D(2026, 1, 1)
    )
    Evaluation.objects.create(dispositif=ferme, rang=1, echeance=D(2025, 6, 1))
    sorti = DispositifFactory(departement_id="44", date_ouverture=None)
    Evaluation.objects.create(dispositif=sorti, rang=1, echeance=D(2025, 6, 1))
    Dispositif.objects.filter(pk=sorti.pk).update(type=type_("HUDA"), places_autorisees=None)
    assert a_relancer(AUJOURDHUI) == []
    assert envoyer_relances(AUJOURDHUI).courriels == 0
    recue.refresh_from_db()
    assert recue.relance == ""


def test_commande_et_tache_quotidienne(ddets44):
    DispositifFactory(departement_id="44", date_autorisation=D(2012, 3, 15))
    sortie = io.StringIO()
    call_command("relancer_evaluations", "--date", "2026-03-02", stdout=sortie)
    texte = sortie.getvalue()
    assert "Cycle des évaluations : 3 évaluations créées" in texte
    # 2017 and 2022 overdue, 2027 too far: one e-mail listing two evaluations.
    assert "Relances : 2 évaluations relancées, 1 courriel envoyé." in texte
    # The daily `echeances` task (backoffice/planification.py) runs the same, idempotently.
    sortie = io.StringIO()
    call_command("echeances", "--date", "2026-03-02", stdout=sortie)
    assert (
        "Évaluations des ESSMS : 0 évaluation créée, 0 échéance déplacée, 0 évaluation retirée ; "
        "0 évaluation relancée, 0 courriel envoyé." in sortie.getvalue()
    )
    taches = {t.commande: t for t in planification.TACHES}
    assert "évaluations des ESSMS" in taches["echeances"].objet
