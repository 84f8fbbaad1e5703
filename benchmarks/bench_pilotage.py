"""Piloting benchmark on PostgreSQL at the national scale (12,000 dispositifs).

    uv run python benchmarks/bench_pilotage.py [--database-url postgres://...] [--skip-seed]
                                               [--repetitions 15]

Without --database-url it starts a throwaway PostgreSQL cluster (benchmarks/_pg.py), migrates
and loads `seed_demo --scale national` (history included, dated when each object came into
being). Then, through Django's test client, as the national demo user and as the DDETS 75 one:
the home dashboard (today and at a past date), the map, the XLSX export of the figures; and the
engine alone (indicateurs.photographie today and at a past date). Baselines measured in the same
run: the first page of the dispositif list (the page users already know) and the bare aggregate
query of the places autorisées. Median / p90 server time, CPU time and query count; targets:
dashboard and map < 500 ms, at-date < 2 s. Written to benchmarks/results/pilotage.json.
"""

import argparse
import contextlib
import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "benchmarks"))

from _pg import cluster_jetable  # noqa: E402
from bench_offre import mesurer, quantile, seed  # noqa: E402

RESULTATS = RACINE / "benchmarks" / "results" / "pilotage.json"
CIBLE_TABLEAU_MS = 500
CIBLE_DATE_MS = 2000


def mesurer_profil(profil, utilisateur, repetitions):
    from django.core.cache import cache
    from django.db.models import Sum
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from backoffice.acces.perimetres import filtrer, perimetre_pour
    from backoffice.offre.models import Dispositif
    from backoffice.pilotage.indicateurs import photographie

    client = Client()
    client.force_login(utilisateur)
    passe = (timezone.localdate() - datetime.timedelta(days=200)).isoformat()
    perimetre = perimetre_pour(utilisateur, "offre.dispositif", "view")

    def page(nom, **params):
        url = reverse(nom)

        def appel():
            reponse = client.get(url, params)
            assert reponse.status_code == 200, (url, reponse.status_code)
            return reponse.content

        return appel

    cas = [
        ("Liste des dispositifs, page 1 (référence)", page("dispositif:index"), None),
        (
            "Requête agrégée seule (référence)",
            lambda: filtrer(Dispositif.objects.all(), perimetre).aggregate(
                Sum("places_autorisees")
            ),
            None,
        ),
        ("Tableau de bord (accueil)", page("wagtailadmin_home"), CIBLE_TABLEAU_MS),
        (
            # The evolution chart is cached until the data change: its first computation.
            "Tableau de bord, cache de la courbe vidé",
            lambda: (cache.clear(), page("wagtailadmin_home")()),
            CIBLE_TABLEAU_MS,
        ),
        ("Carte (places ouvertes)", page("pilotage_carte"), CIBLE_TABLEAU_MS),
        ("Carte (coût place/jour)", page("pilotage_carte", indicateur="cout_jour_place"), None),
        ("Export XLSX des chiffres", page("pilotage_export"), None),
        ("Moteur seul, aujourd'hui", lambda: photographie(perimetre), None),
        (
            "Tableau de bord à J-200",
            page("wagtailadmin_home", date=passe),
            CIBLE_DATE_MS,
        ),
        ("Carte à J-200", page("pilotage_carte", date=passe), CIBLE_DATE_MS),
        (
            "Moteur seul, à J-200",
            lambda: photographie(perimetre, datetime.date.fromisoformat(passe)),
            None,
        ),
        (
            "Liste des dispositifs, capacités à J-200",
            page("dispositif:index", date=passe),
            CIBLE_DATE_MS,
        ),
    ]
    resultats = []
    for nom, fonction, cible in cas:
        mesure = mesurer(fonction, repetitions)
        resultats.append(
            {
                "profil": profil,
                "mesure": nom,
                "mediane_ms": round(statistics.median(mesure.temps) * 1000, 1),
                "p90_ms": round(quantile(mesure.temps, 0.9) * 1000, 1),
                "cpu_mediane_ms": round(statistics.median(mesure.cpu) * 1000, 1),
                "sql_mediane_ms": round(statistics.median(mesure.sql) * 1000, 1),
                "requetes": sorted(set(mesure.requetes)),
                "cible_ms": cible,
            }
        )
        print(f"  {profil:9} {nom:45} {resultats[-1]['mediane_ms']:>8} ms", flush=True)
    reference = resultats[0]["mediane_ms"]
    for resultat in resultats:
        resultat["ratio_liste"] = round(resultat["mediane_ms"] / reference, 2)
    return resultats


def afficher(resultats, contexte):
    print()
    print(f"Données : {contexte}")
    entete = f"{'profil':9} {'mesure':45} {'médiane':>9} {'p90':>9} {'CPU':>8} {'SQL':>8} "
    print(entete + f"{'requêtes':>9} {'× liste':>8} cible")
    for r in resultats:
        cible = ""
        if r["cible_ms"]:
            cible = (
                "OK " if r["mediane_ms"] <= r["cible_ms"] else "DÉPASSÉ "
            ) + f"< {r['cible_ms']}"
        print(
            f"{r['profil']:9} {r['mesure']:45} {r['mediane_ms']:>7} ms {r['p90_ms']:>6} ms "
            f"{r['cpu_mediane_ms']:>5} ms {r['sql_mediane_ms']:>5} ms "
            f"{'/'.join(map(str, r['requetes'])):>9} {r['ratio_liste']:>8} {cible}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="PostgreSQL à utiliser (sinon : cluster jetable)")
    parser.add_argument("--skip-seed", action="store_true", help="base déjà chargée")
    parser.add_argument("--repetitions", type=int, default=15)
    args = parser.parse_args()

    with contextlib.ExitStack() as pile:
        url = args.database_url or pile.enter_context(cluster_jetable("bench-pilotage"))
        os.environ["DATABASE_URL"] = url
        os.environ["DJANGO_SETTINGS_MODULE"] = "backoffice.settings.test"
        sys.path.insert(0, str(RACINE))
        os.chdir(RACINE)
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.db import connection

        from backoffice.offre.models import Dispositif

        if connection.vendor != "postgresql":
            sys.exit("Ce banc de mesure vise PostgreSQL (--database-url postgres://…).")
        chargement = None
        if not args.skip_seed:
            call_command("migrate", verbosity=0)
            connection.close()
            chargement = seed()
        with connection.cursor() as curseur:
            curseur.execute("ANALYZE")
        charge_debut = os.getloadavg()[0]
        User = get_user_model()
        resultats = []
        for profil, courriel in (
            ("national", "national@demo.gouv.fr"),
            ("ddets75", "ddets75@demo.gouv.fr"),
        ):
            resultats += mesurer_profil(
                profil, User.objects.get(username=courriel), args.repetitions
            )
        contexte = {
            "dispositifs": Dispositif.objects.count(),
            "versions_historiques": Dispositif.history.model.objects.count(),
            "postgresql": connection.pg_version,
            "charge": [charge_debut, os.getloadavg()[0]],
        }
        afficher(resultats, contexte)
        RESULTATS.parent.mkdir(parents=True, exist_ok=True)
        RESULTATS.write_text(
            json.dumps(
                {
                    "date": time.strftime("%Y-%m-%d %H:%M"),
                    "chargement": chargement,
                    "contexte": contexte,
                    "resultats": resultats,
                },
                ensure_ascii=False,
                indent=2,
                default=str,
            )
        )
        print(f"Résultats écrits dans {RESULTATS.relative_to(RACINE)}")
        connection.close()


if __name__ == "__main__":
    main()
