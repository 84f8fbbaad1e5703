"""Figures on two time axes: in effect on D as known on K (docs/domaine.md §6)."""

import datetime

import pytest

from backoffice.acces.perimetres import NATIONAL
from backoffice.conventions.models import Avenant
from backoffice.pilotage.indicateurs import photographie
from tests.conventions.factories import amener, avenant_pour, convention_pour, pdf
from tests.factories import DispositifFactory
from workflows.services import executer_transition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


def jour(mois, j, annee=2025):
    return datetime.date(annee, mois, j)


@pytest.mark.xfail(
    strict=True,
    reason="Axe « connu au » à livrer : la version d'un avenant est datée à son effet (issue 14, "
    "classe 1)",
)
def test_un_avenant_tardif_ne_reecrit_pas_ce_que_la_base_disait(horloge, national):
    dispositif = DispositifFactory(places_autorisees=100)
    horloge.aller_au(jour(10, 1))
    convention = convention_pour(dispositif, places=60, date_debut=jour(10, 1))
    amener(convention, "signee", national)
    horloge.aller_au(jour(11, 26))
    avenant = avenant_pour(convention, dispositif, 70, jour(11, 6))
    executer_transition(Avenant, avenant.pk, "valider", national)
    executer_transition(
        Avenant, avenant.pk, "signer", national, date_signature=jour(11, 26), fichier=pdf()
    )
    # On 16 November the database said 60: the avenant was recorded on the 26th.
    assert photographie(NATIONAL, jour(11, 16)).total().conventionnees == 60
