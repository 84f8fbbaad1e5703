"""Temps 1 import benchmark on PostgreSQL at the national scale.

    uv run python benchmarks/bench_temps1.py [--database-url postgres://...] [--garder DOSSIER]
                                             [--essentiel]

Without --database-url it starts a throwaway PostgreSQL 15 cluster (benchmarks/_pg.py) and
deletes it at the end. In one run:

1. builds a national workbook (3,000 entités, 12,000 dispositifs over the 101 départements,
   36,000 financements, with some cells typed the messy way) and département-sized ones;
2. two plain baselines inserting the same rows with no check and no history, rolled back:
   openpyxl read-only + bulk_create, python-calamine + bulk_create;
3. the real pipeline, committed: lire_classeur + analyser + appliquer (time per step, peak RSS);
4. re-importing the national file unchanged (target ≤ 8 s; it reads and compares, writes
   nothing), with its ratio to the calamine baseline;
5. département-sized files (30 / 120 / 360 rows) analysed as that département's DDETS
   (target < 2 s);
6. the export of the whole country (information);
7. peak Python memory (tracemalloc) of check + apply, on an emptied database, rolled back.

--essentiel stops after step 4 (a shorter run on a loaded machine).
Targets: check + apply < 30 s, within 2× the calamine baseline, peak memory < 1 GB.
Results are printed and written to benchmarks/results/temps1.json.
"""

import argparse
import contextlib
import datetime
import gc
import json
import os
import random
import resource
import signal
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "benchmarks"))
RESULTATS = RACINE / "benchmarks" / "results" / "temps1.json"

NB_ENTITES, NB_DISPOSITIFS, NB_FINANCEMENTS = 3_000, 12_000, 36_000
CIBLE_IMPORT_S, CIBLE_RATIO, CIBLE_MEMOIRE_MO = 30, 2, 1024
CIBLE_REIMPORT_S, CIBLE_DEPARTEMENT_S = 8, 2

# ---------------------------------------------------------------------------------------------
# Memory
# ---------------------------------------------------------------------------------------------


def _statut(cle):
    with open("/proc/self/status") as statut:
        for ligne in statut:
            if ligne.startswith(cle):
                return int(ligne.split()[1]) / 1024
    return 0.0


def rss_mo():
    return _statut("VmRSS:")


def pic_rss_mo():
    return _statut("VmHWM:") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def remettre_pic_a_zero():
    """Reset the kernel's peak-RSS mark (VmHWM) to the current RSS."""
    with contextlib.suppress(OSError), open("/proc/self/clear_refs", "w") as f:
        f.write("5")


# ---------------------------------------------------------------------------------------------
# Workbooks
# ---------------------------------------------------------------------------------------------


def _siren(n):
    from stdnum import luhn

    base = f"{(n * 7919 + 12_345) % 10**8:08d}"
    return base + luhn.calc_check_digit(base)


def _siret(siren, n):
    from stdnum import luhn

    base = f"{siren}{n:04d}"
    return base + luhn.calc_check_digit(base)


def _code_postal(departement):
    if departement == "2A":
        return "20000"
    if departement == "2B":
        return "20200"
    if len(departement) == 3:
        return f"{departement}00"
    return f"{departement}000"


