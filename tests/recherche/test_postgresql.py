"""On PostgreSQL, each searched column has a trigram index and a search can use it (the
query puts no function around the column, and a related column is looked up in its own table)."""

import pytest
from django.apps import apps
from django.db import connection

from backoffice.offre.models import Dispositif, Nature, TypeDispositif
from backoffice.recherche.filtres import rechercher
from backoffice.recherche.modeles import Recherchable
from backoffice.recherche.operations import IndexTrigramme
from backoffice.territoires.models import Departement, Region, Siao

pytestmark = pytest.mark.django_db

# A few dozen rows each: PostgreSQL would read them whole anyway.
REFERENCE = {Region, Departement, Siao, Nature, TypeDispositif}


@pytest.fixture(autouse=True)
def postgresql_seulement():
    if connection.vendor != "postgresql":
        pytest.skip("index trigramme : PostgreSQL seulement")


def test_chaque_colonne_cherchee_a_son_index():
    attendus = {
        IndexTrigramme.nom_index(m._meta.db_table)
        for m in apps.get_models()
        if issubclass(m, Recherchable) and m not in REFERENCE
    }
    with connection.cursor() as curseur:
        curseur.execute("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%%gin_trgm_ops%%'")
        presents = {nom for (nom,) in curseur.fetchall()}
    assert attendus - presents == set()


def test_la_recherche_peut_passer_par_les_index():
    requete = rechercher(
        Dispositif.objects.order_by(), "Châteaubriant", ["recherche", "entite__recherche"]
    )
    # The paginator's count: no ORDER BY (a page may rather walk the code's index).
    sql, parametres = requete.values("pk").query.sql_with_params()
    with connection.cursor() as curseur:
        # Tables of a test are tiny: forbid the sequential scan to see whether an index can
        # answer at all (if not, PostgreSQL still scans).
        curseur.execute("SET LOCAL enable_seqscan = off")
        curseur.execute(f"EXPLAIN {sql}", parametres)
        plan = "\n".join(ligne for (ligne,) in curseur.fetchall())
    assert "offre_dispositif_recherche_trgm" in plan, plan
    assert "offre_entitegestionnaire_recherche_trgm" in plan, plan
    assert "Seq Scan" not in plan, plan
