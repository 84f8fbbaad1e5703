"""DN@ occupancy import benchmark on PostgreSQL at the national scale (docs/occupation.md).

    uv run python benchmarks/bench_occupation.py [--database-url postgres://...]
                                                 [--repetitions 5] [--profil]

Without --database-url it starts a throwaway PostgreSQL 15 cluster (benchmarks/_pg.py) and
deletes it at the end. In one run:

1. a national park of 1,200 dispositifs of the asylum types (CADA, HUDA, CAES, CPH, PRAHDA)
   over the 101 départements, each with a DNA code, written with bulk_create (seconds, where
   `seed_demo --scale national` takes minutes); with --database-url, the dispositifs already
   carrying a DNA code are used when there are enough of them;
2. the OFII's national DN@ extract of a year: 1,200 dispositifs × the 12 past months
   (14,400 rows, openpyxl, as tests/occupation/outils.py writes them), plausible counts
   (occupied ≤ in service, présence indue ≤ occupied, vacant = in service − occupied −
   unavailable);
3. a baseline measured in the same run: `Occupation.objects.bulk_create` of the same 14,400
   rows (objects built from the rows in memory, dispositifs from a dict), then their deletion;
4. the whole job through `imports.services` as a national user does it (deposer →
   analyser_import → appliquer_import): the first import (everything created, on an empty
   table each time) and the re-import of the same file (everything unchanged); the analysis
   alone (analyser_import of a filed job) on the empty table and on the filled one; reading
   the file alone (lire_extrait), for information.

Each measure: median and p90 wall time, CPU time of this process (not PostgreSQL's), SQL time
and query count; the job's steps (deposit, analysis, application) apart; the ratio to the
bulk_create baseline. Target: the whole first import ≤ 10,000 ms (median).
--profil then runs one more first import under cProfile and prints where its time goes.
Results are printed and written to benchmarks/results/occupation.json.
"""

import argparse
import contextlib
import cProfile
import datetime
import gc
import io
import json
import os
import pstats
import random
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "benchmarks"))

from _pg import cluster_jetable  # noqa: E402
from bench_offre import imprimer_tableau, quantile  # noqa: E402

RESULTATS = RACINE / "benchmarks" / "results" / "occupation.json"

NB_DISPOSITIFS, NB_MOIS, NB_ENTITES = 1_200, 12, 300
TYPES_DNA = ("CADA", "HUDA", "CAES", "CPH", "PRAHDA")
CIBLE_IMPORT_MS = 10_000  # the whole first import (deposit + analysis + application), median

# ---------------------------------------------------------------------------------------------
# The national park and the extract
# ---------------------------------------------------------------------------------------------


def _siren(n):
    from stdnum import luhn

    base = f"{(n * 7919 + 54_321) % 10**8:08d}"
    return base + luhn.calc_check_digit(base)


