"""The occupancy figures: one definition (ratios of sums), every figure equal to the rows its
link lists, targets from the convention in force, months below target, fixed query counts."""

import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backoffice.acces.perimetres import NATIONAL, Perimetre
from backoffice.occupation import indicateurs as ind
from backoffice.occupation.models import Occupation
from tests.factories import DispositifFactory, departement
from tests.occupation.outils import mois_passe
from tests.qualite.outils import convention_en_vigueur

pytestmark = pytest.mark.django_db

MOIS = mois_passe(1)


def parc(graine, n, mois=(MOIS,)):
    hasard = random.Random(graine)
    for _ in range(n):
        d = DispositifFactory(departement=departement(hasard.choice(["44", "75"])))
        for m in mois:
            en_service = hasard.randint(10, 120)
            occupees = hasard.randint(0, en_service)
            refugies = hasard.randint(0, occupees // 4)
            Occupation.objects.create(
                dispositif=d,
                mois=m,
                places_en_service=en_service,
                places_occupees=occupees,
                presence_indue_refugies=refugies,
                presence_indue_deboutes=hasard.randint(0, occupees - refugies),
                places_vacantes=en_service - occupees,
            )


def test_taux_rapport_de_sommes_et_departements_egaux_au_total():
    parc(1, 12)
    rows = list(Occupation.objects.filter(mois=MOIS))
    total = ind.chiffres(NATIONAL, MOIS)
    assert total.dispositifs == len(rows)
    assert total.occupees == sum(r.places_occupees for r in rows)
    assert total.taux_occupation == Decimal(total.occupees) / Decimal(
        sum(r.places_en_service for r in rows)
    )
    par_departement = ind.chiffres(NATIONAL, MOIS, par="departement")
    for champ in ("en_service", "occupees", "refugies", "deboutes", "vacantes", "dispositifs"):
        assert sum(getattr(c, champ) for c in par_departement.values()) == getattr(total, champ)
    p44 = Perimetre(departements=frozenset({"44"}))
    assert ind.chiffres(p44, MOIS).occupees == par_departement["44"].occupees


def test_le_lien_de_chaque_chiffre_liste_ses_lignes(client, national):
    parc(2, 8)
    client.force_login(national)
    accueil = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-panneau-occupation" in accueil
    par_departement = ind.chiffres(NATIONAL, MOIS, par="departement")
    for code, chiffres in par_departement.items():
        reponse = client.get(
            reverse("occupation:index"), {"mois": MOIS.isoformat(), "departement": code}
        )
        lignes = list(reponse.context["object_list"])
        assert len(lignes) == chiffres.dispositifs
        assert sum(o.places_occupees for o in lignes) == chiffres.occupees
        assert f'?mois={MOIS.isoformat()}&amp;departement={code}"' in accueil


def test_objectif_de_la_convention_en_vigueur(national):
    d = DispositifFactory()
    assert ind.objectifs(MOIS, [d.pk]) == {}
    convention = convention_en_vigueur(d, national)
    objectif = ind.objectifs(MOIS, [d.pk])[d.pk]
    assert objectif.convention_id == convention.pk
    assert objectif.cibles.occupation == Decimal("0.97")


def test_sous_la_cible_trois_mois_de_suite_seulement(national):
    bas, remonte = DispositifFactory(), DispositifFactory()
    for d in (bas, remonte):
        convention_en_vigueur(d, national)
    for n, occupees in ((3, 90), (2, 90), (1, 90)):
        Occupation.objects.create(dispositif=bas, mois=mois_passe(n), places_en_service=100,
                                  places_occupees=occupees)  # fmt: skip
        Occupation.objects.create(dispositif=remonte, mois=mois_passe(n), places_en_service=100,
                                  places_occupees=98 if n == 2 else occupees)  # fmt: skip
    sous = ind.sous_la_cible_depuis(NATIONAL, MOIS)
    assert list(sous) == [bas.pk]
    assert sous[bas.pk][0] == [mois_passe(3), mois_passe(2), mois_passe(1)]


def test_accueil_et_indicateurs_en_requetes_fixes(client, national):
    def requetes():
        client.force_login(national)
        with CaptureQueriesContext(connection) as contexte:
            ind.chiffres(NATIONAL, MOIS, par="departement")
            ind.sous_la_cible_depuis(NATIONAL, MOIS)
        return len(contexte.captured_queries)

    parc(3, 4, mois=[mois_passe(n) for n in (3, 2, 1)])
    petit = requetes()
    parc(4, 12, mois=[mois_passe(n) for n in (3, 2, 1)])
    assert requetes() == petit


def test_format_francais():
    assert ind.pourcentage(Decimal("0.9712")) == "97,1\u00a0%"
    assert ind.pourcentage(None) == "—"
    assert ind.points(Decimal("-0.021")) == "−2,1\u00a0pts"
