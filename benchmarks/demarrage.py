"""Start-up time of `manage.py`, as whole processes, against a bare `import django` measured in
the same run.

    uv run python benchmarks/demarrage.py [--repetitions 7] [--sans-cache-bytecode]

Each command is started as a child process (one warm-up run, then N timed runs): wall time
(median, min, max) and CPU time of the child (user + system, median). The CPU time is the figure
to read on a loaded machine: the wall time includes the wait for a core. Commands: `check`
(settings, apps, models, then the URLconf and every system check), `help` (settings and apps
only), `migrate --check` on a throwaway SQLite file loaded from the trial's initial database
(the database connection and the migration graph), and the baseline `python -c "import django"`.
Then one `python -X importtime manage.py check`: the 15 heaviest imports where one package enters
another (cumulative time) and the self time per top-level package.

Children run with Python's bytecode cache on (PYTHONDONTWRITEBYTECODE removed, as the Makefile
does): without it every start recompiles some 2,000 modules. `--sans-cache-bytecode` measures the
other case. Target: `manage.py check` ≤ 2 s (median wall time).
"""

import argparse
import os
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
CIBLE_S = 2.0
BASE_INITIALE = RACINE / "backoffice" / "essai" / "base_initiale.sql"


def environnement(sans_cache, base):
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "backoffice.settings.dev")
    env["DATABASE_URL"] = f"sqlite:///{base}"
    if sans_cache:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def lancer(commande, env):
    """Runs the command once; returns (wall s, CPU s of the child, exit code)."""
    avant = resource.getrusage(resource.RUSAGE_CHILDREN)
    debut = time.perf_counter()
    fini = subprocess.run(commande, cwd=RACINE, env=env, capture_output=True)
    mur = time.perf_counter() - debut
    apres = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (apres.ru_utime - avant.ru_utime) + (apres.ru_stime - avant.ru_stime)
    return mur, cpu, fini.returncode


def mesurer(commande, env, repetitions):
    lancer(commande, env)  # échauffement : cache de bytecode, cache disque
    murs, cpus, codes = [], [], set()
    for _ in range(repetitions):
        mur, cpu, code = lancer(commande, env)
        murs.append(mur)
        cpus.append(cpu)
        codes.add(code)
    return {
        "mediane": statistics.median(murs),
        "min": min(murs),
        "max": max(murs),
        "cpu": statistics.median(cpus),
        "codes": sorted(codes),
    }


def imports_les_plus_lourds(env, nombre=15):
    """Parses `-X importtime`: the imports where one top-level package enters another (their
    cumulative time is what that entry costs), and the self time per top-level package."""
    fini = subprocess.run(
        [sys.executable, "-X", "importtime", "manage.py", "check"],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
    )
    lignes = []
    for ligne in fini.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", ligne)
        if m:
            lignes.append((len(m.group(3)) // 2, m.group(4), int(m.group(1)), int(m.group(2))))
    # The output lists children before their parent: the parent of a line is the next line
    # with a smaller depth.
    entrees = []
    par_paquet = Counter()
    for rang, (profondeur, module, propre, cumule) in enumerate(lignes):
        paquet = module.split(".")[0]
        par_paquet[paquet] += propre
        parent = next((n for p, n, _, _ in lignes[rang + 1 :] if p < profondeur), None)
        if parent is None or parent.split(".")[0] != paquet:
            entrees.append((cumule, module, parent or "—"))
    entrees.sort(reverse=True)
    total = sum(par_paquet.values())
    return entrees[:nombre], par_paquet.most_common(nombre), total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=7)
    parser.add_argument("--sans-cache-bytecode", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="demarrage-") as dossier:
        base = Path(dossier) / "essai.sqlite3"
        with sqlite3.connect(base) as connexion:
            # The dump's CHECK constraints call REGEXP, which Django registers on its own
            # connections; the loader registers the same function.
            connexion.create_function(
                "REGEXP",
                2,
                lambda motif, texte: texte is not None and bool(re.search(motif, texte)),
            )
            connexion.executescript(BASE_INITIALE.read_text(encoding="utf-8"))
        env = environnement(args.sans_cache_bytecode, base)
        python = sys.executable
        commandes = {
            'python -c "import django"': [python, "-c", "import django"],
            "manage.py check": [python, "manage.py", "check"],
            "manage.py help": [python, "manage.py", "help"],
            "manage.py migrate --check": [python, "manage.py", "migrate", "--check"],
        }
        charge_avant = os.getloadavg()
        resultats = {nom: mesurer(c, env, args.repetitions) for nom, c in commandes.items()}
        charge_apres = os.getloadavg()
        entrees, paquets, total = imports_les_plus_lourds(env)

    cache = "sans" if args.sans_cache_bytecode else "avec"
    print(f"Démarrage de manage.py — {args.repetitions} mesures par commande, {cache} cache de")
    print(f"bytecode ; charge (1, 5, 15 min) : avant {charge_avant}, après {charge_apres}")
    print()
    reference = resultats['python -c "import django"']
    print(f"{'commande':30} {'médiane':>8} {'min':>7} {'max':>7} {'CPU':>7} {'÷ réf.':>7}  code")
    for nom, r in resultats.items():
        ratio = r["mediane"] / reference["mediane"]
        print(
            f"{nom:30} {r['mediane']:7.2f}s {r['min']:6.2f}s {r['max']:6.2f}s "
            f"{r['cpu']:6.2f}s {ratio:6.1f}×  {','.join(map(str, r['codes']))}"
        )
    check = resultats["manage.py check"]["mediane"]
    verdict = "atteinte" if check <= CIBLE_S else "manquée"
    print()
    print(
        f"manage.py check : {check:.2f} s pour une cible de {CIBLE_S:.0f} s "
        f"(ratio {check / CIBLE_S:.2f}) — cible {verdict}"
    )
    print()
    print(f"Les 15 entrées d'import les plus lourdes (cumulé, sur {total / 1e6:.2f} s d'imports) :")
    for cumule, module, parent in entrees:
        print(f"  {cumule / 1000:7.0f} ms  {module}  ← {parent}")
    print()
    print("Temps propre par paquet :")
    for paquet, propre in paquets:
        print(f"  {propre / 1000:7.0f} ms  {paquet}")


if __name__ == "__main__":
    main()
