"""Date-driven transitions, with the day passed to the service (frozen clock without freezegun):
entry into force on the start date, expiry after the end date, idempotent, logged as the system."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from backoffice.conventions.echeances import appliquer_echeances
from backoffice.conventions.models import Convention, EtatConvention
from tests.conventions.factories import amener, convention_pour, jours
from workflows.services import TransitionImpossible, chronologie, executer_transition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


@pytest.fixture
def signee(national, dispositif44):
    convention = convention_pour(
        dispositif44, type_convention="huda", date_debut=jours(10), date_fin=jours(374)
    )
    return amener(convention, "signee", national)


def test_entree_en_vigueur_le_jour_du_debut(signee):
    appliquer_echeances(jours(9))
    signee.refresh_from_db()
    assert signee.etat == EtatConvention.SIGNEE

    bilan = appliquer_echeances(jours(10))
    signee.refresh_from_db()
    assert signee.etat == EtatConvention.EN_VIGUEUR
    assert bilan.en_vigueur == [signee.pk]
    dernier = chronologie(signee)[-1]
    assert dernier["transition"] == "mettre_en_vigueur"
    assert dernier["acteur"] == "Système (échéances des conventions)"

    # Idempotent: a second run the same day (or the next) changes nothing and logs nothing.
    bilan = appliquer_echeances(jours(11))
    assert bilan.en_vigueur == [] and bilan.erreurs == []
    assert len(chronologie(signee)) == 5


def test_expiration_le_lendemain_de_la_fin(signee):
    appliquer_echeances(jours(10))
    appliquer_echeances(jours(374))
    signee.refresh_from_db()
    assert signee.etat == EtatConvention.EN_VIGUEUR
    bilan = appliquer_echeances(jours(375))
    signee.refresh_from_db()
    assert signee.etat == EtatConvention.EXPIREE
    assert bilan.expirees == [signee.pk]


def test_rattrapage_d_une_echeance_manquee(signee):
    """Not run for a long time: in force then expired in the same run, both logged."""
    appliquer_echeances(jours(400))
    signee.refresh_from_db()
    assert signee.etat == EtatConvention.EXPIREE
    assert [e["vers"] for e in chronologie(signee)][-2:] == ["en_vigueur", "expiree"]


def test_les_transitions_de_date_sont_reservees_au_systeme(signee, national):
    with pytest.raises(Exception) as erreur:
        executer_transition(Convention, signee.pk, "mettre_en_vigueur", national)
    assert erreur.type.__name__ == "PermissionDenied"


def test_le_systeme_ne_devance_pas_la_date(signee):
    from backoffice.conventions.systeme import Systeme

    with pytest.raises(TransitionImpossible, match="n'entre en vigueur que le"):
        executer_transition(
            Convention, signee.pk, "mettre_en_vigueur", Systeme(), aujourdhui=jours(9)
        )


def test_commande(signee, capsys):
    call_command("appliquer_echeances_conventions", "--date", jours(10).isoformat())
    signee.refresh_from_db()
    assert signee.etat == EtatConvention.EN_VIGUEUR
    assert "1 convention entrée en vigueur" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Date invalide"):
        call_command("appliquer_echeances_conventions", "--date", "31/12/2026")


def test_commande_echeances_pour_les_deux_applications(signee, capsys):
    call_command("echeances", "--date", jours(10).isoformat())
    sortie = capsys.readouterr().out
    assert "Conventions : 1 convention entrée en vigueur" in sortie
    assert "Appels à projets : 0 clos" in sortie


def test_date_en_dehors_des_bornes_ne_casse_rien(signee):
    assert appliquer_echeances(datetime.date(2000, 1, 1)).en_vigueur == []
