"""The 24-month curve reads the history once (bitemporel.chronologie) and must give, for each month
end, exactly the photograph of that day on the same axes; and `chronologie` must give, day by
day, the rows of `etats_au` (the rule read one date at a time)."""

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backoffice.acces.perimetres import NATIONAL, Perimetre
from backoffice.bitemporel import chronologie, etats_au
from backoffice.conventions.models import LigneConvention
from backoffice.offre.models import Dispositif
from backoffice.pilotage.axes import Axes
from backoffice.pilotage.comparaison import comparer
from backoffice.pilotage.detail import lignes_du_chiffre
from backoffice.pilotage.evolution import fins_de_mois
from backoffice.pilotage.indicateurs import (
    CHAMPS_DISPOSITIF,
    SIMPLES_DISPOSITIF,
    photographie,
    series_connues,
)
from tests.pilotage.test_indicateurs import (
    AUJOURDHUI,
    PASSE,
    modifier_au_hasard,
    parc_aleatoire,
    reculer_historique,
)

pytestmark = pytest.mark.django_db

P44 = Perimetre(departements=frozenset({"44"}))
DATES = fins_de_mois(AUJOURDHUI)


def histoire_aleatoire(graine):
    """A random park recorded 60 days ago, then edited: moves, corrections, avenant-like lines
    with an effective date between the two."""
    rng = random.Random(graine)
    parc_aleatoire(rng)
    reculer_historique(60)
    modifier_au_hasard(rng)
    for dispositif in Dispositif.objects.all():
        if rng.random() < 0.3:
            dispositif.departement_id = rng.choice(["44", "49", "75"])
            dispositif.save()
    for ligne in LigneConvention.objects.all():
        if rng.random() < 0.5:
            ligne.effet_le = PASSE - datetime.timedelta(days=rng.randint(-20, 40))
            ligne.places_conventionnees = rng.randint(1, 90)
            ligne.save()


def _ligne(row, champs):
    """The fields compared, and whether the row was deleted since (both readings say it)."""
    supprime = row["supprime"] if "supprime" in row else row["supprime_le"] is not None
    return {**{c: row[c] for c in ("id", *champs)}, "supprime": supprime}


def _jour_par_jour(modele, date, connu_au, champs, **options):
    """`chronologie` read on one day: the rows whose span contains it."""
    lignes = []
    for morceaux in chronologie(modele, champs, connu_au=connu_au, **options).values():
        for debut, fin, row in morceaux:
            if (debut is None or debut <= date) and (fin is None or date <= fin):
                lignes.append(_ligne(row, champs))
    return sorted(lignes, key=lambda r: r["id"])


@pytest.mark.parametrize("graine", [11, 12])
def test_la_chronologie_donne_les_lignes_de_chaque_jour(graine):
    histoire_aleatoire(graine)
    jours = [PASSE - datetime.timedelta(days=n) for n in range(-44, 90, 7)] + [AUJOURDHUI]
    cas = [
        (Dispositif, CHAMPS_DISPOSITIF, {"simples": SIMPLES_DISPOSITIF}),
        (LigneConvention, ["dispositif_id", "places_conventionnees", "effet_le"], {"effet": True}),
    ]
    for connu_au in (None, PASSE):
        for modele, champs, options in cas:
            for jour in jours:
                attendu = sorted(
                    (
                        _ligne(r, champs)
                        for r in etats_au(modele, jour, connu_au, champs, **options)
                    ),
                    key=lambda r: r["id"],
                )
                assert _jour_par_jour(modele, jour, connu_au, champs, **options) == attendu, (
                    modele.__name__,
                    jour,
                    connu_au,
                )


@pytest.mark.parametrize("graine", [13, 14, 15])
def test_la_courbe_egale_la_photographie_de_chaque_fin_de_mois(graine):
    histoire_aleatoire(graine)
    for perimetre in (NATIONAL, P44):
        for connu_au in (None, PASSE):
            courbe = series_connues(perimetre, DATES, connu_au)
            attendu = [photographie(perimetre, date, connu_au).total() for date in DATES]
            assert courbe == attendu, (perimetre, connu_au)
    assert series_connues(NATIONAL, DATES) != series_connues(NATIONAL, DATES, PASSE)


def test_la_courbe_lit_l_historique_en_un_nombre_fixe_de_requetes():
    parc_aleatoire(random.Random(16), n=5)
    petit = _requetes(lambda: series_connues(NATIONAL, DATES))
    parc_aleatoire(random.Random(17), n=20)
    assert _requetes(lambda: series_connues(NATIONAL, DATES)) == petit


def _requetes(appel):
    with CaptureQueriesContext(connection) as contexte:
        appel()
    return len(contexte.captured_queries)


def test_comparaison_et_liste_passee_en_un_nombre_fixe_de_requetes():
    """N then 4N dispositifs: the comparison of two dates and the rows behind a past figure read
    the same number of queries."""

    def mesures():
        return (
            _requetes(lambda: comparer(NATIONAL, PASSE, AUJOURDHUI)),
            _requetes(lambda: lignes_du_chiffre(NATIONAL, "autorisees", Axes(PASSE))),
            _requetes(lambda: lignes_du_chiffre(P44, "financees", Axes(PASSE, PASSE))),
        )

    parc_aleatoire(random.Random(18), n=5)
    reculer_historique(60)
    petit = mesures()
    parc_aleatoire(random.Random(19), n=15)
    reculer_historique(60)
    assert mesures() == petit


def test_les_versions_ne_sont_triees_que_dans_leur_fenetre():
    """The history's default ordering (newest first) sorted every version twice more around
    the window that picks the latest one: a third of the query's time at national scale."""
    parc_aleatoire(random.Random(20), n=3)
    with CaptureQueriesContext(connection) as contexte:
        etats_au(Dispositif, PASSE, None, CHAMPS_DISPOSITIF, simples=SIMPLES_DISPOSITIF)
    fenetres = [q["sql"] for q in contexte.captured_queries if "ROW_NUMBER" in q["sql"]]
    assert fenetres
    for sql in fenetres:
        assert sql.count("ORDER BY") == 1, sql
