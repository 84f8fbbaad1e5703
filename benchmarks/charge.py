"""Bounded load test: the app under gunicorn (production settings) on the national demo.

    uv run python benchmarks/charge.py                  # throwaway PostgreSQL 15 + national demo
    uv run python benchmarks/charge.py --database-url postgres://… --skip-seed

Loopback only: the server binds a loopback address (any other is refused), the database must be
local (unix socket or loopback), and every phase has a fixed length or a cap, so the run always
ends by itself. Steps:

1. a throwaway PostgreSQL 15 cluster (benchmarks/_pg.py), `migrate`, `createcachetable`,
   `seed_demo --scale national`, ANALYZE (or an existing database with --skip-seed);
2. gunicorn (4 sync workers) with `backoffice.settings.prod` on a free loopback port, and the
   background task worker (`manage.py db_worker`, as in production);
3. a single-user sequential pass per demo account (the baseline, and which pages each role is
   served), then 50 sessions of several roles log in through the real login form;
4. phase « navigation »: for 60 s the 50 sessions mix lists, inspect pages, dashboard, search and
   map, back to back (no think time unless --pause);
5. one large export alone (baseline), then phase « exports »: 20 sessions export the whole
   dispositif list at once (background job: follow the redirect, reload the job's page every 2 s
   as the browser does, download the file) while the other sessions keep browsing.

Printed for each phase: requests, errors (status other than 2xx/3xx, a redirect to the login
page, an exception), p50/p95/p99 per page kind and overall, throughput, CPU of the server per
request, peak memory of the whole server (gunicorn master + workers + task worker: sum of RSS, and
of PSS which counts shared pages once), load average; the targets with a pass/fail mark, and the
ratio to the single-user baseline. JSON in benchmarks/results/charge.json.
"""

import argparse
import contextlib
import http.client
import ipaddress
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "benchmarks"))

from _pg import cluster_jetable  # noqa: E402

RESULTATS = RACINE / "benchmarks" / "results" / "charge.json"
PYTHON = sys.executable
MOT_DE_PASSE = "demo-parc-2026!"

CIBLE_ERREURS = 0
CIBLE_P95_PAGES_S = 2.0  # pages served to the browsing users during the export storm
CIBLE_MEMOIRE_MO = 1536  # 1,5 Go

# Demo accounts and their share of the sessions (README, « Comptes de démonstration »). The two
# accounts that see the whole country export the national list (above EXPORTS_SEUIL_DIFFERE).
COMPTES = {
    "national@demo.gouv.fr": 12,
    "lecteur@demo.gouv.fr": 10,
    "dreets52@demo.gouv.fr": 6,
    "ddets44@demo.gouv.fr": 6,
    "ddets75@demo.gouv.fr": 6,
    "siao44@demo.gouv.fr": 5,
    "gestionnaire@demo.gouv.fr": 5,
}
COMPTES_NATIONAUX = ("national@demo.gouv.fr", "lecteur@demo.gouv.fr")
# The baseline (each page alone, sequential) is timed for the two accounts; the others
# are only checked for which pages they are served.
COMPTES_REFERENCE = ("national@demo.gouv.fr", "ddets75@demo.gouv.fr")

UN_AN = (date.today() - timedelta(days=365)).isoformat()
PAGES = {
    "liste_dispositifs": "/admin/offre/dispositifs/",
    "liste_financements": "/admin/offre/financements/",
    "liste_groupes": "/admin/offre/groupes/",
    "liste_anomalies": "/admin/qualite/anomalies/",
    "liste_demandes": "/admin/demandes/",
    "liste_conventions": "/admin/conventions/",
    "fiche_dispositif": "/admin/offre/dispositifs/inspect/{dispositif}/",
    "fiche_entite": "/admin/offre/entites/inspect/{entite}/",
    "recherche_dispositifs": "/admin/offre/dispositifs/?q=accueil",
    "recherche_globale": "/admin/recherche/?q=accueil",
    "tableau_de_bord": "/admin/",
    "tableau_de_bord_passe": f"/admin/?date={UN_AN}",
    "carte": "/admin/pilotage/carte/",
    "carte_passee": f"/admin/pilotage/carte/?date={UN_AN}",
}
# Where the inspect pages' ids come from (the account's own lists: its perimeter).
SOURCES_IDS = {
    "dispositif": (
        "/admin/offre/dispositifs/",
        r"/admin/offre/dispositifs/(?:inspect|edit)/(\d+)/",
    ),
    "entite": ("/admin/offre/entites/", r"/admin/offre/entites/(?:inspect|edit)/(\d+)/"),
}
EXPORT_URL = "/admin/offre/dispositifs/?export={format}"
NON_TERMINE = "non terminé avant le plafond de la phase"
RE_SUIVI = re.compile(r"/admin/mes-exports/(\d+)/$")
RE_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# ---------------------------------------------------------------------------------------------
# Arguments and the loopback rule
# ---------------------------------------------------------------------------------------------


