"""A convention résiliée with effect on day R is in force until R - 1 and no longer on R
(docs/pilotage.md: « jusqu'à la veille de la prise d'effet de sa résiliation »). The boundary is
pinned on both sides, the day before, the day and the day after, for every reader of the rule:
the model, the figures of the day (live tables), the figures of a past day (history), and the
quality rules' filter."""

import datetime

import pytest

from backoffice.acces.perimetres import NATIONAL
from backoffice.conventions.models import LigneConvention
from backoffice.pilotage.indicateurs import chiffres_du_dispositif, photographie
from backoffice.qualite.contexte import q_convention_en_vigueur, q_convention_terminee
from tests.conventions.factories import convention_pour
from tests.factories import DispositifFactory

pytestmark = pytest.mark.django_db

UN_JOUR = datetime.timedelta(days=1)


@pytest.fixture
def resiliee(horloge):
    """50 places conventionnées, résiliation taking effect tomorrow (R = today + 1)."""
    dispositif = DispositifFactory(departement_id="44")
    effet = horloge.aujourdhui + UN_JOUR
    convention = convention_pour(dispositif, places=50, resiliee=True, date_resiliation=effet)
    return dispositif, convention, effet


def _en_vigueur_selon_le_filtre(convention, date):
    lignes = LigneConvention.objects.filter(convention=convention)
    return lignes.filter(q_convention_en_vigueur(date)).exists()


@pytest.mark.parametrize(("decalage", "en_vigueur"), [(-1, True), (0, False), (1, False)])
def test_le_modele_et_les_filtres(resiliee, decalage, en_vigueur):
    _, convention, effet = resiliee
    jour = effet + datetime.timedelta(days=decalage)
    assert convention.en_vigueur_le(jour) is en_vigueur
    assert _en_vigueur_selon_le_filtre(convention, jour) is en_vigueur
    # Terminated from the effect date on (before it, the state already says « résiliée »).
    if not en_vigueur:
        lignes = LigneConvention.objects.filter(convention=convention)
        assert lignes.filter(q_convention_terminee(jour)).exists()


def test_les_chiffres_du_jour_autour_de_la_resiliation(horloge, resiliee):
    """Live figures (today's tables), read on R - 1, R and R + 1."""
    dispositif, _, effet = resiliee
    vus = {}
    for jour in (effet - UN_JOUR, effet, effet + UN_JOUR):
        if jour > horloge.aujourdhui:
            horloge.aller_au(jour)
        assert horloge.aujourdhui == jour
        vus[jour] = (
            photographie(NATIONAL).total().conventionnees,
            chiffres_du_dispositif(dispositif).conventionnees,
        )
    assert vus == {
        effet - UN_JOUR: (50, 50),
        effet: (0, 0),
        effet + UN_JOUR: (0, 0),
    }


def test_les_chiffres_d_un_jour_passe_autour_de_la_resiliation(horloge, resiliee):
    """The same days read afterwards, from the history."""
    dispositif, _, effet = resiliee
    horloge.aller_au(effet + datetime.timedelta(days=5))
    vus = {
        jour: (
            photographie(NATIONAL, jour).total().conventionnees,
            chiffres_du_dispositif(dispositif, jour).conventionnees,
        )
        for jour in (effet - UN_JOUR, effet, effet + UN_JOUR)
    }
    assert vus == {
        effet - UN_JOUR: (50, 50),
        effet: (0, 0),
        effet + UN_JOUR: (0, 0),
    }
