"""Helpers of the data-quality tests."""

import datetime
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from backoffice.conventions.models import Convention
from backoffice.offre.models import jours_exercice
from backoffice.qualite.models import Anomalie
from tests.acces.outils import contenu, lignes_export
from tests.conventions.factories import amener, convention_pour
from tests.factories import DispositifFactory, FinancementFactory, GroupeFactory, siret_valide
from workflows.services import executer_transition


def aujourdhui():
    return timezone.localdate()


def jours(n):
    return aujourdhui() + datetime.timedelta(days=n)


def exercice():
    return aujourdhui().year


def montant_pour(cout_journalier, places):
    """Annual amount giving this cost per place per day over the current exercice."""
    return Decimal(str(cout_journalier)) * places * jours_exercice(exercice())


def anomalies(dispositif=None, regle=None, **filtres):
    qs = Anomalie.objects.all()
    if dispositif is not None:
        qs = qs.filter(dispositif=dispositif)
    if regle is not None:
        qs = qs.filter(regle=regle)
    return qs.filter(**filtres)


def anomalie(dispositif, regle):
    """The one anomaly of this rule on this dispositif (fails if none or several)."""
    return Anomalie.objects.get(dispositif=dispositif, regle=regle)


def convention_en_vigueur(dispositif, acteur, places=80, debut=-30, fin=1000):
    """A convention covering `dispositif`, signed, in force today (days relative to today)."""
    convention = convention_pour(
        dispositif, places=places, date_debut=jours(debut), date_fin=jours(fin)
    )
    return amener(convention, "signee", acteur)


def resilier(convention, acteur, date_resiliation):
    return executer_transition(
        Convention,
        convention.pk,
        "resilier",
        acteur,
        commentaire="Fermeture du site",
        date_resiliation=date_resiliation,
    )


def dispositif_sain(acteur, **kwargs):
    """A CADA with nothing to report: FINESS, SIRET of its entité, one groupe of 80 places,
    80 places financed at the reference cost under a convention in force for 80 places."""
    dispositif = DispositifFactory(finess="440000123", **kwargs)
    dispositif.siret = siret_valide(dispositif.entite.siren)
    dispositif.save()
    GroupeFactory(dispositif=dispositif, places=80)
    convention = convention_en_vigueur(dispositif, acteur)
    FinancementFactory(
        dispositif=dispositif,
        places_financees=80,
        montant_annuel=montant_pour(19.5, 80),
        convention=convention,
    )
    return dispositif


# ---------------------------------------------------------------------------------------------
# Query counts (as in tests/offre/test_requetes.py)
# ---------------------------------------------------------------------------------------------


def gabarit(sql):
    """The query with its literal values blanked, to group repeated queries."""
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r'"s\d+_x\d+"', "<savepoint>", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    return re.sub(r"IN \([?, %s]+\)", "IN (…)", sql)


def mesurer(client, url, params=None):
    """(SQL of one request, number of rows it listed or exported)."""
    params = params or {}
    with CaptureQueriesContext(connection) as capture:
        response = client.get(url, params)
        corps = contenu(response)  # exports stream: their queries run while the body is read
    assert response.status_code == 200
    if "export" in params:
        lignes = len(lignes_export(response, params["export"], corps)) - 1
    else:
        lignes = len(response.context["object_list"])
    return [q["sql"] for q in capture.captured_queries], lignes


def comparer(petit, grand, n_petit, n_grand):
    if len(petit) == len(grand):
        return
    avant, apres = Counter(map(gabarit, petit)), Counter(map(gabarit, grand))
    repetees = [f"  {avant[g]} → {apres[g]} ×  {g[:600]}" for g in apres if apres[g] != avant[g]]
    pytest.fail(
        f"{len(petit)} requêtes pour {n_petit} lignes, {len(grand)} pour {n_grand} lignes. "
        "Requêtes dont le nombre varie :\n" + "\n".join(repetees)
    )