class HorsBoucleLocale(ValueError):
    """The load generator only targets this machine."""


def hote_local(hote):
    """The loopback address to use for `hote`; refuses anything that is not this machine's
    loopback (a name other than localhost, a LAN or public address, 0.0.0.0)."""
    if hote == "localhost":
        return "127.0.0.1"
    try:
        adresse = ipaddress.ip_address(hote)
    except ValueError:
        raise HorsBoucleLocale(
            f"« {hote} » n'est pas une adresse de bouclage : le banc de charge ne vise que cette "
            "machine (127.0.0.1, ::1 ou localhost)."
        ) from None
    if not adresse.is_loopback:
        raise HorsBoucleLocale(
            f"« {hote} » n'est pas une adresse de bouclage : le banc de charge ne vise que cette "
            "machine (127.0.0.1, ::1 ou localhost)."
        )
    return str(adresse)


def base_locale(url):
    """A PostgreSQL database on this machine (unix socket or loopback): the load test writes to
    it (demo data, sessions, export jobs)."""
    morceaux = urlsplit(url)
    if morceaux.scheme not in {"postgres", "postgresql"}:
        raise HorsBoucleLocale("--database-url doit désigner une base PostgreSQL (postgres://…).")
    hote = unquote(morceaux.hostname or "")
    if hote and not hote.startswith("/"):
        try:
            hote_local(hote)
        except HorsBoucleLocale:
            raise HorsBoucleLocale(
                f"La base « {hote} » n'est pas sur cette machine : le banc de charge n'utilise "
                "qu'une base locale (socket unix ou adresse de bouclage)."
            ) from None
    return url


def positif(texte):
    valeur = int(texte)
    if valeur < 1:
        raise argparse.ArgumentTypeError("doit être au moins 1")
    return valeur


def duree(texte):
    valeur = float(texte)
    if not 0 < valeur <= 3600:
        raise argparse.ArgumentTypeError("doit être entre 0 et 3600 secondes")
    return valeur


def lire_arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hote", default="127.0.0.1", help="adresse de bouclage du serveur")
    parser.add_argument("--database-url", help="PostgreSQL local à utiliser (sinon : jetable)")
    parser.add_argument("--skip-seed", action="store_true", help="base déjà chargée")
    parser.add_argument("--utilisateurs", type=positif, default=50)
    parser.add_argument("--workers", type=positif, default=4, help="workers gunicorn")
    parser.add_argument("--duree", type=duree, default=60.0, help="phase navigation (s)")
    parser.add_argument("--exports", type=positif, default=20, help="exports simultanés")
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    parser.add_argument(
        "--delai-exports", type=duree, default=900.0, help="plafond de la phase exports (s)"
    )
    parser.add_argument(
        "--relire",
        action="store_true",
        help=f"réafficher le rapport de la dernière mesure ({RESULTATS.name}) sans rien lancer",
    )
    parser.add_argument(
        "--pause", type=float, default=0.0, help="temps de réflexion moyen entre deux clics (s)"
    )
    args = parser.parse_args(argv)
    try:
        args.hote = hote_local(args.hote)
        if args.database_url:
            base_locale(args.database_url)
    except HorsBoucleLocale as exc:
        parser.error(str(exc))
    if args.skip_seed and not args.database_url:
        parser.error("--skip-seed demande --database-url (une base déjà chargée).")
    if not 0 <= args.pause <= 60:
        parser.error("--pause doit être entre 0 et 60 secondes.")
    if args.exports >= args.utilisateurs:
        parser.error("--exports doit laisser des utilisateurs qui naviguent (< --utilisateurs).")
    return args


def repartir(nombre):
    """`nombre` sessions spread over the demo accounts by their weights (every account at least
    once when there is room)."""
    total = sum(COMPTES.values())
    sessions = []
    for compte, poids in COMPTES.items():
        sessions += [compte] * max(1, round(nombre * poids / total))
    while len(sessions) > nombre:
        plus_frequent = max(COMPTES, key=sessions.count)
        sessions.remove(plus_frequent)
    rang = 0
    while len(sessions) < nombre:
        sessions.append(COMPTES_NATIONAUX[rang % 2])
        rang += 1
    return sessions


# ---------------------------------------------------------------------------------------------
# HTTP: one connection per request (gunicorn's sync workers close it anyway), cookies by hand
# ---------------------------------------------------------------------------------------------


class Reponse:
    def __init__(self, statut, entetes, corps, duree_s):
        self.statut, self.entetes, self.corps, self.duree = statut, entetes, corps, duree_s

    @property
    def texte(self):
        return self.corps.decode("utf-8", "replace")

    @property
    def location(self):
        return self.entetes.get("location", "")