def donnees(departements, nb_entites, par_entite, exercices, premier=0, alea=None):
    """Rows in the canonical column order of each sheet (informative columns left out)."""
    from backoffice.offre.data.nomenclature import AUTORISATION, NATURES, TYPES

    alea = alea or random.Random(1)
    natures = {code: libelle for code, libelle, *_ in NATURES}
    types = [(t[1], t[2], t[0]) for t in TYPES if t[1] != "PREMIER_ACCUEIL"]
    # Only the types under the authorisation regime carry authorised places (Dispositif.clean).
    sous_autorisation = {t[0] for t in TYPES if t[3] == AUTORISATION}
    entites, dispositifs, financements = [], [], []
    rang = premier
    for i in range(nb_entites):
        n = premier + i
        siren = _siren(n + 1)
        departement = departements[i % len(departements)]
        cellule_siren = siren if i % 10 else f"{siren[:3]} {siren[3:6]} {siren[6:]}"
        entites.append([
            cellule_siren, f"Association {n}", "Association" if i % 4 else "fondation",
            f"{n} rue de la République", _code_postal(departement), f"Commune {n}",
            "01 23 45 67 89", f"contact{n}@asso{n}.fr", f"Contact {n}", f"referent{n}@asso.fr",
        ])  # fmt: skip
        for j in range(par_entite):
            rang += 1
            dep = departements[(i * par_entite + j) % len(departements)]
            nature, type_libelle, type_code = types[rang % len(types)]
            reference = f"R{rang:06d}"
            places = 20 + rang % 80
            autorisees = places if type_code in sous_autorisation else ""
            ouverture = datetime.date(2000 + rang % 25, 1 + rang % 12, 1)
            dispositifs.append([
                None, reference, siren, f"Dispositif {rang}", natures[nature], type_libelle, dep,
                f"{rang} avenue des Lilas", _code_postal(dep), f"Commune {rang}",
                _siret(siren, j + 1), "", "", "Tout public" if rang % 3 else "familles",
                "Diffus" if rang % 2 else "collectif", autorisees, rang % 4,
                ouverture if rang % 5 else ouverture.strftime("%d/%m/%Y"), "", "",
            ])  # fmt: skip
            programme = "P303" if nature == "DNA" else "P177"
            for exercice in exercices:
                montant = round(places * 365 * (17 + alea.random() * 10), 2)
                financements.append([
                    reference, exercice, programme, "02" if programme == "P303" else "",
                    "DDETS", "DGF" if rang % 2 else "Subvention", places,
                    montant if rang % 7 else f"{montant:,.2f}".replace(",", " ").replace(".", ","),
                    datetime.date(exercice, 1, 1), datetime.date(exercice, 12, 31), "",
                ])  # fmt: skip
    return entites, dispositifs, financements


def ecrire(chemin, entites, dispositifs, financements):
    from openpyxl import Workbook

    from imports.temps1.schema import FEUILLES

    classeur = Workbook(write_only=True)
    for nom, lignes in (("Entités", entites), ("Dispositifs", dispositifs),
                        ("Financements", financements)):  # fmt: skip
        ws = classeur.create_sheet(nom)
        ws.append([c.entete for c in FEUILLES[nom].colonnes if not c.informative])
        for ligne in lignes:
            ws.append(ligne)
    classeur.save(chemin)
    return chemin


# ---------------------------------------------------------------------------------------------
# Baselines: the same rows, no check, no history
# ---------------------------------------------------------------------------------------------


def lire_openpyxl(chemin):
    from openpyxl import load_workbook

    classeur = load_workbook(chemin, read_only=True, data_only=True)
    try:
        feuilles = {}
        for nom in ("Entités", "Dispositifs", "Financements"):
            ws = classeur[nom]
            ws.reset_dimensions()
            lignes = ws.iter_rows(min_row=2, values_only=True)
            feuilles[nom] = [ligne for ligne in lignes if any(v is not None for v in ligne)]
        return feuilles
    finally:
        classeur.close()


def lire_calamine(chemin):
    import python_calamine

    classeur = python_calamine.CalamineWorkbook.from_path(str(chemin))
    try:
        return {
            nom: [
                ligne
                for ligne in classeur.get_sheet_by_name(nom).to_python(skip_empty_area=False)[1:]
                if any(v not in ("", None) for v in ligne)
            ]
            for nom in ("Entités", "Dispositifs", "Financements")
        }
    finally:
        classeur.close()


def _texte(valeur):
    if valeur is None:
        return ""
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    return str(valeur).strip()


def _date(valeur):
    if isinstance(valeur, datetime.datetime):
        return valeur.date()
    if isinstance(valeur, datetime.date):
        return valeur
    if valeur:
        return datetime.datetime.strptime(valeur, "%d/%m/%Y").date()
    return None


def _montant(valeur):
    from decimal import Decimal

    if isinstance(valeur, str):
        return Decimal(valeur.replace(" ", "").replace(",", "."))
    return Decimal(repr(valeur))


