"""Piloting and inspect pages on PostgreSQL at the national scale (12,000 dispositifs).

    uv run python benchmarks/bench_pilotage.py [--database-url postgres://...] [--skip-seed]
                                               [--repetitions 15] [--seulement TEXTE]
                                               [--comptes national,ddets75] [--profil TEXTE]

Without --database-url it starts a throwaway PostgreSQL cluster (benchmarks/_pg.py), migrates
and loads `seed_demo --scale national` (history included, dated when each object came into
being). Then, through Django's test client, as the national demo user and as the DDETS 75 one:
the home dashboard and the map (today and at a past date), the inspect page of the entité that
runs the most dispositifs of the account's perimeter, the inspect page of a dispositif (the one
with the most financing lines), the XLSX export of the figures, the engine alone and the
dispositif list at a past date. Each page comes with a baseline measured in the same run: the
ORM queries alone (the rows the figures read, the rows the page lists) and the ratio
page / baseline. Median / p90 server time, CPU time of this process, SQL time and query count,
the target (pages: median <= 100 ms and CPU <= 60 ms) and the load average.
`--profil TEXTE` prints a cProfile of the measures whose name contains TEXTE.
Written to benchmarks/results/pilotage.json.
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
from bench_offre import (  # noqa: E402
    contenu,
    export_en_arriere_plan,
    imprimer_tableau,
    mesurer,
    profiler,
    quantile,
    seed,
)

RESULTATS = RACINE / "benchmarks" / "results" / "pilotage.json"
CIBLE_PAGE_MS = 100
CIBLE_PAGE_CPU_MS = 60
CIBLE_HISTOIRE_MS = 1000  # curve, comparison, rows behind a past figure (median)


def dans_la_cible(cible, mediane, cpu):
    """`cible`: True for a page (median and CPU), a number of ms (median), False: none."""
    if cible is True:
        return mediane <= CIBLE_PAGE_MS and cpu <= CIBLE_PAGE_CPU_MS
    return mediane <= cible if cible else None


def texte_cible(cible, ok):
    if cible is True:
        texte = f"≤ {CIBLE_PAGE_MS} ms et ≤ {CIBLE_PAGE_CPU_MS} ms CPU"
    elif cible:
        texte = f"≤ {cible} ms"
    else:
        return "—"
    return f"{texte} : " + ("OK" if ok else "HORS CIBLE")


def cas_du_profil(utilisateur):
    """[(name, call, baseline call, target?)] for one account."""
    from django.core.cache import cache
    from django.db.models import Count, Q
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from backoffice.acces.perimetres import filtrer, perimetre_pour
    from backoffice.offre.historique import historique
    from backoffice.offre.models import Dispositif, EntiteGestionnaire
    from backoffice.offre.views.dispositifs import DispositifViewSet
    from backoffice.pilotage.axes import Axes
    from backoffice.pilotage.comparaison import comparer
    from backoffice.pilotage.detail import lignes_du_chiffre
    from backoffice.pilotage.evolution import calculer_evolution
    from backoffice.pilotage.indicateurs import photographie, releve_courant, releve_historique

    client = Client()
    client.force_login(utilisateur)
    aujourdhui = timezone.localdate()
    passe = aujourdhui - datetime.timedelta(days=200)
    perimetre = perimetre_pour(utilisateur, "offre.dispositif", "view")
    visibles = filtrer(Dispositif.objects.all(), perimetre)

    def page(url, **params):
        return lambda: contenu(client.get(url, params), url)

    def releve_du_jour():
        return releve_courant(perimetre, exercices={aujourdhui.year})

    def releve_passe():
        return releve_historique(passe, perimetre)

    # The entité that runs the most dispositifs of the perimeter, and its rows (baseline: the
    # dispositifs it runs with their capacities, the ORM query alone).
    entite = (
        EntiteGestionnaire.objects.annotate(
            n=Count("dispositifs", filter=Q(dispositifs__in=visibles))
        )
        .order_by("-n", "pk")
        .first()
    )

    def reference_entite():
        qs = filtrer(entite.dispositifs.select_related("type").avec_capacites(), perimetre)
        return list(qs.values_list("code", "nom", "type__libelle", "departement_id",
                                   "places_autorisees", "nb_places_financees",
                                   "nb_places_ouvertes"))  # fmt: skip

    dispositif = visibles.annotate(n=Count("financements")).order_by("-n", "pk").first()

    def reference_dispositif():
        d = Dispositif.objects.select_related("entite", "type__nature", "departement").get(
            pk=dispositif.pk
        )
        return (
            list(d.groupes.all()),
            list(d.financements.select_related("programme")),
            historique(d),
        )

    def reference_liste():
        qs = (
            visibles.select_related("entite", "type", "type__nature", "departement")
            .avec_capacites()
            .order_by("code")[: DispositifViewSet.list_per_page]
        )
        return list(qs)

    accueil, carte = reverse("wagtailadmin_home"), reverse("pilotage_carte")
    n_entite = entite.dispositifs.filter(pk__in=visibles).count()
    return [
        ("Tableau de bord (accueil)", page(accueil), releve_du_jour, True),
        (
            # The evolution chart is cached until the data change: its first computation.
            "Tableau de bord, cache vidé",
            lambda: (cache.clear(), page(accueil)()),
            releve_du_jour,
            False,
        ),
        ("Tableau de bord à J-200", page(accueil, date=passe.isoformat()), releve_passe, True),
        ("Carte (places ouvertes)", page(carte), releve_du_jour, True),
        (
            "Carte (coût place/jour)",
            page(carte, indicateur="cout_jour_place"),
            releve_du_jour,
            False,
        ),
        ("Carte à J-200", page(carte, date=passe.isoformat()), releve_passe, True),
        (
            f"Fiche entité ({n_entite} dispositifs)",
            page(reverse("entite:inspect", args=[entite.pk])),
            reference_entite,
            True,
        ),
        (
            "Fiche dispositif",
            page(reverse("dispositif:inspect", args=[dispositif.pk])),
            reference_dispositif,
            True,
        ),
        (
            "Export XLSX des chiffres",
            export_en_arriere_plan(client, reverse("pilotage_export")),
            releve_du_jour,
            False,
        ),
        ("Moteur seul, aujourd'hui", lambda: photographie(perimetre), releve_du_jour, False),
        ("Moteur seul, à J-200", lambda: photographie(perimetre, passe), releve_passe, False),
        (
            "Liste des dispositifs, capacités à J-200",
            page(reverse("dispositif:index"), date=passe.isoformat()),
            reference_liste,
            False,
        ),
        # Issue 14: the curve from history, the two-date comparison and the rows behind a
        # past figure, each against one read of the history (baseline), target 1 s.
        (
            "Courbe 24 mois depuis l'historique",
            lambda: calculer_evolution(perimetre, aujourdhui),
            releve_passe,
            CIBLE_HISTOIRE_MS,
        ),
        (
            "Comparaison J-200 → aujourd'hui (calcul)",
            lambda: comparer(perimetre, passe, aujourdhui),
            releve_passe,
            CIBLE_HISTOIRE_MS,
        ),
        (
            "Comparaison J-200 → aujourd'hui (page)",
            page(reverse("pilotage_comparaison"), du=passe.isoformat()),
            releve_passe,
            CIBLE_HISTOIRE_MS,
        ),
        (
            "Lignes des autorisées à J-200 (calcul)",
            lambda: lignes_du_chiffre(perimetre, "autorisees", Axes(passe)),
            releve_passe,
            CIBLE_HISTOIRE_MS,
        ),
        (
            "Liste des autorisées à J-200 (page)",
            page(reverse("pilotage_detail"), chiffre="autorisees", date=passe.isoformat()),
            releve_passe,
            CIBLE_HISTOIRE_MS,
        ),
    ]


def mesurer_profil(profil, utilisateur, repetitions, seulement, a_profiler):
    resultats = []
    for nom, appel, reference, cible in cas_du_profil(utilisateur):
        if seulement and not any(m.lower() in nom.lower() for m in seulement.split(",")):
            continue
        mesure = mesurer(appel, repetitions)
        ref = mesurer(reference, repetitions)
        mediane = statistics.median(mesure.temps) * 1000
        cpu = statistics.median(mesure.cpu) * 1000
        mediane_ref = statistics.median(ref.temps) * 1000
        resultat = {
            "profil": profil,
            "mesure": nom,
            "mediane_ms": round(mediane, 1),
            "p90_ms": round(quantile(mesure.temps, 0.9) * 1000, 1),
            "cpu_ms": round(cpu, 1),
            "sql_ms": round(statistics.median(mesure.sql) * 1000, 1),
            "requetes": sorted(set(mesure.requetes)),
            "reference_ms": round(mediane_ref, 1),
            "reference_cpu_ms": round(statistics.median(ref.cpu) * 1000, 1),
            "reference_requetes": max(ref.requetes),
            "ratio": round(mediane / mediane_ref, 1) if mediane_ref else None,
            "cible": cible,
            "ok": dans_la_cible(cible, mediane, cpu),
        }
        resultats.append(resultat)
        print(f"  {profil:8} {nom:42} {resultat['mediane_ms']:>8} ms", flush=True)
        if a_profiler and a_profiler.lower() in nom.lower():
            profiler(f"{profil} · {nom}", appel)
    return resultats


def afficher(resultats, contexte):
    print()
    print(f"Données : {contexte}")
    entetes = ["profil", "mesure", "méd. ms", "p90 ms", "CPU ms", "SQL ms", "req.",
               "réf. ms", "réf. req.", "ratio", "cible"]  # fmt: skip
    lignes = []
    for r in resultats:
        cible = texte_cible(r["cible"], r["ok"])
        chiffres = [r[k] for k in ("mediane_ms", "p90_ms", "cpu_ms", "sql_ms")]
        lignes.append(
            [r["profil"], r["mesure"], *(f"{c:.0f}" for c in chiffres)]
            + ["/".join(map(str, r["requetes"])), f"{r['reference_ms']:.0f}"]
            + [str(r["reference_requetes"]), str(r["ratio"]), cible]
        )
    imprimer_tableau(entetes, lignes)
    print(
        "méd./p90 : temps serveur (client de test Django) ; CPU : temps processeur de ce "
        "processus ; SQL : temps des requêtes ; réf. : les requêtes ORM seules (les lignes que "
        "lisent les chiffres, ou que la page liste), mesurées dans la même exécution ; "
        "ratio = page / référence (temps médians)"
    )
    charge = contexte["charge"]
    print(
        f"Charge de la machine (load average 1 min, {os.cpu_count()} cœurs) : "
        f"{charge[0]:.1f} au début des mesures, {charge[1]:.1f} à la fin"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="PostgreSQL à utiliser (sinon : cluster jetable)")
    parser.add_argument("--skip-seed", action="store_true", help="base déjà chargée")
    parser.add_argument("--repetitions", type=int, default=15)
    parser.add_argument(
        "--seulement", help="mesures dont le nom contient l'un de ces textes, a,b,…"
    )
    parser.add_argument("--comptes", default="national,ddets75")
    parser.add_argument("--profil", help="cProfile des mesures dont le nom contient ce texte")
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
        comptes = {"national": "national@demo.gouv.fr", "ddets75": "ddets75@demo.gouv.fr"}
        resultats = []
        for profil in args.comptes.split(","):
            utilisateur = User.objects.get(username=comptes[profil])
            resultats += mesurer_profil(
                profil, utilisateur, args.repetitions, args.seulement, args.profil
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
