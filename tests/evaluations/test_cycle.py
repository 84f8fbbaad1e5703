"""The evaluation cycle of an authorised ESSMS: due dates every five years from the authorisation
(else the opening), the end of the authorisation, the rows kept in step idempotently, the refusal
of types outside the authorisation regime, the states on a fixed day, the renewal's summary."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backoffice.evaluations.cycle import echeances_attendues, renouvellement, synchroniser
from backoffice.evaluations.models import (
    EtatEvaluation,
    Evaluation,
    Relance,
    decaler,
    fin_autorisation,
)
from backoffice.offre.models import Dispositif
from tests.acces.outils import comparer_requetes
from tests.factories import DispositifFactory

from .outils import essms, evaluations_de, type_

pytestmark = pytest.mark.django_db

D = datetime.date


# ---------------------------------------------------------------------------------------------
# Due dates
# ---------------------------------------------------------------------------------------------


def test_echeances_tous_les_cinq_ans_depuis_l_autorisation():
    d = Dispositif(date_autorisation=D(2012, 3, 15), date_ouverture=D(2013, 1, 1))
    assert echeances_attendues(d) == [(1, D(2017, 3, 15)), (2, D(2022, 3, 15)), (3, D(2027, 3, 15))]
    assert fin_autorisation(d) == D(2027, 3, 15)


def test_sans_date_d_autorisation_le_cycle_part_de_l_ouverture():
    d = Dispositif(date_autorisation=None, date_ouverture=D(2015, 1, 1))
    assert echeances_attendues(d) == [(1, D(2020, 1, 1)), (2, D(2025, 1, 1)), (3, D(2030, 1, 1))]
    assert fin_autorisation(d) == D(2030, 1, 1)


def test_sans_aucune_date_rien_n_est_attendu():
    d = Dispositif(date_autorisation=None, date_ouverture=None)
    assert echeances_attendues(d) == []
    assert fin_autorisation(d) is None


def test_un_29_fevrier_tombe_le_28():
    assert decaler(D(2016, 2, 29), annees=5) == D(2021, 2, 28)
    assert decaler(D(2024, 8, 31), mois=6) == D(2025, 2, 28)
    assert decaler(D(2025, 12, 15), mois=1) == D(2026, 1, 15)


def test_la_fin_d_autorisation_enregistree_borne_le_cycle():
    courte = Dispositif(date_autorisation=D(2012, 3, 15), date_fin_autorisation=D(2024, 1, 1))
    assert [r for r, _ in echeances_attendues(courte)] == [1, 2]
    # Renewed for fifteen more years: the cycle goes on (4th to 6th evaluations).
    renouvelee = Dispositif(date_autorisation=D(2012, 3, 15), date_fin_autorisation=D(2042, 3, 15))
    assert echeances_attendues(renouvelee)[-1] == (6, D(2042, 3, 15))


def test_une_fermeture_arrete_le_cycle():
    d = Dispositif(date_autorisation=D(2012, 3, 15), date_fermeture=D(2025, 6, 30))
    assert [r for r, _ in echeances_attendues(d)] == [1, 2]


# ---------------------------------------------------------------------------------------------
# Rows kept in step
# ---------------------------------------------------------------------------------------------


def test_creation_idempotente_pour_les_seuls_types_autorises():
    cada = DispositifFactory(date_autorisation=D(2012, 3, 15))
    cph = DispositifFactory(type=type_("CPH"), date_autorisation=None, date_ouverture=D(2019, 9, 1))
    huda = DispositifFactory(type=type_("HUDA"), places_autorisees=None)
    bilan = synchroniser()
    assert bilan.creees == 6
    assert [(e.rang, e.echeance) for e in evaluations_de(cada)] == [
        (1, D(2017, 3, 15)),
        (2, D(2022, 3, 15)),
        (3, D(2027, 3, 15)),
    ]
    assert [e.echeance for e in evaluations_de(cph)] == [
        D(2024, 9, 1),
        D(2029, 9, 1),
        D(2034, 9, 1),
    ]
    assert evaluations_de(huda) == []
    avant = list(Evaluation.objects.order_by("pk").values())
    second = synchroniser()
    assert (second.creees, second.deplacees, second.retirees) == (0, 0, 0)
    assert list(Evaluation.objects.order_by("pk").values()) == avant
    assert str(second) == "0 évaluation créée, 0 échéance déplacée, 0 évaluation retirée"


def test_une_date_corrigee_deplace_les_echeances_et_relance_de_zero():
    d = essms()
    premiere = evaluations_de(d)[0]
    Evaluation.objects.filter(pk=premiere.pk).update(relance=Relance.RETARD)
    Dispositif.objects.filter(pk=d.pk).update(date_autorisation=D(2013, 3, 15))
    bilan = synchroniser()
    assert bilan.deplacees == 3
    premiere.refresh_from_db()
    assert (premiere.echeance, premiere.relance, premiere.pk) == (D(2018, 3, 15), "", premiere.pk)


def test_une_evaluation_plus_attendue_est_retiree_si_rien_n_y_est_enregistre():
    d = essms()
    deuxieme, troisieme = evaluations_de(d)[1:]
    Evaluation.objects.filter(pk=deuxieme.pk).update(
        date_reception=D(2022, 5, 1), organisme_evaluateur="Cabinet Qualis"
    )
    # The authorisation was shortened: neither the 2nd nor the 3rd is due any more.
    Dispositif.objects.filter(pk=d.pk).update(date_fin_autorisation=D(2020, 1, 1))
    bilan = synchroniser()
    assert bilan.retirees == 1
    assert bilan.conservees == [deuxieme.pk]
    assert not Evaluation.objects.filter(pk=troisieme.pk).exists()
    assert Evaluation.objects.filter(pk=deuxieme.pk).exists()  # its report stays


def test_un_type_sorti_du_regime_perd_ses_evaluations_vierges():
    d = essms()
    Dispositif.objects.filter(pk=d.pk).update(type=type_("HUDA"), places_autorisees=None)
    assert synchroniser().retirees == 3
    assert evaluations_de(d) == []


def test_refus_pour_un_type_hors_du_regime_d_autorisation():
    huda = DispositifFactory(type=type_("HUDA"), places_autorisees=None)
    evaluation = Evaluation(dispositif=huda, rang=1, echeance=D(2030, 1, 1))
    with pytest.raises(ValidationError) as erreur:
        evaluation.full_clean()
    message = erreur.value.message_dict["dispositif"][0]
    assert message.startswith("Le type HUDA ne relève pas du régime d'autorisation")
    # Whatever the path: the shell or a service saving directly.
    with pytest.raises(ValidationError):
        Evaluation.objects.create(dispositif=huda, rang=1, echeance=D(2030, 1, 1))
    assert not Evaluation.objects.exists()
    cada = DispositifFactory()
    Evaluation(dispositif=cada, rang=1, echeance=D(2030, 1, 1)).full_clean()


def test_synchroniser_coute_autant_de_requetes_pour_n_et_4n_dispositifs():
    def mesurer():
        Evaluation.objects.all().delete()
        with CaptureQueriesContext(connection) as capture:
            synchroniser()
        return [q["sql"] for q in capture.captured_queries]

    for _ in range(2):
        DispositifFactory(date_autorisation=D(2012, 3, 15))
    petit = mesurer()
    for _ in range(6):
        DispositifFactory(date_autorisation=D(2012, 3, 15))
    grand = mesurer()
    assert Evaluation.objects.count() == 24
    comparer_requetes(petit, grand, 6, 24)


# ---------------------------------------------------------------------------------------------
# States on a fixed day
# ---------------------------------------------------------------------------------------------

AUJOURDHUI = D(2026, 1, 15)
CAS_ETATS = [
    (D(2025, 12, 1), None, EtatEvaluation.EN_RETARD),
    (D(2026, 1, 14), None, EtatEvaluation.EN_RETARD),
    (D(2026, 1, 15), None, EtatEvaluation.A_ECHEANCE),  # due today: not late yet
    (D(2026, 7, 15), None, EtatEvaluation.A_ECHEANCE),  # six months exactly
    (D(2026, 7, 16), None, EtatEvaluation.A_VENIR),
    (D(2025, 12, 1), D(2025, 11, 20), EtatEvaluation.RECUE),
    (D(2031, 1, 1), D(2025, 11, 20), EtatEvaluation.RECUE),
]


def test_etats_selon_la_date():
    d = DispositifFactory(date_autorisation=None, date_ouverture=None)
    evaluations = [
        Evaluation.objects.create(dispositif=d, rang=rang, echeance=echeance, date_reception=recue)
        for rang, (echeance, recue, _) in enumerate(CAS_ETATS, start=1)
    ]
    for evaluation, (_, _, attendu) in zip(evaluations, CAS_ETATS, strict=True):
        assert evaluation.etat_au(AUJOURDHUI) == attendu, evaluation.echeance
    # The queryset says the same, state by state.
    for etat in EtatEvaluation.values:
        attendus = {e.pk for e in evaluations if e.etat_au(AUJOURDHUI) == etat}
        trouves = set(Evaluation.objects.dans_l_etat(etat, AUJOURDHUI).values_list("pk", flat=True))
        assert trouves == attendus, etat
    assert EtatEvaluation(EtatEvaluation.A_ECHEANCE).label == "Échéance dans les 6 mois"


# ---------------------------------------------------------------------------------------------
# Renewal
# ---------------------------------------------------------------------------------------------


def test_renouvellement_fin_et_evaluations_recues_avant_elle():
    d = essms()
    premiere, deuxieme, troisieme = evaluations_de(d)
    premiere.organisme_evaluateur = "Cabinet Qualis"
    premiere.date_reception = D(2017, 6, 1)
    premiere.save()
    r = renouvellement(d, evaluations_de(d), aujourdhui=D(2026, 1, 15))
    assert r.fin == D(2027, 3, 15)
    assert r.source == "date d'autorisation + 15 ans"
    assert [ligne.etat for ligne in r.lignes] == [
        EtatEvaluation.RECUE,
        EtatEvaluation.EN_RETARD,
        EtatEvaluation.A_VENIR,
    ]
    assert len(r.attendues) == 3 and len(r.recues) == 1 and not r.complet
    assert r.bilan == "1 reçue sur 3"
    assert r.prochaine.rang == 2
    assert r.lignes[1].libelle_etat == "En retard"
    for evaluation in (deuxieme, troisieme):
        evaluation.organisme_evaluateur = "Cabinet Qualis"
        evaluation.date_reception = D(2025, 12, 1)
        evaluation.save()
    r = renouvellement(d, evaluations_de(d), aujourdhui=D(2026, 1, 15))
    assert r.complet and r.bilan == "3 reçues sur 3" and r.prochaine is None


def test_renouvellement_sans_ligne_creee_montre_le_cycle_attendu():
    d = DispositifFactory(date_autorisation=D(2012, 3, 15), date_fin_autorisation=D(2028, 1, 1))
    r = renouvellement(d, [], aujourdhui=D(2026, 1, 15))
    assert r.fin == D(2028, 1, 1) and r.source == "fin d'autorisation enregistrée"
    assert [(ligne.rang, ligne.evaluation) for ligne in r.lignes] == [
        (1, None),
        (2, None),
        (3, None),
    ]
    assert r.bilan == "0 reçue sur 3"