def inserer_sans_controle(feuilles):
    """Plain bulk_create of the rows: minimal conversions, foreign keys from dicts."""
    from backoffice.offre.models import Dispositif, EntiteGestionnaire, Financement, TypeDispositif

    types = dict(TypeDispositif.objects.values_list("libelle", "code"))
    entites = [
        EntiteGestionnaire(siren=_texte(l[0]).replace(" ", ""), raison_sociale=_texte(l[1]),
                           adresse=_texte(l[3]), code_postal=_texte(l[4]), commune=_texte(l[5]),
                           telephone=_texte(l[6]), courriel=_texte(l[7]))
        for l in feuilles["Entités"]  # noqa: E741
    ]  # fmt: skip
    EntiteGestionnaire.objects.bulk_create(entites, batch_size=1000)
    par_siren = {e.siren: e.pk for e in entites}
    rangs, dispositifs = {}, []
    for l in feuilles["Dispositifs"]:  # noqa: E741
        dep = _texte(l[6])
        rangs[dep] = rangs.get(dep, 0) + 1
        dispositifs.append(Dispositif(
            code=f"{dep}-{rangs[dep]:05d}", reference_locale=_texte(l[1]),
            entite_id=par_siren[_texte(l[2])], nom=_texte(l[3]), type_id=types[_texte(l[5])],
            departement_id=dep, adresse=_texte(l[7]), code_postal=_texte(l[8]),
            commune=_texte(l[9]), siret=_texte(l[10]),
            places_autorisees=int(l[15]) if l[15] not in ("", None) else None,
            places_pmr=int(l[16]), date_ouverture=_date(l[17]),
        ))  # fmt: skip
    Dispositif.objects.bulk_create(dispositifs, batch_size=1000)
    par_reference = {d.reference_locale: d.pk for d in dispositifs}
    financements = [
        Financement(dispositif_id=par_reference[_texte(l[0])], exercice=int(l[1]),
                    programme_id=_texte(l[2]), action=_texte(l[3]), service_financeur="DDETS",
                    mode="dgf" if l[5] == "DGF" else "subvention", places_financees=int(l[6]),
                    montant_annuel=_montant(l[7]), date_debut=_date(l[8]), date_fin=_date(l[9]))
        for l in feuilles["Financements"]  # noqa: E741
    ]  # fmt: skip
    Financement.objects.bulk_create(financements, batch_size=1000)
    return len(entites) + len(dispositifs) + len(financements)


def base_de_reference(lire, chemin):
    """(read time, insert time) of a baseline, rolled back."""
    from django.db import transaction

    gc.collect()
    debut, cpu = time.perf_counter(), time.process_time()
    feuilles = lire(chemin)
    lecture = time.perf_counter() - debut
    with transaction.atomic():
        debut = time.perf_counter()
        inserer_sans_controle(feuilles)
        insertion = time.perf_counter() - debut
        CPU[f"ref_{lire.__name__.removeprefix('lire_')}"] = round(time.process_time() - cpu, 2)
        transaction.set_rollback(True)
    return lecture, insertion


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------


def tables_offre():
    from backoffice.offre.models import (
        CompteurCode,
        ContactReferent,
        Dispositif,
        EntiteGestionnaire,
        Financement,
        GroupeDePlaces,
    )

    modeles = [Financement, GroupeDePlaces, Dispositif, ContactReferent, EntiteGestionnaire]
    tables = [m._meta.db_table for m in modeles]
    tables += [m.history.model._meta.db_table for m in modeles if hasattr(m, "history")]
    tables.append(Dispositif.publics_specifiques.through._meta.db_table)
    tables.append(CompteurCode._meta.db_table)
    return tables


def vider():
    """Empty the offer tables (TRUNCATE: transactional in PostgreSQL, no per-row signal)."""
    from django.db import connection

    with connection.cursor() as curseur:
        curseur.execute(f"TRUNCATE {', '.join(tables_offre())} CASCADE")


def offre_vide():
    from backoffice.offre.models import Dispositif, EntiteGestionnaire

    return not EntiteGestionnaire.objects.exists() and not Dispositif.objects.exists()


CPU = {}  # CPU time of this process (not PostgreSQL's) per measured step, for context


def chronometre(fonction, *args, cle=None, **kwargs):
    debut, cpu = time.perf_counter(), time.process_time()
    resultat = fonction(*args, **kwargs)
    if cle:
        CPU[cle] = round(time.process_time() - cpu, 2)
    return time.perf_counter() - debut, resultat


def mesurer_garde(chemin):
    """The workbook guard alone (backoffice/fichiers/classeurs.py), part of `lire_classeur`:
    (elapsed, CPU) seconds, medians of 3 runs."""
    from backoffice.fichiers.classeurs import verifier_classeur
    from imports.temps1.lecture import limites

    durees, cpus = [], []
    for _ in range(3):
        debut, cpu = time.perf_counter(), time.process_time()
        verifier_classeur(chemin, limites())
        durees.append(time.perf_counter() - debut)
        cpus.append(time.process_time() - cpu)
    return round(sorted(durees)[1], 2), round(sorted(cpus)[1], 2)