def parc_national():
    """{DNA code: dispositif id} of NB_DISPOSITIFS dispositifs carrying a DNA code, and whether
    they were created here (bulk_create: no history, no search vector, none of it is read by the
    import)."""
    from collections import Counter

    from backoffice.offre.models import Dispositif, EntiteGestionnaire, TypeDispositif
    from backoffice.territoires.models import Departement

    existants = list(
        Dispositif.objects.exclude(code_dna="").order_by("code").values_list("code_dna", "pk")
    )
    uniques = Counter(code.strip().upper() for code, _ in existants)
    existants = [(code, pk) for code, pk in existants if uniques[code.strip().upper()] == 1]
    if len(existants) >= NB_DISPOSITIFS:
        # Spread over the whole park (every département), not its first codes.
        pas = len(existants) / NB_DISPOSITIFS
        return dict(existants[int(i * pas)] for i in range(NB_DISPOSITIFS)), False
    if Dispositif.objects.exists():
        sys.exit(
            f"La base a des dispositifs mais seulement {len(existants)} codes DNA uniques "
            f"(il en faut {NB_DISPOSITIFS}) : utilisez une base vide ou la démonstration "
            "nationale."
        )
    alea = random.Random(7)
    departements = list(Departement.objects.order_by("code").values_list("code", flat=True))
    types = {t.code: t for t in TypeDispositif.objects.filter(code__in=TYPES_DNA)}
    entites = EntiteGestionnaire.objects.bulk_create(
        [
            EntiteGestionnaire(
                siren=_siren(n + 1),
                raison_sociale=f"Association Asile {n}",
                statut_juridique="association",
                departement_id=departements[n % len(departements)],
                commune=f"Commune {n}",
            )
            for n in range(NB_ENTITES)
        ],
        batch_size=1000,
    )
    dispositifs, rangs = [], {}
    for n in range(NB_DISPOSITIFS):
        dep = departements[n % len(departements)]
        rangs[dep] = rangs.get(dep, 0) + 1
        code_type = TYPES_DNA[alea.randrange(len(TYPES_DNA))]
        type_ = types[code_type]
        places = max(10, round(alea.lognormvariate(0, 0.5) * 70))
        dispositifs.append(
            Dispositif(
                code=f"{dep}-{rangs[dep]:05d}",
                nom=f"{code_type} {dep} n° {rangs[dep]}",
                entite=entites[n % NB_ENTITES],
                type=type_,
                departement_id=dep,
                commune=f"Commune {n}",
                code_dna=f"{code_type}-{dep}-{rangs[dep]:05d}",
                places_autorisees=places if type_.sous_autorisation else None,
                date_ouverture=datetime.date(2015, 1, 1),
            )
        )
    Dispositif.objects.bulk_create(dispositifs, batch_size=1000)
    return {d.code_dna: d.pk for d in dispositifs}, True


def mois_passes(nombre):
    """The `nombre` months before the current one, oldest first (first days)."""
    courant = datetime.date.today().replace(day=1)
    mois = []
    for recul in range(nombre, 0, -1):
        annee, numero = divmod(courant.year * 12 + courant.month - 1 - recul, 12)
        mois.append(datetime.date(annee, numero + 1, 1))
    return mois


def lignes_extrait(codes, mois):
    """[(code, mois, en service, occupées, indue réfugiés, indue déboutés, vacantes,
    indisponibles)]: one row per dispositif and month, plausible and consistent counts."""
    alea = random.Random(3)
    lignes = []
    for code in codes:
        capacite = 10 + alea.randrange(140)
        for premier in mois:
            en_service = capacite - (alea.randrange(1, 6) if alea.random() < 0.1 else 0)
            indisponibles = alea.randrange(0, 4) if alea.random() < 0.2 else 0
            occupees = min(en_service - indisponibles, round(en_service * alea.uniform(0.8, 1)))
            refugies = round(occupees * alea.uniform(0, 0.08))
            deboutes = min(occupees - refugies, round(occupees * alea.uniform(0, 0.06)))
            vacantes = en_service - occupees - indisponibles
            lignes.append(
                (code, premier, en_service, occupees, refugies, deboutes, vacantes, indisponibles)
            )
    return lignes


def ecrire_extrait(chemin, lignes):
    """The extract as the OFII would send it: a title row, our headers, month as a date cell;
    optional columns left empty when zero on some rows (counted as 0)."""
    from openpyxl import Workbook

    from imports.occupation.colonnes import COLONNES

    classeur = Workbook(write_only=True)
    feuille = classeur.create_sheet("Extrait DN@")
    feuille.append(["Extrait DN@ – occupation mensuelle – France entière"])
    feuille.append([c.entete for c in COLONNES])
    for rang, (code, mois, *nombres) in enumerate(lignes):
        cellules = list(nombres)
        if rang % 7 == 0:  # the optional counts: empty rather than 0 on some rows
            cellules[2:] = [n or None for n in cellules[2:]]
        feuille.append([mois, code, *cellules])
    classeur.save(chemin)
    return chemin


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


class Etapes:
    """Marks inside one measured call: wall time, CPU and queries of each step."""

    def __init__(self, capture):
        self.capture = capture
        self.duree, self.cpu, self.requetes = {}, {}, {}
        self._repere()

    def _repere(self):
        self._t, self._cpu = time.perf_counter(), time.process_time()
        self._n = len(self.capture.captured_queries)

    def marquer(self, nom):
        self.duree[nom] = time.perf_counter() - self._t
        self.cpu[nom] = time.process_time() - self._cpu
        self.requetes[nom] = len(self.capture.captured_queries) - self._n
        self._repere()