class Session:
    """A browser's cookies. The production settings mark cookies Secure and redirect plain HTTP:
    requests carry `X-Forwarded-Proto: https`, as the HTTPS proxy in front of gunicorn would."""

    def __init__(self, hote, port, compte):
        self.hote, self.port, self.compte = hote, port, compte
        self.cookies = {}
        self.ids = {}

    def requete(self, methode, chemin, corps=None, entetes=None, delai=120):
        origine = f"https://{self.hote}:{self.port}"
        tous = {
            "Host": f"{self.hote}:{self.port}",
            "X-Forwarded-Proto": "https",
            "User-Agent": "charge.py",
            "Accept": "text/html,*/*",
        }
        if self.cookies:
            tous["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if methode == "POST":
            tous |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origine,
                "Referer": origine + chemin,
            }
        tous |= entetes or {}
        connexion = http.client.HTTPConnection(self.hote, self.port, timeout=delai)
        debut = time.perf_counter()
        try:
            connexion.request(methode, chemin, body=corps, headers=tous)
            reponse = connexion.getresponse()
            contenu = reponse.read()
            duree_s = time.perf_counter() - debut
        finally:
            connexion.close()
        for valeur in reponse.headers.get_all("Set-Cookie") or []:
            nom, _, reste = valeur.partition("=")
            self.cookies[nom.strip()] = reste.split(";", 1)[0]
        entetes_reponse = {k.lower(): v for k, v in reponse.getheaders()}
        return Reponse(reponse.status, entetes_reponse, contenu, duree_s)

    def connecter(self):
        page = self.requete("GET", "/admin/login/")
        jeton = RE_CSRF.search(page.texte)
        if page.statut != 200 or not jeton:
            raise RuntimeError(f"page de connexion : statut {page.statut}")
        corps = urlencode(
            {
                "csrfmiddlewaretoken": jeton.group(1),
                "username": self.compte,
                "password": MOT_DE_PASSE,
                "next": "/admin/",
            }  # fmt: skip
        )
        reponse = self.requete("POST", "/admin/login/", corps)
        if reponse.statut != 302 or "/login/" in reponse.location:
            raise RuntimeError(f"connexion de {self.compte} refusée (statut {reponse.statut})")
        return page.duree + reponse.duree


# ---------------------------------------------------------------------------------------------
# Recording
# ---------------------------------------------------------------------------------------------


class Journal:
    """Every request: (phase, kind, start, duration, status, error). Thread-safe."""

    def __init__(self):
        self.lignes = []
        self.verrou = threading.Lock()
        self.phase = "preparation"

    def noter(self, genre, debut, duree_s, statut, erreur=None):
        with self.verrou:
            self.lignes.append((self.phase, genre, debut, duree_s, statut, erreur))

    def de(self, phase):
        return [ligne for ligne in self.lignes if ligne[0] == phase]


def erreur_de(reponse):
    """Why this response counts as an error (None when it does not)."""
    if reponse.statut >= 400:
        return f"statut {reponse.statut}"
    if reponse.statut in (301, 302, 303, 307, 308) and "/login/" in reponse.location:
        return "renvoyé vers la connexion"
    return None


def appeler(journal, session, genre, chemin, **options):
    debut = time.perf_counter()
    try:
        reponse = session.requete("GET", chemin, **options)
    except Exception as exc:  # noqa: BLE001 — a failed request is a measured error
        journal.noter(genre, debut, time.perf_counter() - debut, None, f"{type(exc).__name__}")
        return None
    journal.noter(genre, debut, reponse.duree, reponse.statut, erreur_de(reponse))
    return reponse


def chemin_de(genre, ids):
    modele = PAGES[genre]
    if "{dispositif}" in modele:
        return modele.format(dispositif=random.choice(ids["dispositif"]))
    if "{entite}" in modele:
        return modele.format(entite=random.choice(ids["entite"]))
    return modele


def quantile(valeurs, q):
    valeurs = sorted(valeurs)
    if not valeurs:
        return None
    if len(valeurs) == 1:
        return valeurs[0]
    return statistics.quantiles(valeurs, n=100, method="inclusive")[round(q * 100) - 1]


def synthese(lignes):
    durees = [ligne[3] for ligne in lignes]
    erreurs = [ligne for ligne in lignes if ligne[5]]
    return {
        "requetes": len(lignes),
        "erreurs": len(erreurs),
        "p50_s": arrondi(quantile(durees, 0.50)),
        "p95_s": arrondi(quantile(durees, 0.95)),
        "p99_s": arrondi(quantile(durees, 0.99)),
        "max_s": arrondi(max(durees, default=None)),
    }


def arrondi(valeur, chiffres=3):
    return None if valeur is None else round(valeur, chiffres)


# ---------------------------------------------------------------------------------------------
# The server's processes: memory and CPU from /proc
# ---------------------------------------------------------------------------------------------