def executer(dossier, essentiel=False):
    from django.db import connection, transaction

    from backoffice.acces.roles import Role
    from backoffice.offre.models import Financement
    from backoffice.territoires.models import Departement
    from imports.temps1 import analyser, appliquer, exporter, lire_classeur
    from tests.factories import UserFactory, affecter

    r = {"charge_moyenne_debut": os.getloadavg()}
    departements = list(Departement.objects.values_list("code", flat=True))
    print(f"Construction du classeur national ({NB_ENTITES} entités, {NB_DISPOSITIFS} "
          f"dispositifs, {NB_FINANCEMENTS} financements)…")  # fmt: skip
    t, lignes = chronometre(
        lambda: donnees(
            departements, NB_ENTITES, NB_DISPOSITIFS // NB_ENTITES, [2023, 2024, 2025]
        )  # fmt: skip
    )
    national = ecrire(dossier / "national.xlsx", *lignes)
    del lignes
    r["classeur_national_mo"] = round(national.stat().st_size / 2**20, 1)
    # A département's file: 30 entités, 120 dispositifs, 360 financements, all new.
    departement = ecrire(
        dossier / "departement-44.xlsx",
        *donnees(["44"], 30, 4, [2024, 2025, 2026], premier=900_000, alea=random.Random(2)),
    )
    print(f"  écrit en {t:.1f} s ({r['classeur_national_mo']} Mo)")
    gc.collect()
    r["garde_s"], r["garde_cpu_s"] = mesurer_garde(national)

    print("Bases de référence (lecture + bulk_create sans contrôle ni historique, annulées)…")
    r["ref_openpyxl_lecture_s"], r["ref_openpyxl_insertion_s"] = base_de_reference(
        lire_openpyxl, national
    )
    r["ref_calamine_lecture_s"], r["ref_calamine_insertion_s"] = base_de_reference(
        lire_calamine, national
    )
    r["ref_openpyxl_s"] = r["ref_openpyxl_lecture_s"] + r["ref_openpyxl_insertion_s"]
    r["ref_calamine_s"] = r["ref_calamine_lecture_s"] + r["ref_calamine_insertion_s"]
    print(f"  openpyxl {r['ref_openpyxl_s']:.1f} s, calamine {r['ref_calamine_s']:.1f} s")
    gc.collect()

    print("Import national : lecture + contrôle + application (validé)…")
    remettre_pic_a_zero()
    rss_depart = rss_mo()
    r["lecture_s"], classeur = chronometre(lire_classeur, national, cle="lecture")
    r["analyse_s"], rapport = chronometre(analyser, classeur, cle="analyse")
    assert rapport.ok, [str(e) for e in rapport.errors[:10]]
    r["application_s"], _ = chronometre(
        appliquer, rapport, libelle="Import Temps 1 n° 1 (national.xlsx)", cle="application"
    )
    r["import_s"] = r["lecture_s"] + r["analyse_s"] + r["application_s"]
    r["pic_rss_mo"] = round(pic_rss_mo(), 1)
    r["pic_rss_delta_mo"] = round(pic_rss_mo() - rss_depart, 1)
    r["compteurs"] = rapport.to_json()["sheets"]
    print(f"  {r['import_s']:.1f} s (lecture {r['lecture_s']:.1f}, analyse "
          f"{r['analyse_s']:.1f}, application {r['application_s']:.1f}), pic RSS "
          f"{r['pic_rss_mo']} Mo")  # fmt: skip
    r["avertissements"] = len(rapport.warnings)
    assert Financement.objects.count() == NB_FINANCEMENTS
    del classeur, rapport
    gc.collect()
    with connection.cursor() as curseur:
        curseur.execute("ANALYZE")

    print("Réimport du classeur national inchangé…")
    r["charge_moyenne_reimport"] = os.getloadavg()
    r["reimport_s"], rapport = chronometre(
        lambda: appliquer(
            analyser(lire_classeur(national)), libelle="Import Temps 1 n° 2 (national.xlsx)"
        ),
        cle="reimport",
    )
    r["reimport_compteurs"] = rapport.to_json()["sheets"]
    assert all(c["created"] == c["updated"] == 0 for c in r["reimport_compteurs"].values())
    print(f"  {r['reimport_s']:.1f} s (CPU {CPU['reimport']} s)")
    del rapport
    gc.collect()
    if essentiel:
        r["cpu_s"] = CPU
        r["charge_moyenne_fin"] = os.getloadavg()
        return r

    print("Fichiers départementaux analysés (DDETS 44)…")
    ddets = UserFactory(username="ddets44-bench@example.gouv.fr")
    affecter(ddets, Role.DEPARTEMENTAL, departements=["44"])
    temps = []
    for _ in range(5):
        t, rapport = chronometre(lambda: analyser(lire_classeur(departement), ddets))
        temps.append(t)
    assert rapport.ok, [str(e) for e in rapport.errors[:10]]
    r["departement_analyse_s"] = sorted(temps)[len(temps) // 2]
    r["departement_compteurs"] = rapport.to_json()["sheets"]
    print(f"  {r['departement_analyse_s']:.2f} s (médiane de 5)")

    print("Export national…")
    r["export_s"], compteurs = chronometre(exporter, dossier / "export.xlsx")
    r["export_mo"] = round((dossier / "export.xlsx").stat().st_size / 2**20, 1)
    t, classeur = chronometre(lire_classeur, dossier / "export.xlsx")
    r["export_relu_s"] = t
    t, rapport = chronometre(analyser, classeur)
    r["export_reanalyse_s"] = t
    print(f"  {r['export_s']:.1f} s")
    assert rapport.ok and all(c["created"] == c["updated"] == 0 for c in rapport.sheets.values())
    del classeur, rapport
    gc.collect()

    print("Mémoire Python (tracemalloc) de contrôle + application sur base vidée, annulé…")
    with transaction.atomic():
        vider()
        gc.collect()
        tracemalloc.start()
        rapport = analyser(lire_classeur(national))
        appliquer(rapport, libelle="mesure mémoire")
        _, pic = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        transaction.set_rollback(True)
    r["pic_tracemalloc_mo"] = round(pic / 2**20, 1)
    r["cpu_s"] = CPU
    r["charge_moyenne_fin"] = os.getloadavg()
    return r


def afficher(r):
    def ok(condition):
        return "OK" if condition else "HORS CIBLE"

    ratio_calamine = r["import_s"] / r["ref_calamine_s"]
    ratio_openpyxl = r["import_s"] / r["ref_openpyxl_s"]
    print()
    print("=" * 78)
    print(f"Classeur national : {NB_ENTITES} entités, {NB_DISPOSITIFS} dispositifs, "
          f"{NB_FINANCEMENTS} financements ({r['classeur_national_mo']} Mo)")  # fmt: skip
    print("-" * 78)
    print(f"Référence openpyxl read-only + bulk_create : {r['ref_openpyxl_s']:6.1f} s "
          f"(lecture {r['ref_openpyxl_lecture_s']:.1f} s, insertion "
          f"{r['ref_openpyxl_insertion_s']:.1f} s)")  # fmt: skip
    print(f"Référence calamine + bulk_create           : {r['ref_calamine_s']:6.1f} s "
          f"(lecture {r['ref_calamine_lecture_s']:.1f} s, insertion "
          f"{r['ref_calamine_insertion_s']:.1f} s)")  # fmt: skip
    print(f"Import Temps 1 (contrôle + application)    : {r['import_s']:6.1f} s "
          f"(lecture {r['lecture_s']:.1f} s, analyse {r['analyse_s']:.1f} s, application "
          f"{r['application_s']:.1f} s) — cible < {CIBLE_IMPORT_S} s : "
          f"{ok(r['import_s'] < CIBLE_IMPORT_S)}")  # fmt: skip
    print(
        f"  ratio / calamine : {ratio_calamine:.2f}× — cible ≤ {CIBLE_RATIO}× : "
        f"{ok(ratio_calamine <= CIBLE_RATIO)} ; ratio / openpyxl : {ratio_openpyxl:.2f}×"
    )
    print(f"  mémoire : pic RSS {r['pic_rss_mo']} Mo (+{r['pic_rss_delta_mo']} Mo pendant "
          f"l'import), pic tracemalloc {r.get('pic_tracemalloc_mo', '—')} Mo — cible < "
          f"{CIBLE_MEMOIRE_MO} Mo : {ok(r['pic_rss_mo'] < CIBLE_MEMOIRE_MO)}")  # fmt: skip
    print(f"  dont garde du classeur (bornes, DTD, macros) : {r['garde_s']:.2f} s, CPU "
          f"{r['garde_cpu_s']:.2f} s (médianes de 3)")  # fmt: skip
    ratio_reimport = r["reimport_s"] / r["ref_calamine_s"]
    print(f"Réimport national inchangé                 : {r['reimport_s']:6.1f} s (CPU "
          f"{r['cpu_s']['reimport']} s) — cible ≤ {CIBLE_REIMPORT_S} s : "
          f"{ok(r['reimport_s'] <= CIBLE_REIMPORT_S)} ; ratio / calamine : "
          f"{ratio_reimport:.2f}× ; charge moyenne au départ "
          f"{tuple(round(c, 2) for c in r['charge_moyenne_reimport'])}")  # fmt: skip
    cpu = r["cpu_s"]
    import_cpu = cpu["lecture"] + cpu["analyse"] + cpu["application"]
    print(
        f"Temps CPU de ce processus (hors PostgreSQL) : import {import_cpu:.1f} s (lecture "
        f"{cpu['lecture']}, analyse {cpu['analyse']}, application {cpu['application']}), "
        f"réimport {cpu['reimport']} s, référence calamine {cpu['ref_calamine']} s, "
        f"openpyxl {cpu['ref_openpyxl']} s"
    )
    if "departement_analyse_s" not in r:  # --essentiel
        print(f"Charge moyenne de la machine : début {r['charge_moyenne_debut']}, fin "
              f"{r['charge_moyenne_fin']} (2 cœurs)")  # fmt: skip
        print("=" * 78)
        return
    print(f"Fichier départemental 30/120/360 analysé   : {r['departement_analyse_s']:6.2f} s "
          f"(médiane de 5) — cible < {CIBLE_DEPARTEMENT_S} s : "
          f"{ok(r['departement_analyse_s'] < CIBLE_DEPARTEMENT_S)}")  # fmt: skip
    print(f"Export national (information)              : {r['export_s']:6.1f} s "
          f"({r['export_mo']} Mo), relu {r['export_relu_s']:.1f} s + analysé "
          f"{r['export_reanalyse_s']:.1f} s : tout inchangé")  # fmt: skip
    print(f"Charge moyenne de la machine : début {r['charge_moyenne_debut']}, fin "
          f"{r['charge_moyenne_fin']} (2 cœurs)")  # fmt: skip
    print("=" * 78)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="PostgreSQL vide à utiliser (sinon : jetable)")
    parser.add_argument("--garder", metavar="DOSSIER", help="garder les classeurs générés ici")
    parser.add_argument(
        "--vider",
        action="store_true",
        help="vider d'abord les tables de l'offre de la base --database-url (sinon : refus si "
        "elle contient déjà des entités ou des dispositifs)",
    )
    parser.add_argument(
        "--essentiel",
        action="store_true",
        help="s'arrêter après le réimport inchangé (ni fichiers départementaux, ni export, ni "
        "mesure tracemalloc)",
    )
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    # Ctrl-C or kill: leave through the context managers, which stop and delete the cluster.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    from _pg import cluster_jetable

    with contextlib.ExitStack() as pile:
        url = args.database_url or pile.enter_context(cluster_jetable("bench-temps1"))
        os.environ["DATABASE_URL"] = url
        os.environ["DJANGO_SETTINGS_MODULE"] = "backoffice.settings.test"
        os.chdir(RACINE)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        if connection.vendor != "postgresql":
            sys.exit("Ce banc de mesure vise PostgreSQL (--database-url postgres://…).")
        debut = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"Migrations : {time.perf_counter() - debut:.1f} s")
        if not offre_vide():
            if not args.vider:
                sys.exit("La base contient déjà une offre : passez --vider pour l'effacer.")
            vider()
        if args.garder:
            dossier = Path(args.garder)
            dossier.mkdir(parents=True, exist_ok=True)
        else:
            dossier = Path(pile.enter_context(tempfile.TemporaryDirectory(prefix="temps1-")))
        resultats = executer(dossier, essentiel=args.essentiel)
        afficher(resultats)
        RESULTATS.parent.mkdir(parents=True, exist_ok=True)
        RESULTATS.write_text(
            json.dumps(
                {"date": time.strftime("%Y-%m-%d %H:%M"), **resultats},
                ensure_ascii=False,
                indent=2,
                default=str,
            )  # fmt: skip
        )
        print(f"Résultats écrits dans {RESULTATS.relative_to(RACINE)}")
        connection.close()


if __name__ == "__main__":
    main()