def mesurer(nom, fonction, repetitions, preparer=None, reference=None, cible_ms=None):
    """`fonction(etapes)` run `repetitions` times, `preparer()` before each one (not timed):
    median / p90 wall time, median CPU and SQL time, query counts, each step's median."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    temps, cpu, sql, requetes, etapes = [], [], [], [], []
    for _ in range(repetitions):
        if preparer:
            preparer()
        gc.collect()
        with CaptureQueriesContext(connection) as capture:
            marques = Etapes(capture)
            debut, debut_cpu = time.perf_counter(), time.process_time()
            fonction(marques)
            temps.append(time.perf_counter() - debut)
            cpu.append(time.process_time() - debut_cpu)
        requetes.append(len(capture.captured_queries))
        sql.append(sum(float(q["time"]) for q in capture.captured_queries))
        etapes.append(marques)
    mediane = statistics.median(temps) * 1000
    r = {
        "mesure": nom,
        "repetitions": repetitions,
        "mediane_ms": round(mediane, 1),
        "p90_ms": round(quantile(temps, 0.9) * 1000, 1),
        "temps_ms": [round(t * 1000, 1) for t in temps],
        "cpu_ms": round(statistics.median(cpu) * 1000, 1),
        "sql_ms": round(statistics.median(sql) * 1000, 1),
        "requetes": sorted(set(requetes)),
        "etapes": {
            etape: {
                "mediane_ms": round(statistics.median(m.duree[etape] for m in etapes) * 1000, 1),
                "cpu_ms": round(statistics.median(m.cpu[etape] for m in etapes) * 1000, 1),
                "requetes": sorted({m.requetes[etape] for m in etapes}),
            }
            for etape in etapes[0].duree
        },
        "ratio": round(mediane / reference["mediane_ms"], 2) if reference else None,
        "cible_ms": cible_ms,
        "ok": mediane <= cible_ms if cible_ms else None,
    }
    etapes_texte = ", ".join(f"{e} {v['mediane_ms']:.0f}" for e, v in r["etapes"].items())
    print(
        f"  {nom} : médiane {r['mediane_ms']:.0f} ms (CPU {r['cpu_ms']:.0f} ms)"
        + (f" — {etapes_texte}" if etapes_texte else ""),
        flush=True,
    )
    return r


def vider_occupation():
    """TRUNCATE the occupancy table (transactional, no per-row work), then refresh its planner
    statistics: every repetition starts from the same empty table."""
    from django.db import connection

    from backoffice.occupation.models import Occupation

    with connection.cursor() as curseur:
        curseur.execute(f"TRUNCATE {Occupation._meta.db_table}")
        curseur.execute(f"ANALYZE {Occupation._meta.db_table}")


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------


def executer(dossier, repetitions, profil):
    from django.db import connection

    from backoffice.acces.roles import Role
    from backoffice.occupation.models import Occupation
    from imports import services
    from imports.models import ImportTemps1, NatureImport
    from imports.occupation import lire_extrait
    from imports.temps1.rapport import CREATED, UNCHANGED
    from tests.factories import UserFactory, affecter

    r = {"charge_debut": os.getloadavg()}
    print(f"Parc national : {NB_DISPOSITIFS} dispositifs avec un code DNA…")
    debut = time.perf_counter()
    par_code, crees = parc_national()
    r["parc_s"] = round(time.perf_counter() - debut, 1)
    r["parc_cree_ici"] = crees
    print(f"  {'créé' if crees else 'pris dans la base'} en {r['parc_s']} s")

    mois = mois_passes(NB_MOIS)
    lignes = lignes_extrait(sorted(par_code), mois)
    debut = time.perf_counter()
    chemin = ecrire_extrait(dossier / "extrait-dna-national.xlsx", lignes)
    r["extrait"] = {
        "lignes": len(lignes),
        "mois": f"{mois[0]:%m/%Y} → {mois[-1]:%m/%Y}",
        "taille_ko": round(chemin.stat().st_size / 1024),
        "ecrit_en_s": round(time.perf_counter() - debut, 1),
    }
    print(f"Extrait DN@ national : {len(lignes)} lignes ({r['extrait']['mois']}), "
          f"{r['extrait']['taille_ko']} Ko, écrit en {r['extrait']['ecrit_en_s']} s")  # fmt: skip

    national = UserFactory(username="national-bench-occupation@example.gouv.fr")
    affecter(national, Role.NATIONAL)
    with connection.cursor() as curseur:
        curseur.execute("ANALYZE")
    vider_occupation()
    mesures = []

    # --- the baseline: the same rows, plain ORM ----------------------------------------------
    print("Référence : Occupation.objects.bulk_create des mêmes lignes, puis leur suppression…")

    def creer(etapes):
        Occupation.objects.bulk_create(
            [
                Occupation(dispositif_id=par_code[code], mois=m, places_en_service=s,
                           places_occupees=o, presence_indue_refugies=ir,
                           presence_indue_deboutes=idb, places_vacantes=v,
                           places_indisponibles=ind)
                for code, m, s, o, ir, idb, v, ind in lignes
            ],
            batch_size=1000,
        )  # fmt: skip

    def supprimer(etapes):
        Occupation.objects.all().delete()

    reference = mesurer(
        "Référence : bulk_create ORM", creer, repetitions, preparer=vider_occupation
    )
    mesures.append(reference)
    assert Occupation.objects.count() == len(lignes)

    def remplir():
        vider_occupation()
        creer(None)

    mesures.append(
        mesurer("Référence : suppression (delete)", supprimer, repetitions, preparer=remplir)
    )
    vider_occupation()

    # --- reading alone (information) ----------------------------------------------------------
    mesures.append(
        mesurer(
            "Lecture seule (lire_extrait)",
            lambda etapes: lire_extrait(chemin, chemin.name),
            repetitions,
            reference=reference,
        )
    )

    # --- the job, as a national user ---------------------------------------------------------
    def deposer():
        return services.deposer(chemin, national, nature=NatureImport.OCCUPATION)

    def job(attendu):
        def lancer(etapes):
            import_ = deposer()
            etapes.marquer("dépôt")
            rapport = services.analyser_import(import_)
            etapes.marquer("analyse")
            assert rapport.ok, [str(e) for e in rapport.errors[:5]]
            rapport = services.appliquer_import(import_)
            etapes.marquer("application")
            assert import_.etat == ImportTemps1.Etat.APPLIQUEE, import_.message_echec
            assert rapport.sheets["Occupation"][attendu] == len(lignes), rapport.sheets

        return lancer

    deposes = []

    def analyse_seule(attendu):
        def preparer():
            deposes.append(deposer())

        def lancer(etapes):
            rapport = services.analyser_import(deposes.pop())
            assert rapport.ok and rapport.sheets["Occupation"][attendu] == len(lignes)

        return preparer, lancer

    print(f"Analyse seule, table vide ({repetitions} fois)…")
    preparer, lancer = analyse_seule(CREATED)
    mesures.append(
        mesurer("Analyse seule, table vide", lancer, repetitions, preparer, reference=reference)
    )

    print(f"Premier import complet, tout créé ({repetitions} fois, table vidée avant chacun)…")
    r["charge_premier_import"] = os.getloadavg()
    premier = mesurer(
        "Premier import complet (tout créé)",
        job(CREATED),
        repetitions,
        preparer=vider_occupation,
        reference=reference,
        cible_ms=CIBLE_IMPORT_MS,
    )
    mesures.append(premier)
    assert Occupation.objects.count() == len(lignes)
    with connection.cursor() as curseur:
        curseur.execute(f"ANALYZE {Occupation._meta.db_table}")

    print(f"Réimport du même fichier, tout inchangé ({repetitions} fois)…")
    mesures.append(
        mesurer(
            "Réimport complet (tout inchangé)", job(UNCHANGED), repetitions, reference=reference
        )
    )

    print(f"Analyse seule, table remplie ({repetitions} fois)…")
    preparer, lancer = analyse_seule(UNCHANGED)
    mesures.append(
        mesurer("Analyse seule, table remplie", lancer, repetitions, preparer, reference=reference)
    )
    r["mesures"] = mesures
    r["charge_fin"] = os.getloadavg()

    if profil:
        vider_occupation()
        gc.collect()
        profileur = cProfile.Profile()
        profileur.enable()
        job(CREATED)(Etapes(type("SansCapture", (), {"captured_queries": []})()))
        profileur.disable()
        print("\n=== Profil : un premier import complet (cProfile) ===")
        for tri in ("cumulative", "tottime"):
            sortie = io.StringIO()
            pstats.Stats(profileur, stream=sortie).sort_stats(tri).print_stats(45)
            print(sortie.getvalue())
    vider_occupation()  # the table as found (empty: checked before the run)
    return r


def afficher(r):
    print()
    print("=" * 100)
    e = r["extrait"]
    print(f"Extrait DN@ national : {e['lignes']} lignes ({NB_DISPOSITIFS} dispositifs × "
          f"{NB_MOIS} mois, {e['mois']}, {e['taille_ko']} Ko), compte national")  # fmt: skip
    entetes = ["mesure", "méd. ms", "p90 ms", "CPU ms", "SQL ms", "req.", "ratio", "cible"]
    lignes = []
    for m in r["mesures"]:
        if m["cible_ms"]:
            cible = f"≤ {m['cible_ms']:,} ms : ".replace(",", " ")
            cible += "OK" if m["ok"] else "HORS CIBLE"
        else:
            cible = "—"
        chiffres = [m[k] for k in ("mediane_ms", "p90_ms", "cpu_ms", "sql_ms")]
        lignes.append(
            [m["mesure"], *(f"{c:.0f}" for c in chiffres), "/".join(map(str, m["requetes"]))]
            + [f"{m['ratio']:.1f}×" if m["ratio"] else "—", cible]
        )
        for etape, v in m["etapes"].items():
            lignes.append(
                [f"  dont {etape}", f"{v['mediane_ms']:.0f}", "", f"{v['cpu_ms']:.0f}", ""]
                + ["/".join(map(str, v["requetes"])), "", ""]
            )
    imprimer_tableau(entetes, lignes)
    print(
        "méd./p90 : temps mur ; CPU : temps processeur de ce processus (hors PostgreSQL) ; SQL : "
        "temps des requêtes ; réf. : bulk_create ORM des mêmes lignes, mesuré dans la même "
        "exécution ; ratio = mesure / référence (temps médians). Import complet : deposer → "
        "analyser_import → appliquer_import (qui relit et revérifie le fichier avant d'écrire)."
    )
    print(f"Charge de la machine (load average 1/5/15 min, {os.cpu_count()} cœurs) : début "
          f"{tuple(round(c, 1) for c in r['charge_debut'])}, fin "
          f"{tuple(round(c, 1) for c in r['charge_fin'])}")  # fmt: skip
    print("=" * 100)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="PostgreSQL à utiliser (sinon : cluster jetable)")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument(
        "--profil", action="store_true", help="puis un premier import sous cProfile"
    )
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    # Ctrl-C or kill: leave through the context managers, which stop and delete the cluster.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    with contextlib.ExitStack() as pile:
        url = args.database_url or pile.enter_context(cluster_jetable("bench-occupation"))
        dossier = Path(pile.enter_context(tempfile.TemporaryDirectory(prefix="occupation-")))
        os.environ["DATABASE_URL"] = url
        os.environ["DJANGO_SETTINGS_MODULE"] = "backoffice.settings.test"
        os.environ["TEST_MEDIA_ROOT"] = str(dossier / "media")  # the filed copies of the jobs
        os.chdir(RACINE)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from backoffice.occupation.models import Occupation

        if connection.vendor != "postgresql":
            sys.exit("Ce banc de mesure vise PostgreSQL (--database-url postgres://…).")
        debut = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"Migrations : {time.perf_counter() - debut:.1f} s")
        if Occupation.objects.exists():
            sys.exit("La table des occupations n'est pas vide : ce banc la vide, refus.")
        resultats = executer(dossier, args.repetitions, args.profil)
        afficher(resultats)
        RESULTATS.parent.mkdir(parents=True, exist_ok=True)
        RESULTATS.write_text(
            json.dumps(
                {"date": time.strftime("%Y-%m-%d %H:%M"), **resultats},
                ensure_ascii=False,
                indent=2,
                default=str,
            )
        )
        print(f"Résultats écrits dans {RESULTATS.relative_to(RACINE)}")
        connection.close()


if __name__ == "__main__":
    main()
