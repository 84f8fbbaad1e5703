"""Profile of the unchanged re-import of the national Temps 1 workbook (cProfile).

    uv run python benchmarks/profil_temps1.py [--database-url postgres://...] [--lignes 30]

Builds the national workbook of bench_temps1.py, imports it once into a throwaway PostgreSQL
15 cluster (or --database-url, emptied first), then re-imports it unchanged under cProfile and
prints the functions by own time and by cumulated time. The statistics are kept in
benchmarks/results/profil_temps1.pstats (`python -m pstats` to explore them).
"""

import argparse
import contextlib
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "benchmarks"))
STATS = RACINE / "benchmarks" / "results" / "profil_temps1.pstats"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="PostgreSQL à utiliser (sinon : jetable)")
    parser.add_argument("--lignes", type=int, default=30, help="fonctions affichées par tri")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)

    from _pg import cluster_jetable

    with contextlib.ExitStack() as pile:
        url = args.database_url or pile.enter_context(cluster_jetable("profil-temps1"))
        os.environ["DATABASE_URL"] = url
        os.environ["DJANGO_SETTINGS_MODULE"] = "backoffice.settings.test"
        os.chdir(RACINE)
        import django

        django.setup()
        import bench_temps1 as banc
        from django.core.management import call_command
        from django.db import connection

        from backoffice.territoires.models import Departement
        from imports.temps1 import analyser, appliquer, lire_classeur

        call_command("migrate", verbosity=0)
        banc.vider()
        dossier = Path(pile.enter_context(tempfile.TemporaryDirectory(prefix="temps1-")))
        departements = list(Departement.objects.values_list("code", flat=True))
        lignes = banc.donnees(
            departements, banc.NB_ENTITES, banc.NB_DISPOSITIFS // banc.NB_ENTITES,
            [2023, 2024, 2025],
        )  # fmt: skip
        national = banc.ecrire(dossier / "national.xlsx", *lignes)
        del lignes
        rapport = analyser(lire_classeur(national))
        assert rapport.ok, [str(e) for e in rapport.errors[:10]]
        appliquer(rapport, libelle="Import Temps 1 n° 1 (national.xlsx)")
        del rapport
        with connection.cursor() as curseur:
            curseur.execute("ANALYZE")

        # Process time, not wall time: on a shared machine waiting for a core is not this code's.
        profil = cProfile.Profile(time.process_time)
        debut, cpu = time.perf_counter(), time.process_time()
        profil.enable()
        rapport = analyser(lire_classeur(national))
        appliquer(rapport, libelle="Import Temps 1 n° 2 (national.xlsx)")
        profil.disable()
        duree, cpu = time.perf_counter() - debut, time.process_time() - cpu
        assert all(c["created"] == c["updated"] == 0 for c in rapport.to_json()["sheets"].values())
        print(f"Réimport inchangé sous cProfile : {duree:.1f} s, CPU {cpu:.1f} s, "
              f"charge moyenne {os.getloadavg()}")  # fmt: skip
        STATS.parent.mkdir(parents=True, exist_ok=True)
        profil.dump_stats(STATS)
        stats = pstats.Stats(profil)
        stats.sort_stats("tottime").print_stats(args.lignes)
        stats.sort_stats("cumulative").print_stats(args.lignes)
        connection.close()


if __name__ == "__main__":
    main()
