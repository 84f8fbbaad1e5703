"""« Convention in force on a day » has one definition (conventions.models.q_en_vigueur_le and
Convention.periode_en_vigueur): a résiliation takes effect on its date, so a convention résiliée
on the measured day is no longer in force that day and still was the day before. Every reader
(the model, the queryset, the placed count, the quality rules, piloting) says the same."""

import pytest

from backoffice.conventions.models import Convention, places_conventionnees_au
from backoffice.pilotage.indicateurs import CHAMPS_PERIODE, contient, periode_convention
from backoffice.qualite.contexte import q_convention_en_vigueur
from tests.conventions.factories import amener, convention_pour, jours
from workflows.services import executer_transition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_temporaire")]


@pytest.fixture
def resiliee(national, dispositif44):
    """Signed, 50 places from day 10, résiliée with effect on day 40."""
    convention = amener(
        convention_pour(dispositif44, places=50, date_debut=jours(10)), "signee", national
    )
    executer_transition(
        Convention,
        convention.pk,
        "resilier",
        national,
        commentaire="Fermeture du site",
        date_resiliation=jours(40),
    )
    convention.refresh_from_db()
    assert convention.etat == "resiliee"
    return convention


def lectures(convention, jour, dispositif):
    """Whether each reader counts `convention` in force on `jour`."""
    return {
        "modele": convention.en_vigueur_le(jour),
        "queryset": Convention.objects.en_vigueur_le(jour).filter(pk=convention.pk).exists(),
        "places": places_conventionnees_au(jour, [dispositif]) == 50,
        "qualite": Convention.objects.filter(
            q_convention_en_vigueur(jour, prefixe=""), pk=convention.pk
        ).exists(),
        # piloting reads the convention's row as values (history), not the model
        "pilotage": contient(
            periode_convention({c: getattr(convention, c) for c in CHAMPS_PERIODE}), jour
        ),
    }


def test_resiliee_le_jour_mesure_n_est_plus_en_vigueur(resiliee, dispositif44):
    assert set(lectures(resiliee, jours(40), dispositif44).values()) == {False}


def test_resiliee_en_vigueur_la_veille_de_l_effet(resiliee, dispositif44):
    assert set(lectures(resiliee, jours(39), dispositif44).values()) == {True}


def test_resiliee_pas_en_vigueur_avant_son_debut(resiliee, dispositif44):
    assert set(lectures(resiliee, jours(9), dispositif44).values()) == {False}


def test_brouillon_jamais_en_vigueur(dispositif44):
    brouillon = convention_pour(dispositif44, places=50, date_debut=jours(10))
    assert brouillon.periode_en_vigueur is None
    assert set(lectures(brouillon, jours(20), dispositif44).values()) == {False}
