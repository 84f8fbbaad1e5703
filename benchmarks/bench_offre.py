"""Offer benchmark on PostgreSQL at the national scale (12,000 dispositifs).

    uv run python benchmarks/bench_offre.py [--database-url postgres://...] [--skip-seed]
                                            [--repetitions 15] [--export-repetitions 3]
                                            [--seulement "liste"] [--profil "financements"]

Without --database-url it starts a throwaway PostgreSQL 15 cluster (initdb into a temporary
folder under /tmp, unix socket only, run as `postgres` when we are root) and deletes it at the end.
Then: migrate, `seed_demo --scale national` (timed: target < 3 min), and measure through Django's
test client, as the national demo user and as the DDETS 75 one, the server time (median / p90 over
N repetitions after a warm-up) and the number of SQL queries of the dispositif list (first page,
a deep page, a filter, a search), the first page of the financements, groupes de places and
anomalies lists, an entité's inspect page and the XLSX export of the list (time, tracemalloc peak
and peak RSS growth). Each figure comes with a baseline measured in the same run
(the bare ORM query, a plain openpyxl dump of the same rows) and the ratio view / baseline.
The table is printed and written to benchmarks/results/offre.json.

--seulement keeps the measures whose name contains one of the comma-separated words;
--profil runs the matching page views under cProfile (after the measures) and prints the functions
that cost the most, cumulated and own time.
"""

import argparse
import contextlib
import cProfile
import gc
import io
import json
import os
import pstats
import re
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "benchmarks"))

from _pg import cluster_jetable  # noqa: E402

RESULTATS = RACINE / "benchmarks" / "results" / "offre.json"

CIBLE_PAGE_MS = 150
# Lists (issue 13): median server time and CPU per page; a search may take longer.
CIBLE_LISTE_MS = 100
CIBLE_LISTE_CPU_MS = 60
CIBLE_RECHERCHE_MS = 150
CIBLE_EXPORT_S = 15
CIBLE_EXPORT_MO = 500
CIBLE_SEED_S = 180

# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


def quantile(valeurs, q):
    valeurs = sorted(valeurs)
    if len(valeurs) == 1:
        return valeurs[0]
    return statistics.quantiles(valeurs, n=100, method="inclusive")[int(q * 100) - 1]


def mesurer(fonction, repetitions, echauffement=1):
    """Run `fonction` (warm-up first); return wall times, CPU times of this process, query
    counts and SQL times (seconds). CPU time tells the code's own cost when other processes
    compete for the cores (wall time then includes waiting for a core)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(echauffement):
        fonction()
    temps, cpu, requetes, temps_sql = [], [], [], []
    for _ in range(repetitions):
        with CaptureQueriesContext(connection) as capture:
            debut, debut_cpu = time.perf_counter(), time.process_time()
            fonction()
            temps.append(time.perf_counter() - debut)
            cpu.append(time.process_time() - debut_cpu)
        requetes.append(len(capture.captured_queries))
        temps_sql.append(sum(float(q["time"]) for q in capture.captured_queries))
    return Mesure(temps, cpu, requetes, temps_sql)


class Mesure:
    def __init__(self, temps, cpu, requetes, sql):
        self.temps, self.cpu, self.requetes, self.sql = temps, cpu, requetes, sql


def rss_courant_ko():
    with open("/proc/self/status") as statut:
        for ligne in statut:
            if ligne.startswith("VmRSS:"):
                return int(ligne.split()[1])
    return 0


def pic_rss_ko():
    with open("/proc/self/status") as statut:
        for ligne in statut:
            if ligne.startswith("VmHWM:"):
                return int(ligne.split()[1])
    return 0


def reinitialiser_pic_rss():
    """Reset the kernel's peak-RSS mark (VmHWM) so the next peak is the export's own."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def memoire(fonction):
    """Peak Python allocations (tracemalloc) and peak RSS growth of one call, in MB, and the
    call's result."""
    gc.collect()
    remis_a_zero = reinitialiser_pic_rss()
    rss_avant = rss_courant_ko()
    maxrss_avant = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    resultat = fonction()  # RSS first, without tracemalloc (which costs memory and time itself)
    if remis_a_zero:
        delta_rss = (pic_rss_ko() - rss_avant) / 1024
    else:
        delta_rss = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - maxrss_avant) / 1024
    gc.collect()
    tracemalloc.start()
    fonction()
    _, pic = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return pic / 2**20, delta_rss, resultat