def enfants(pid):
    trouves = []
    for entree in os.listdir("/proc"):
        if not entree.isdigit():
            continue
        try:
            with open(f"/proc/{entree}/stat") as f:
                champs = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(champs[1]) == pid:
            trouves.append(int(entree))
    return trouves


def memoire_ko(pid):
    """(RSS, PSS) of one process in kB; PSS shares the pages forked workers have in common."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for ligne in f:
                if ligne.startswith("Rss:"):
                    rss = int(ligne.split()[1])
                elif ligne.startswith("Pss:"):
                    pss = int(ligne.split()[1])
    except OSError:
        pass
    return rss, pss


def cpu_s(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            champs = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(champs[11]) + int(champs[12])) / os.sysconf("SC_CLK_TCK")


class Serveur:
    """gunicorn (master + workers) and the task worker, watched every 0.5 s."""

    def __init__(self, gunicorn, tache):
        self.gunicorn, self.tache = gunicorn, tache
        self.pics = {}
        self.phase = "preparation"
        self.arret = threading.Event()
        self.fil = threading.Thread(target=self._surveiller, daemon=True)

    def pids_web(self):
        return [self.gunicorn.pid, *enfants(self.gunicorn.pid)]

    def cpu(self):
        """CPU seconds of the web processes and of the task worker (living processes)."""
        return sum(map(cpu_s, self.pids_web())), cpu_s(self.tache.pid)

    def _surveiller(self):
        while not self.arret.wait(0.5):
            pids = [*self.pids_web(), self.tache.pid]
            rss, pss = map(sum, zip(*map(memoire_ko, pids), strict=True))
            pic = self.pics.setdefault(self.phase, {"rss_mo": 0, "pss_mo": 0, "processus": 0})
            pic["rss_mo"] = max(pic["rss_mo"], round(rss / 1024))
            pic["pss_mo"] = max(pic["pss_mo"], round(pss / 1024))
            pic["processus"] = max(pic["processus"], len(pids))


def port_libre(hote):
    famille = socket.AF_INET6 if ":" in hote else socket.AF_INET
    with socket.socket(famille, socket.SOCK_STREAM) as s:
        s.bind((hote, 0))
        return s.getsockname()[1]


def manage(env, *commande, delai=1800):
    debut = time.perf_counter()
    resultat = subprocess.run(
        [PYTHON, "manage.py", *commande],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
        timeout=delai,
    )
    if resultat.returncode:
        print(resultat.stdout[-3000:], resultat.stderr[-3000:], sep="\n")
        sys.exit(f"Échec de manage.py {' '.join(commande)}.")
    return time.perf_counter() - debut, resultat.stdout


def preparer_base(env):
    chargement = {}
    chargement["migrate_s"] = round(manage(env, "migrate", "--verbosity", "0")[0], 1)
    manage(env, "createcachetable")
    print("Chargement : manage.py seed_demo --scale national …", flush=True)
    chargement["seed_demo_s"] = round(manage(env, "seed_demo", "--scale", "national")[0], 1)
    print(f"  migrate {chargement['migrate_s']} s, seed_demo {chargement['seed_demo_s']} s")
    return chargement


def vider_file(env):
    """Run the tasks the load left queued (Wagtail's reference index after the seed: ~160 of
    them), so that the measured exports do not wait behind them."""
    return round(manage(env, "db_worker", "--batch", "--no-startup-delay", "--no-reload")[0], 1)


def analyser(env):
    manage(
        env,
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('ANALYZE')",
    )


def attendre_serveur(hote, port, processus, delai=180):
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        if processus.poll() is not None:
            sys.exit(f"gunicorn s'est arrêté au démarrage (code {processus.returncode}).")
        with contextlib.suppress(OSError):
            if Session(hote, port, None).requete("GET", "/admin/login/", delai=10).statut == 200:
                return
        time.sleep(0.5)
    sys.exit(f"Le serveur ne répond pas après {delai} s.")


@contextlib.contextmanager
def processus(commande, env, journal_fichier):
    """A child in its own process group, stopped (SIGTERM, then SIGKILL) whatever happens."""
    sortie = open(journal_fichier, "wb")  # noqa: SIM115 — closed below, after the child
    enfant = subprocess.Popen(
        commande, cwd=RACINE, env=env, stdout=sortie, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        yield enfant
    finally:
        if enfant.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(enfant.pid, 15)
            try:
                enfant.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(enfant.pid, 9)
                enfant.wait()
        sortie.close()


# ---------------------------------------------------------------------------------------------
# The scenario
# ---------------------------------------------------------------------------------------------


def decouvrir(journal, hote, port, compte, repetitions):
    """One session of `compte`, alone: the ids of its inspect pages, which pages it is served
    (200), and `repetitions` sequential timings of each (the baseline)."""
    session = Session(hote, port, compte)
    session.connecter()
    for cle, (liste, motif) in SOURCES_IDS.items():
        page = session.requete("GET", liste)
        session.ids[cle] = sorted(set(re.findall(motif, page.texte))) if page.statut == 200 else []
    servies, refusees = [], {}
    for genre in PAGES:
        if "{" in PAGES[genre] and not session.ids[genre.split("_")[1]]:
            refusees[genre] = "aucune fiche dans la liste"
            continue
        premiere = session.requete("GET", chemin_de(genre, session.ids))  # warm-up
        if premiere.statut >= 500:
            journal.noter(genre, 0, premiere.duree, premiere.statut, f"statut {premiere.statut}")
            refusees[genre] = f"statut {premiere.statut}"
            continue
        if premiere.statut != 200:
            refusees[genre] = f"statut {premiere.statut} {premiere.location}".strip()
            continue
        servies.append(genre)
        for _ in range(repetitions):
            appeler(journal, session, genre, chemin_de(genre, session.ids))
    return session.ids, servies, refusees


def naviguer(journal, session, genres, fin, pause, arret_anticipe=None):
    while time.monotonic() < fin and not (arret_anticipe and arret_anticipe.is_set()):
        genre = random.choice(genres)
        appeler(journal, session, genre, chemin_de(genre, session.ids))
        if pause:
            time.sleep(random.uniform(0.5 * pause, 1.5 * pause))


def exporter(journal, session, format_, fin):
    """One large export as a user does it: the list's export link, the job's page (reloaded every
    2 s by its own <meta refresh>), the file. Returns (end-to-end seconds, error)."""
    debut = time.perf_counter()
    reponse = appeler(journal, session, "export_demande", EXPORT_URL.format(format=format_))
    if reponse is None or reponse.statut != 302:
        statut = None if reponse is None else reponse.statut
        return None, f"demande d'export : statut {statut}"
    suivi = RE_SUIVI.search(urlsplit(reponse.location).path)
    if not suivi:
        return None, f"l'export ne part pas en arrière-plan ({reponse.location})"
    chemin = f"/admin/mes-exports/{suivi.group(1)}/"
    while time.monotonic() < fin:
        page = appeler(journal, session, "export_suivi", chemin)
        if page is not None and page.statut == 200:
            if "data-telecharger" in page.texte:
                break
            if 'http-equiv="refresh"' not in page.texte:
                return None, "l'export a échoué (page de suivi sans fichier)"
        time.sleep(2)
    else:
        return None, NON_TERMINE
    fichier = appeler(journal, session, "export_fichier", chemin + "fichier/", delai=300)
    if fichier is None or fichier.statut != 200:
        return None, "téléchargement refusé"
    attendu = b"PK" if format_ == "xlsx" else b""
    if len(fichier.corps) < 1000 or not fichier.corps.startswith(attendu):
        return None, f"fichier inattendu ({len(fichier.corps)} octets)"
    return time.perf_counter() - debut, None


def lancer_fils(cibles):
    fils = [threading.Thread(target=cible, daemon=True) for cible in cibles]
    for fil in fils:
        fil.start()
    return fils


def executer(args, env, resultat):
    hote, port = args.hote, port_libre(args.hote)
    dossier = Path(env["MEDIA_ROOT"]).parent
    commande_web = [
        str(Path(PYTHON).parent / "gunicorn"), "backoffice.wsgi", "--workers", str(args.workers),
        "--bind", f"[{hote}]:{port}" if ":" in hote else f"{hote}:{port}",
    ]  # fmt: skip
    commande_tache = [PYTHON, "manage.py", "db_worker", "--no-reload"]
    resultat["commande_serveur"] = " ".join(commande_web[1:])
    with (
        processus(commande_web, env, dossier / "gunicorn.log") as web,
        processus(commande_tache, env, dossier / "db_worker.log") as tache,
    ):
        attendre_serveur(hote, port, web)
        serveur = Serveur(web, tache)
        serveur.fil.start()
        journal = Journal()
        print(f"Serveur : gunicorn {args.workers} workers sur http://{hote}:{port}/ + db_worker")

        # Baseline: each account alone, sequential.
        journal.phase = serveur.phase = "reference"
        charge_debut = os.getloadavg()
        comptes = {}
        for compte in COMPTES:
            repetitions = 2 if compte in COMPTES_REFERENCE else 0
            comptes[compte] = decouvrir(journal, hote, port, compte, repetitions)
            _, servies, refusees = comptes[compte]
            print(f"  {compte} : {len(servies)} pages servies ; non servies : {refusees or '—'}")
        journal.phase = serveur.phase = "connexion"
        sessions = [Session(hote, port, compte) for compte in repartir(args.utilisateurs)]
        connexions, echecs = [], []

        def connecter(session):
            try:
                connexions.append(session.connecter())
            except Exception as exc:  # noqa: BLE001
                echecs.append(f"{session.compte} : {exc}")
            session.ids = comptes[session.compte][0]

        debut = time.perf_counter()
        for fil in lancer_fils([lambda s=s: connecter(s) for s in sessions]):
            fil.join()
        resultat["connexion"] = {
            "sessions": len(connexions),
            "echecs": echecs,
            "duree_s": round(time.perf_counter() - debut, 1),
            "p50_s": arrondi(quantile(connexions, 0.5)),
            "p95_s": arrondi(quantile(connexions, 0.95)),
        }
        if echecs:
            print("\n".join(echecs))
            sys.exit("Des connexions ont échoué : mesure interrompue.")
        print(f"{len(sessions)} sessions connectées en {resultat['connexion']['duree_s']} s.")

        def sonde(fin, arret):
            """The login page, anonymous, once a second: the queueing a trivial page sees."""
            anonyme = Session(hote, port, None)
            while time.monotonic() < fin and not arret.is_set():
                appeler(journal, anonyme, "sonde_connexion", "/admin/login/")
                anonyme.cookies.clear()
                time.sleep(1)

        arret_sonde = threading.Event()
        sonde_seule = threading.Thread(target=sonde, args=(time.monotonic() + 10, arret_sonde))
        journal.phase = "reference"
        sonde_seule.start()
        sonde_seule.join()

        phases = resultat["phases"] = {}

        def mesurer_phase(nom, cibles):
            journal.phase = serveur.phase = nom
            charge_avant, cpu_avant = os.getloadavg(), serveur.cpu()
            client_avant = time.process_time()
            debut = time.perf_counter()
            for fil in lancer_fils(cibles):
                fil.join()
            duree_s = time.perf_counter() - debut
            cpu_web, cpu_tache = (b - a for a, b in zip(cpu_avant, serveur.cpu(), strict=True))
            lignes = journal.de(nom)
            phases[nom] = {
                "duree_s": round(duree_s, 1),
                "debit_req_s": round(len(lignes) / duree_s, 2),
                "cpu_web_s": round(cpu_web, 1),
                "cpu_web_ms_par_requete": round(1000 * cpu_web / max(1, len(lignes))),
                "cpu_db_worker_s": round(cpu_tache, 1),
                "cpu_client_s": round(time.process_time() - client_avant, 1),
                "charge_avant": [round(x, 2) for x in charge_avant],
                "charge_apres": [round(x, 2) for x in os.getloadavg()],
                "memoire": serveur.pics.get(nom, {}),
            }
            return lignes

        # Phase 1: everybody browses for a fixed time.
        fin = time.monotonic() + args.duree
        print(f"Phase navigation : {args.duree:.0f} s…", flush=True)
        arret_sonde.clear()
        mesurer_phase(
            "navigation",
            [lambda s=s: naviguer(journal, s, comptes[s.compte][1], fin, args.pause)
             for s in sessions]
            + [lambda: sonde(fin, arret_sonde)],
        )  # fmt: skip

        # One export alone: the export baseline.
        print("Un export seul (référence)…", flush=True)
        nationale = next(s for s in sessions if s.compte in COMPTES_NATIONAUX)
        exports_seuls = []
        mesurer_phase(
            "export_seul",
            [lambda: exports_seuls.append(
                exporter(journal, nationale, args.format, time.monotonic() + args.delai_exports))],
        )  # fmt: skip

        # Phase 2: the export storm while the others keep browsing.
        exportateurs = [s for s in sessions if s.compte in COMPTES_NATIONAUX][: args.exports]
        if len(exportateurs) < args.exports:
            sys.exit("Pas assez de sessions nationales pour les exports demandés.")
        navigateurs = [s for s in sessions if s not in exportateurs]
        fin = time.monotonic() + args.delai_exports
        exports_finis = threading.Event()
        bilans = []

        def exportateur(session):
            bilans.append(exporter(journal, session, args.format, fin))
            if len(bilans) == len(exportateurs):
                exports_finis.set()

        print(f"Phase exports : {len(exportateurs)} exports simultanés, "
              f"{len(navigateurs)} utilisateurs naviguent (plafond {args.delai_exports:.0f} s)…",
              flush=True)  # fmt: skip
        arret_sonde.clear()
        mesurer_phase(
            "exports",
            [lambda s=s: exportateur(s) for s in exportateurs]
            + [lambda s=s: naviguer(journal, s, comptes[s.compte][1], fin, args.pause,
                                    exports_finis) for s in navigateurs]
            + [lambda: sonde(fin, exports_finis)],
        )  # fmt: skip
        serveur.arret.set()
        resultat["exports"] = {
            "seul_s": arrondi(exports_seuls[0][0], 1),
            "seul_erreur": exports_seuls[0][1],
            "durees_s": sorted(round(d, 1) for d, e in bilans if d is not None),
            "non_termines": len([e for _, e in bilans if e == NON_TERMINE]),
            "erreurs": [e for _, e in bilans if e and e != NON_TERMINE],
        }
        resultat["comptes"] = {
            compte: {"pages_servies": servies, "non_servies": refusees}
            for compte, (_, servies, refusees) in comptes.items()
        }
        resultat["charge_debut"] = [round(x, 2) for x in charge_debut]
        resultat["memoire_pic"] = serveur.pics
        return journal


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

GENRES_EXPORT = ("export_demande", "export_suivi", "export_fichier")


def est_page(ligne):
    return ligne[1] in PAGES


def tableau(journal, resultat):
    reference = {}
    for genre in [*PAGES, "sonde_connexion"]:
        durees = [ligne[3] for ligne in journal.de("reference") if ligne[1] == genre]
        reference[genre] = arrondi(statistics.median(durees)) if durees else None
    resultat["reference_mediane_s"] = reference
    pages_ref = [ligne[3] for ligne in journal.de("reference") if est_page(ligne)]
    resultat["reference_pages"] = {
        "p50_s": arrondi(quantile(pages_ref, 0.5)),
        "p95_s": arrondi(quantile(pages_ref, 0.95)),
    }
    for nom in ("navigation", "export_seul", "exports"):
        lignes = journal.de(nom)
        phase = resultat["phases"][nom]
        phase["toutes"] = synthese(lignes)
        phase["pages"] = synthese([ligne for ligne in lignes if est_page(ligne)])
        phase["par_genre"] = {}
        for genre in [*PAGES, "sonde_connexion", *GENRES_EXPORT]:
            du_genre = [ligne for ligne in lignes if ligne[1] == genre]
            if du_genre:
                phase["par_genre"][genre] = synthese(du_genre)
        phase["exemples_erreurs"] = sorted({f"{ligne[1]} : {ligne[5]}" for ligne in lignes
                                            if ligne[5]})[:10]  # fmt: skip
    erreurs = sum(resultat["phases"][nom]["toutes"]["erreurs"] for nom in resultat["phases"])
    erreurs += len([ligne for ligne in journal.de("reference") if ligne[5]])
    erreurs += len(resultat["exports"]["erreurs"]) + bool(resultat["exports"]["seul_erreur"])
    p95_storm = resultat["phases"]["exports"]["pages"]["p95_s"]
    memoire = max((p.get("rss_mo", 0) for p in resultat["memoire_pic"].values()), default=0)
    resultat["cibles"] = {
        "erreurs": {"mesure": erreurs, "cible": CIBLE_ERREURS, "ok": erreurs <= CIBLE_ERREURS},
        "p95_pages_pendant_exports_s": {
            "mesure": p95_storm,
            "cible": CIBLE_P95_PAGES_S,
            "ok": p95_storm is not None and p95_storm <= CIBLE_P95_PAGES_S,
        },
        "memoire_serveur_rss_mo": {
            "mesure": memoire,
            "cible": CIBLE_MEMOIRE_MO,
            "ok": 0 < memoire <= CIBLE_MEMOIRE_MO,
        },
    }


def s(valeur):
    return "—" if valeur is None else f"{valeur:.2f}".replace(".", ",")


def rapport(resultat):
    ref = resultat["reference_mediane_s"]
    seul = resultat["phases"]["export_seul"]["par_genre"]
    print()
    print(f"Charge de la machine au début : {resultat['charge_debut']} (1, 5, 15 min), 2 cœurs")
    c = resultat["connexion"]
    print(f"Connexion de {c['sessions']} sessions simultanées (formulaire, jeton CSRF) : "
          f"p50 {s(c['p50_s'])} s, p95 {s(c['p95_s'])} s")  # fmt: skip
    for nom in ("navigation", "export_seul", "exports"):
        phase = resultat["phases"][nom]
        t = phase["toutes"]
        print()
        print(
            f"== Phase {nom} : {phase['duree_s']} s, {t['requetes']} requêtes, "
            f"{t['erreurs']} erreurs, {s(phase['debit_req_s'])} req/s ; CPU serveur web "
            f"{phase['cpu_web_s']} s ({phase['cpu_web_ms_par_requete']} ms par requête), "
            f"db_worker {phase['cpu_db_worker_s']} s, client {phase['cpu_client_s']} s"
        )
        m = phase["memoire"]
        print(f"   mémoire du serveur (pic) : RSS {m.get('rss_mo')} Mo, PSS {m.get('pss_mo')} Mo "
              f"({m.get('processus')} processus) ; charge {phase['charge_avant']} → "
              f"{phase['charge_apres']}")  # fmt: skip
        print(f"   {'genre':<24}{'n':>6}{'err':>5}{'p50 s':>8}{'p95 s':>8}{'p99 s':>8}"
              f"{'réf. s':>8}{'p95/réf':>9}")  # fmt: skip
        for genre, g in [*phase["par_genre"].items(), ("PAGES (ensemble)", phase["pages"])]:
            base = ref.get(genre)
            if genre in GENRES_EXPORT:  # an export's requests: the export alone is their baseline
                base = seul.get(genre, {}).get("p50_s")
            elif genre.startswith("PAGES"):
                base = resultat["reference_pages"]["p50_s"]
            ratio = s(g["p95_s"] / base) if base and g["p95_s"] is not None else "—"
            print(f"   {genre:<24}{g['requetes']:>6}{g['erreurs']:>5}{s(g['p50_s']):>8}"
                  f"{s(g['p95_s']):>8}{s(g['p99_s']):>8}{s(base):>8}{ratio:>9}")  # fmt: skip
        for exemple in phase["exemples_erreurs"]:
            print(f"   erreur : {exemple}")
    e = resultat["exports"]
    durees = e["durees_s"]
    print()
    print(f"Export seul (référence) : {s(e['seul_s'])} s de bout en bout"
          + (f" — {e['seul_erreur']}" if e["seul_erreur"] else ""))  # fmt: skip
    if durees:
        print(
            f"Exports simultanés : {len(durees)} terminés, de bout en bout p50 "
            f"{s(statistics.median(durees))} s, max {s(max(durees))} s "
            f"(max / export seul : {s(max(durees) / e['seul_s']) if e['seul_s'] else '—'})"
        )
    if e["non_termines"]:
        print(f"Exports non terminés au plafond de la phase : {e['non_termines']}")
    for erreur in e["erreurs"]:
        print(f"   export en échec : {erreur}")
    print()
    print("Cibles :")
    for nom, cible in resultat["cibles"].items():
        marque = "OK" if cible["ok"] else "ÉCHEC"
        mesure, valeur_cible = cible["mesure"], cible["cible"]
        if isinstance(mesure, float):
            mesure, valeur_cible = s(mesure), s(valeur_cible)
        print(f"   {nom:<30} mesuré {mesure} — cible ≤ {valeur_cible} : {marque}")


def arreter(signum, _frame):
    raise SystemExit(f"Interrompu (signal {signum}) : arrêt du serveur et du cluster.")


def relire():
    resultat = json.loads(RESULTATS.read_text())
    journal = Journal()
    journal.lignes = [tuple(ligne) for ligne in resultat["journal"]]
    tableau(journal, resultat)
    rapport(resultat)
    RESULTATS.write_text(json.dumps(resultat, ensure_ascii=False, indent=2))
    return resultat


def main(argv=None):
    args = lire_arguments(argv)
    if args.relire:
        relire()
        return 0
    signal.signal(signal.SIGTERM, arreter)
    resultat = {"date": time.strftime("%Y-%m-%d %H:%M"), "arguments": vars(args).copy()}
    resultat["arguments"].pop("database_url", None)
    with contextlib.ExitStack() as pile:
        url = args.database_url or pile.enter_context(cluster_jetable("charge-pg"))
        dossier = Path(pile.enter_context(tempfile.TemporaryDirectory(prefix="charge-")))
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env |= {
            "DJANGO_SETTINGS_MODULE": "backoffice.settings.prod",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": url,
            "ALLOWED_HOSTS": args.hote,
            "DEBUG": "0",
            "MEDIA_ROOT": str(dossier / "media"),
            "STATIC_ROOT": str(dossier / "static"),
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "PYTHONUNBUFFERED": "1",
        }
        if not args.skip_seed:
            resultat["chargement"] = preparer_base(env)
        else:
            # A base loaded by another bench (test settings: cache in memory) has no cache table,
            # which the production settings need: every login would fail with a 500.
            manage(env, "createcachetable")
        analyser(env)
        resultat["file_videe_s"] = vider_file(env)
        print(f"Tâches en attente exécutées avant la mesure : {resultat['file_videe_s']} s")
        try:
            journal = executer(args, env, resultat)
        finally:
            for nom in ("gunicorn.log", "db_worker.log"):
                journal_fichier = dossier / nom
                if journal_fichier.exists() and journal_fichier.stat().st_size:
                    lignes = journal_fichier.read_text(errors="replace").splitlines()
                    resultat.setdefault("journaux", {})[nom] = lignes[-40:]
        resultat["journal"] = journal.lignes  # raw: (phase, kind, start, duration, status, error)
        RESULTATS.parent.mkdir(parents=True, exist_ok=True)
        RESULTATS.write_text(json.dumps(resultat, ensure_ascii=False))
        tableau(journal, resultat)
        rapport(resultat)
        RESULTATS.parent.mkdir(parents=True, exist_ok=True)
        RESULTATS.write_text(json.dumps(resultat, ensure_ascii=False, indent=2))
        print(f"Résultats écrits dans {RESULTATS.relative_to(RACINE)}")
    return 0 if all(c["ok"] for c in resultat["cibles"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