# ---------------------------------------------------------------------------------------------
# The benchmark proper
# ---------------------------------------------------------------------------------------------


def seed():
    """`manage.py seed_demo --scale national` in a child process (its memory stays its own)."""
    print("Chargement : manage.py seed_demo --scale national …", flush=True)
    debut = time.perf_counter()
    resultat = subprocess.run(
        [sys.executable, "manage.py", "seed_demo", "--scale", "national"],
        cwd=RACINE,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
    )
    duree = time.perf_counter() - debut
    print(resultat.stdout)
    if resultat.returncode:
        print(resultat.stderr)
        sys.exit("Échec de seed_demo (base déjà remplie ? relancez avec --skip-seed).")
    interne = re.search(r"chargé en ([\d.]+) s", resultat.stdout)
    return {
        "duree_s": round(duree, 1),
        "duree_commande_s": float(interne.group(1)) if interne else None,
        "pic_rss_mo": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


def colonnes_liste():
    return [
        "code",
        "nom",
        "entite__raison_sociale",
        "type__libelle",
        "departement_id",
        "commune",
        "places_autorisees",
        "nb_places_financees",
        "nb_places_ouvertes",
        "date_ouverture",
        "date_fermeture",
    ]


def colonnes_export():
    return [
        "code",
        "reference_locale",
        "nom",
        "entite__siren",
        "entite__raison_sociale",
        "type__nature__libelle",
        "type__libelle",
        "departement_id",
        "adresse",
        "code_postal",
        "commune",
        "siret",
        "finess",
        "code_dna",
        "public",
        "mode_hebergement",
        "places_autorisees",
        "places_pmr",
        "nb_places_financees",
        "nb_places_ouvertes",
        "date_ouverture",
        "date_fermeture",
        "telephone",
        "courriel",
    ]


def executer(repetitions, repetitions_export, garder, profil_de):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count

    from backoffice.offre.models import Dispositif, EntiteGestionnaire

    charge_debut = os.getloadavg()[0]
    print("Mesures (client de test Django) …", flush=True)
    User = get_user_model()
    entite = (
        EntiteGestionnaire.objects.annotate(n=Count("dispositifs")).order_by("-n", "pk").first()
    )
    resultats = []
    profils = (("national", "national@demo.gouv.fr"), ("ddets75", "ddets75@demo.gouv.fr"))
    for profil, courriel in profils:
        utilisateur = User.objects.get(username=courriel)
        resultats += mesurer_profil(
            profil, utilisateur, entite, repetitions, repetitions_export, garder, profil_de
        )
    return resultats, {
        "dispositifs": Dispositif.objects.count(),
        "entite_inspectee": str(entite),
        "postgresql": connection.pg_version,
        "charge": [charge_debut, os.getloadavg()[0]],
    }


def mesurer_profil(profil, utilisateur, entite, repetitions, repetitions_export, garder, profil_de):
    from django.test import Client
    from django.urls import reverse
    from openpyxl import Workbook

    from backoffice.acces.policies import policy_for
    from backoffice.acces.viewsets import LECTURE
    from backoffice.offre.models import Dispositif, Financement, GroupeDePlaces
    from backoffice.offre.views.dispositifs import DispositifViewSet
    from backoffice.qualite.filters import ACTIVES, filtrer_etat
    from backoffice.qualite.models import Anomalie
    from backoffice.qualite.views.communs import rang_severite
    from backoffice.recherche.filtres import rechercher

    client = Client()
    client.force_login(utilisateur)
    liste = reverse("dispositif:index")
    par_page = DispositifViewSet.list_per_page

    def perimetre(qs):
        return qs if profil == "national" else qs.filter(departement_id="75")

    def annotees():
        return perimetre(
            Dispositif.objects.select_related("entite", "type", "type__nature", "departement")
            .avec_capacites()
            .order_by("code")
        )

    def page(url):
        return lambda: contenu(client.get(url), url)

    def reference(filtre=lambda qs: qs, numero=1):
        def appel():
            qs = filtre(annotees())[(numero - 1) * par_page : numero * par_page]
            return list(qs.values_list(*colonnes_liste()))

        return appel

    def recherche(texte):
        return lambda qs: rechercher(qs, texte, DispositifViewSet.search_fields)

    total = perimetre(Dispositif.objects.all()).count()
    profonde = min(200, -(-total // par_page))
    scenarios = [
        ("liste, page 1", liste, reference()),
        (f"liste, page {profonde}", f"{liste}?p={profonde}", reference(numero=profonde)),
        (
            "liste, filtre type=CADA",
            f"{liste}?type=CADA",
            reference(lambda qs: qs.filter(type_id="CADA")),
        ),
        ("liste, recherche q=accueil", f"{liste}?q=accueil", reference(recherche("accueil"))),
        (
            "liste, recherche q=accueil nantes",
            f"{liste}?q=accueil+nantes",
            reference(recherche("accueil nantes")),
        ),
    ]

    def premiere_page(queryset, *ordre):
        """The bare ORM query of a list's first page: the user's perimeter, the list's
        select_related and order, the page's rows as model instances."""

        def appel():
            qs = policy_for(queryset.model).filtrer(queryset, utilisateur, LECTURE)
            return list(qs.order_by(*ordre)[:par_page])

        return appel

    listes = [
        (
            "financements, page 1",
            reverse("financement:index"),
            premiere_page(
                Financement.objects.select_related("dispositif", "programme"),
                "-exercice",
                "dispositif__code",
                "-pk",
            ),
        ),
        (
            "groupes de places, page 1",
            reverse("groupe:index"),
            premiere_page(
                GroupeDePlaces.objects.select_related("dispositif", "dispositif__type"),
                "dispositif__code",
                "libelle",
                "-pk",
            ),
        ),
        (
            "anomalies, page 1",
            reverse("anomalie:index"),
            premiere_page(
                filtrer_etat(
                    Anomalie.objects.select_related(
                        "dispositif", "convention", "departement", "justifiee_par"
                    ).annotate(ordre_severite=rang_severite()),
                    ACTIVES,
                ),
                "ordre_severite",
                "-detectee_le",
                "pk",
            ),
        ),
    ]
    resultats = []
    for nom, url, requete in scenarios + listes:
        if not garder(nom):
            continue
        vue = mesurer(page(url), repetitions)
        resultats.append(ligne(profil, nom, vue, mesurer(requete, repetitions), cible_de(nom)))
        progression(resultats[-1])
    for nom, url, _ in scenarios + listes:
        if profil_de(nom):
            profiler(f"{profil} · {nom}", page(url))

    # Inspect page of the entité that runs the most dispositifs.
    def reference_fiche():
        qs = perimetre(entite.dispositifs.select_related("type").avec_capacites())
        return list(qs.values_list(*colonnes_liste()))

    vus = perimetre(entite.dispositifs.all()).count()
    nom = f"fiche entité ({vus}/{entite.dispositifs.count()} disp.)"
    if garder(nom):
        vue = mesurer(page(reverse("entite:inspect", args=[entite.pk])), repetitions)
        ref = mesurer(reference_fiche, repetitions)
        resultats.append(ligne(profil, nom, vue, ref, CIBLE_PAGE_MS))
        progression(resultats[-1])

    # XLSX export of the whole list, against a plain openpyxl dump of the same rows.
    def reference_export():
        classeur = Workbook(write_only=True)
        feuille = classeur.create_sheet("Dispositifs")
        feuille.append(colonnes_export())
        for rangee in annotees().values_list(*colonnes_export()).iterator(chunk_size=2000):
            feuille.append(rangee)
        sortie = io.BytesIO()
        classeur.save(sortie)
        return sortie.getvalue()

    if not garder(f"export XLSX ({total} lignes)"):
        return resultats
    export = export_en_arriere_plan(client, f"{liste}?export=xlsx")
    vue = mesurer(export, repetitions_export)
    ref = mesurer(reference_export, repetitions_export)
    pic_py, delta_rss, fichier = memoire(export)
    pic_py_ref, delta_rss_ref, _ = memoire(reference_export)
    taille = len(fichier) / 2**20
    resultat = ligne(profil, f"export XLSX ({total} lignes)", vue, ref, CIBLE_EXPORT_S * 1000)
    resultat.update(
        taille_mo=round(taille, 1),
        tracemalloc_pic_mo=round(pic_py),
        rss_delta_mo=round(delta_rss),
        reference_tracemalloc_pic_mo=round(pic_py_ref),
        reference_rss_delta_mo=round(delta_rss_ref),
        cible_memoire_mo=CIBLE_EXPORT_MO,
        memoire_ok=max(pic_py, delta_rss) < CIBLE_EXPORT_MO,
    )
    resultats.append(resultat)
    progression(resultat)
    return resultats


def export_en_arriere_plan(client, url):
    """The whole export as the user gets it: the list answers with a redirect to the job's
    progress page (above EXPORTS_SEUIL_DIFFERE rows), the task writes the file (run in the same
    process by the test settings' immediate backend), then the download. Below the threshold the
    list answers with the file itself."""
    from django.urls import resolve, reverse

    def appel():
        reponse = client.get(url)
        if reponse.status_code == 302:
            suivi = resolve(urlsplit(reponse.url).path)
            assert suivi.view_name == "exportations:suivi", reponse.url
            fichier = reverse("exportations:telecharger", kwargs=suivi.kwargs)
            reponse = client.get(fichier)
        return contenu(reponse, url)

    return appel


def contenu(reponse, url):
    """The body of a 200 answer, streamed or not (any other status stops the bench)."""
    assert reponse.status_code == 200, (url, reponse.status_code)
    if reponse.streaming:
        return b"".join(reponse.streaming_content)
    return reponse.content


def imprimer_tableau(entetes, lignes):
    """Columns aligned on their widest cell, a rule under the headers."""
    largeurs = [max(len(x[i]) for x in [entetes, *lignes]) for i in range(len(entetes))]
    print("  ".join(e.ljust(n) for e, n in zip(entetes, largeurs, strict=True)))
    print("  ".join("-" * n for n in largeurs))
    for x in lignes:
        print("  ".join(c.ljust(n) for c, n in zip(x, largeurs, strict=True)).rstrip())


def cible_de(nom):
    """(median ms, CPU ms or None) targeted for a measure."""
    if "recherche" in nom:
        return CIBLE_RECHERCHE_MS, None
    if nom.endswith("page 1"):
        return CIBLE_LISTE_MS, CIBLE_LISTE_CPU_MS
    return CIBLE_PAGE_MS, None


def profiler(titre, appel, repetitions=10):
    """cProfile over a few calls of a page (after a warm-up): where its time goes."""
    appel()
    profileur = cProfile.Profile()
    profileur.enable()
    for _ in range(repetitions):
        appel()
    profileur.disable()
    print(f"\n=== Profil : {titre} ({repetitions} appels) ===")
    for tri in ("cumulative", "tottime"):
        sortie = io.StringIO()
        pstats.Stats(profileur, stream=sortie).strip_dirs().sort_stats(tri).print_stats(35)
        print(sortie.getvalue())


def progression(r):
    print(f"  {r['profil']} · {r['mesure']} : médiane {r['mediane_ms']:.0f} ms", flush=True)


def ligne(profil, nom, vue, ref, cible):
    cible_ms, cible_cpu_ms = cible if isinstance(cible, tuple) else (cible, None)
    cpu = statistics.median(vue.cpu) * 1000
    mediane = statistics.median(vue.temps) * 1000
    mediane_ref = statistics.median(ref.temps) * 1000
    return {
        "profil": profil,
        "mesure": nom,
        "repetitions": len(vue.temps),
        "mediane_ms": round(mediane, 1),
        "p90_ms": round(quantile(vue.temps, 0.9) * 1000, 1),
        "cpu_ms": round(cpu, 1),
        "requetes": max(vue.requetes),
        "sql_ms": round(statistics.median(vue.sql) * 1000, 1),
        "reference_ms": round(mediane_ref, 1),
        "reference_cpu_ms": round(statistics.median(ref.cpu) * 1000, 1),
        "ratio": round(mediane / mediane_ref, 1) if mediane_ref else None,
        "cible_ms": cible_ms,
        "cible_cpu_ms": cible_cpu_ms,
        "ok": mediane <= cible_ms and (cible_cpu_ms is None or cpu <= cible_cpu_ms),
    }


def afficher(chargement, resultats, contexte):
    print()
    print(f"Base : {contexte['dispositifs']} dispositifs, PostgreSQL {contexte['postgresql']}")
    if chargement:
        ok = "OK" if chargement["duree_s"] < CIBLE_SEED_S else "HORS CIBLE"
        print(
            f"seed_demo --scale national : {chargement['duree_s']} s de bout en bout "
            f"(commande : {chargement['duree_commande_s']} s, pic RSS {chargement['pic_rss_mo']} "
            f"Mo) — cible < {CIBLE_SEED_S} s : {ok}"
        )
    entetes = [
        "profil",
        "mesure",
        "méd. ms",
        "p90 ms",
        "CPU ms",
        "req.",
        "SQL ms",
        "réf. ms",
        "réf. CPU",
        "ratio",
        "cible",
        "",
    ]
    lignes = []
    for r in resultats:
        cible = f"< {r['cible_ms'] // 1000} s" if r["cible_ms"] >= 1000 else f"≤ {r['cible_ms']} ms"
        if r.get("cible_cpu_ms"):
            cible += f", CPU ≤ {r['cible_cpu_ms']}"
        chiffres = [r[k] for k in ("mediane_ms", "p90_ms", "cpu_ms", "requetes", "sql_ms")]
        lignes.append(
            [r["profil"], r["mesure"], *(f"{c:.0f}" for c in chiffres)]
            + [f"{r['reference_ms']:.0f}", f"{r['reference_cpu_ms']:.0f}", f"{r['ratio']}", cible]
            + ["OK" if r["ok"] else "HORS CIBLE"]
        )
    imprimer_tableau(entetes, lignes)
    print(
        "méd./p90 : temps serveur (client de test Django) ; CPU : temps processeur de ce "
        "processus ; SQL : temps des requêtes ; réf. : référence mesurée dans la même exécution "
        "(requête ORM seule pour les pages, openpyxl write-only des mêmes lignes pour "
        "l'export) ; ratio = vue / référence (temps médians)"
    )
    charge = contexte["charge"]
    print(
        f"Charge de la machine (load average 1 min, {os.cpu_count()} cœurs) : "
        f"{charge[0]:.1f} au début des mesures, {charge[1]:.1f} à la fin"
    )
    for r in resultats:
        if "tracemalloc_pic_mo" in r:
            ok = "OK" if r["memoire_ok"] else "HORS CIBLE"
            print(
                f"Mémoire {r['mesure']} ({r['profil']}) : fichier {r['taille_mo']} Mo, pic "
                f"tracemalloc {r['tracemalloc_pic_mo']} Mo, pic RSS +{r['rss_delta_mo']} Mo "
                f"(référence : {r['reference_tracemalloc_pic_mo']} Mo / "
                f"+{r['reference_rss_delta_mo']} Mo) — cible < {CIBLE_EXPORT_MO} Mo : {ok}"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="PostgreSQL à utiliser (sinon : cluster jetable)")
    parser.add_argument("--skip-seed", action="store_true", help="base déjà chargée")
    parser.add_argument("--repetitions", type=int, default=15)
    parser.add_argument("--export-repetitions", type=int, default=3)
    parser.add_argument(
        "--seulement",
        help="mots séparés par des virgules : seules les mesures dont le nom en contient un",
    )
    parser.add_argument(
        "--profil",
        help="mots séparés par des virgules : ces pages passées sous cProfile après les mesures",
    )
    args = parser.parse_args()

    def selection(option, defaut):
        mots = [m.strip() for m in (option or "").split(",") if m.strip()]
        return lambda nom: any(m in nom for m in mots) if mots else defaut

    garder, profil_de = selection(args.seulement, True), selection(args.profil, False)

    with contextlib.ExitStack() as pile:
        url = args.database_url or pile.enter_context(cluster_jetable("bench-offre-pg"))
        os.environ["DATABASE_URL"] = url
        os.environ["DJANGO_SETTINGS_MODULE"] = "backoffice.settings.test"
        sys.path.insert(0, str(RACINE))
        os.chdir(RACINE)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        if connection.vendor != "postgresql":
            sys.exit("Ce banc de mesure vise PostgreSQL (--database-url postgres://…).")
        chargement = None
        if not args.skip_seed:
            debut = time.perf_counter()
            call_command("migrate", verbosity=0)
            print(f"Migrations : {time.perf_counter() - debut:.1f} s")
            connection.close()
            chargement = seed()
        with connection.cursor() as curseur:
            curseur.execute("ANALYZE")
        resultats, contexte = executer(args.repetitions, args.export_repetitions, garder, profil_de)
        afficher(chargement, resultats, contexte)
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
            )
        )
        print(f"Résultats écrits dans {RESULTATS.relative_to(RACINE)}")
        connection.close()


if __name__ == "__main__":
    main()
