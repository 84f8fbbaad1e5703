"""Parcours de démonstration : le temps serveur de chaque page et action qu'un utilisateur clique.

Sur une copie SQLite du petit jeu de démonstration (`seed_demo --scale small`), avec les réglages
de `make run` (`backoffice.settings.dev` : vrai hacheur de mots de passe, cache en base, sessions
en base), le script :

1. connecte chaque compte de démonstration (POST du formulaire de connexion, mot de passe réel) ;
2. parcourt toutes les entrées des menus de l'administration (lues dans le menu latéral tel que
   la page d'accueil le sert au compte), puis, pour chaque liste, la première fiche (inspect),
   le premier formulaire de modification, le premier historique et la page d'ajout ;
3. joue les actions clés : enregistrer un dispositif (le formulaire servi, renvoyé tel quel),
   créer un financement, une transition de demande, le tableau de bord à une date passée, la page
   de dépôt Temps 1, le formulaire public (GET et POST) et la page de suivi du demandeur.

Chaque mesure est répétée (`--repetitions`, après un échauffement non compté) et on garde la
médiane du temps mur, du temps CPU du processus (`time.process_time`) et du nombre de requêtes
SQL. La machine de mesure peut être partagée : le temps CPU et le nombre de requêtes font foi,
le temps mur inclut l'attente d'un cœur (la charge est affichée avant et après).

Le client de test de Django appelle la vue comme le ferait le serveur WSGI : le hachage du mot
de passe, les middlewares, la session et le cache en base sont tous dans la mesure (seuls le
réseau et le service des fichiers statiques n'y sont pas).

    uv run python benchmarks/parcours.py                       # charge une base neuve (≈ 1 min)
    uv run python benchmarks/parcours.py --depuis db.sqlite3   # copie d'une base déjà chargée
    uv run python benchmarks/parcours.py --depuis db.sqlite3 --profil "Connexion"  # cProfile
"""

import argparse
import contextlib
import cProfile
import datetime
import gc
import io
import json
import logging
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))

MOT_DE_PASSE = "demo-parc-2026!"
COMPTES = {
    "national": "national@demo.gouv.fr",
    "dreets52": "dreets52@demo.gouv.fr",
    "ddets44": "ddets44@demo.gouv.fr",
    "ddets75": "ddets75@demo.gouv.fr",
    "siao44": "siao44@demo.gouv.fr",
    "gestionnaire": "gestionnaire@demo.gouv.fr",
    "lecteur": "lecteur@demo.gouv.fr",
}
# Les actions qui écrivent sont jouées par un compte qui en a le droit sur le jeu de démonstration.
COMPTE_ACTIONS = "ddets44"
COMPTE_TRANSITION = "siao44"
SEUIL_MS = 500


def parametres():
    analyse = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    analyse.add_argument("--depuis", type=Path, help="base SQLite déjà chargée, copiée avant usage")
    analyse.add_argument("--repetitions", type=int, default=5)
    analyse.add_argument("--comptes", default=",".join(COMPTES), help="comptes parcourus")
    analyse.add_argument("--profil", help="profile (cProfile) les mesures dont le libellé contient")
    analyse.add_argument("--json", type=Path, default=RACINE / "benchmarks/results/parcours.json")
    return analyse.parse_args()


def charge():
    try:
        return "/".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


# ---------------------------------------------------------------------------------------------
# Base de travail
# ---------------------------------------------------------------------------------------------


def preparer_base(depuis, dossier):
    """Une copie jetable : les actions mesurées écrivent (créations, transitions)."""
    cible = dossier / "parcours.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{cible}"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "backoffice.settings.dev")
    if depuis:
        shutil.copyfile(depuis, cible)
        return cible
    manage = [sys.executable, str(RACINE / "manage.py")]
    for commande in (["migrate", "-v0"], ["createcachetable"], ["seed_demo", "--scale", "small"]):
        print("→ manage.py", " ".join(commande), flush=True)
        subprocess.run(
            manage + commande, env=env, check=True, cwd=RACINE, stdout=subprocess.DEVNULL
        )
    return cible


# ---------------------------------------------------------------------------------------------
# Mesure
# ---------------------------------------------------------------------------------------------


ECRITURES = ("INSERT", "UPDATE", "DELETE")


class RamasseMiettes:
    """Temps CPU des collectes du ramasse-miettes pendant les mesures (les complètes à part)."""

    def __init__(self):
        self.total_ms = 0.0
        self.completes = 0
        self.completes_ms = 0.0
        self._debut = None
        self.actif = False  # seulement pendant les requêtes mesurées
        gc.callbacks.append(self._rappel)

    def _rappel(self, phase, info):
        if not self.actif:
            self._debut = None
        elif phase == "start":
            self._debut = time.process_time()
        elif self._debut is not None:
            duree = (time.process_time() - self._debut) * 1000
            self.total_ms += duree
            if info["generation"] == 2:
                self.completes += 1
                self.completes_ms += duree


class Banc:
    def __init__(self, repetitions, profil):
        self.repetitions = repetitions
        self.profil = profil
        self.resultats = []
        self.profils = {}
        self.gc = RamasseMiettes()

    def mesurer(self, compte, libelle, requete, preparer=None, echauffement=True):
        """`requete(i)` fait une requête HTTP et rend la réponse ; `preparer(i)` (non mesuré)
        met en place ce dont la répétition i a besoin. Rend la dernière réponse."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        murs, cpus, nombres, ecritures = [], [], [], []
        reponse = None
        tours = range(-1 if echauffement else 0, self.repetitions)
        for i in tours:
            argument = preparer(i) if preparer else i
            profiler = None
            if self.profil and self.profil in libelle and i == self.repetitions - 1:
                profiler = cProfile.Profile()
            with CaptureQueriesContext(connection) as capture:
                mur, cpu = time.perf_counter(), time.process_time()
                if profiler:
                    profiler.enable()
                self.gc.actif = i >= 0
                reponse = requete(argument)
                if getattr(reponse, "streaming", False):
                    b"".join(reponse.streaming_content)
                self.gc.actif = False
                if profiler:
                    profiler.disable()
                mur, cpu = time.perf_counter() - mur, time.process_time() - cpu
            if profiler:
                sortie = io.StringIO()
                pstats.Stats(profiler, stream=sortie).sort_stats("cumulative").print_stats(40)
                self.profils[f"{compte} · {libelle}"] = sortie.getvalue()
            if i >= 0:
                murs.append(mur * 1000)
                cpus.append(cpu * 1000)
                nombres.append(len(capture))
                ecritures.append(
                    sum(
                        q["sql"].lstrip().upper().startswith(ECRITURES)
                        for q in capture.captured_queries
                    )
                )
        self.resultats.append(
            {
                "compte": compte,
                "libelle": libelle,
                "url": getattr(reponse, "url_mesuree", ""),
                "statut": reponse.status_code,
                "mur_ms": round(statistics.median(murs)),
                "cpu_ms": round(statistics.median(cpus)),
                "requetes": int(statistics.median(nombres)),
                "requetes_min_max": [min(nombres), max(nombres)],
                "ecritures": int(statistics.median(ecritures)),
                "cpu_max_ms": round(max(cpus)),
            }
        )
        return reponse


def get(client, url, **extra):
    reponse = client.get(url, **extra)
    reponse.url_mesuree = url
    return reponse


def post(client, url, data, **extra):
    reponse = client.post(url, data, **extra)
    reponse.url_mesuree = url
    return reponse


# ---------------------------------------------------------------------------------------------
# Lecture des pages servies (ce qu'un navigateur verrait)
# ---------------------------------------------------------------------------------------------


def soupe(reponse):
    from bs4 import BeautifulSoup

    return BeautifulSoup(reponse.content, "html.parser")


def urls_du_menu(reponse):
    """Les liens du menu latéral de Wagtail (JSON dans #wagtail-sidebar-props)."""
    props = soupe(reponse).find(id="wagtail-sidebar-props")
    urls = []

    def parcourir(noeud):
        if isinstance(noeud, dict):
            url = noeud.get("url")
            if isinstance(url, str) and url.startswith("/admin/") and url not in urls:
                urls.append(url)
            for valeur in noeud.values():
                parcourir(valeur)
        elif isinstance(noeud, list):
            for valeur in noeud:
                parcourir(valeur)

    if props:
        parcourir(json.loads(props.string))
    return urls


def liens_de_la_liste(reponse, url_liste):
    """Première fiche, premier formulaire de modification et page d'ajout d'une liste."""
    prefixe = urlsplit(url_liste).path
    trouves = {}
    for lien in soupe(reponse).find_all("a", href=True):
        href = urlsplit(lien["href"]).path
        if not href.startswith(prefixe):
            continue
        reste = href[len(prefixe) :]
        for vue in ("inspect", "edit", "history"):
            if re.fullmatch(rf"{vue}/[^/]+/", reste) and vue not in trouves:
                trouves[vue] = href
        if reste == "new/" and "new" not in trouves:
            trouves["new"] = href
    # Les listes de Wagtail ne servent souvent que le lien de la fiche (les autres sont dans un
    # menu chargé à la demande) : mêmes URL que le navigateur ouvrirait depuis la fiche.
    for vue in ("edit", "history"):
        for source in ("inspect", "edit"):
            if vue not in trouves and source in trouves:
                trouves[vue] = trouves[source].replace(f"/{source}/", f"/{vue}/", 1)
    return trouves


def donnees_du_formulaire(formulaire):
    """Les champs qu'un navigateur enverrait pour ce <form>, valeurs servies inchangées."""
    donnees = {}

    def ajouter(nom, valeur):
        if nom in donnees:
            if not isinstance(donnees[nom], list):
                donnees[nom] = [donnees[nom]]
            donnees[nom].append(valeur)
        else:
            donnees[nom] = valeur

    for champ in formulaire.find_all(["input", "select", "textarea"]):
        nom = champ.get("name")
        if not nom or champ.has_attr("disabled"):
            continue
        if champ.name == "textarea":
            ajouter(nom, champ.text.lstrip("\n"))
        elif champ.name == "select":
            options = champ.find_all("option")
            choisies = [o for o in options if o.has_attr("selected")]
            if not choisies and options and not champ.has_attr("multiple"):
                choisies = options[:1]
            for option in choisies:
                ajouter(nom, option.get("value", option.text))
        else:
            genre = champ.get("type", "text").lower()
            if genre in {"submit", "button", "image", "reset", "file"}:
                continue
            if genre in {"checkbox", "radio"}:
                if champ.has_attr("checked"):
                    ajouter(nom, champ.get("value", "on"))
                continue
            ajouter(nom, champ.get("value", ""))
    return donnees


def formulaire_principal(reponse, action=None):
    """Le <form method=post> de la page (celui dont l'action est `action`, sinon le plus gros)."""
    formulaires = [
        f for f in soupe(reponse).find_all("form") if f.get("method", "").lower() == "post"
    ]
    if action:
        for formulaire in formulaires:
            if urlsplit(formulaire.get("action", "")).path == action:
                return formulaire
    return max(formulaires, key=lambda f: len(f.find_all(["input", "select", "textarea"])))


# ---------------------------------------------------------------------------------------------
# Le parcours
# ---------------------------------------------------------------------------------------------


def connexion(banc, compte):
    from django.test import Client

    clients = []

    def requete(_):
        client = Client(HTTP_HOST="localhost")
        clients.append(client)
        return post(
            client, "/admin/login/", {"username": COMPTES[compte], "password": MOT_DE_PASSE}
        )

    reponse = banc.mesurer(compte, "Connexion (POST)", requete)
    assert reponse.status_code == 302, f"connexion de {compte} refusée ({reponse.status_code})"
    return clients[-1]


def parcourir_menus(banc, compte, client):
    accueil = banc.mesurer(compte, "Accueil (tableau de bord)", lambda _: get(client, "/admin/"))
    il_y_a_un_an = datetime.date.today().replace(day=1) - datetime.timedelta(days=365)
    banc.mesurer(
        compte,
        "Tableau de bord à une date passée",
        lambda _: get(client, f"/admin/?date={il_y_a_un_an.isoformat()}"),
    )
    listes = {}
    for url in urls_du_menu(accueil):
        reponse = banc.mesurer(compte, f"Menu {url}", lambda _, url=url: get(client, url))
        if reponse.status_code != 200:
            continue
        for vue, lien in liens_de_la_liste(reponse, url).items():
            if lien in listes.values():
                continue
            listes[f"{url} {vue}"] = lien
            if vue in {"edit", "history"} and client.get(lien).status_code != 200:
                continue  # lien déduit de la fiche, que ce compte n'a pas
            banc.mesurer(compte, f"{vue} {lien}", lambda _, lien=lien: get(client, lien))
    return listes


def enregistrer_dispositif(banc, compte, client):
    liste = get(client, "/admin/offre/dispositifs/")
    edition = liens_de_la_liste(liste, "/admin/offre/dispositifs/")["edit"]
    formulaire = formulaire_principal(get(client, edition), action=edition)
    donnees = donnees_du_formulaire(formulaire)
    reponse = banc.mesurer(
        compte, "Enregistrer un dispositif (POST)", lambda _: post(client, edition, donnees)
    )
    assert reponse.status_code == 302, f"enregistrement refusé : {reponse.status_code}"


def creer_financement(banc, compte, client):
    liste = get(client, "/admin/offre/financements/")
    edition = liens_de_la_liste(liste, "/admin/offre/financements/")["edit"]
    donnees = donnees_du_formulaire(formulaire_principal(get(client, edition), action=edition))
    ajout = "/admin/offre/financements/new/"

    def requete(i):
        # Une ligne nouvelle à chaque fois : (dispositif, exercice, programme, action, mode) unique.
        return post(client, ajout, {**donnees, "action": f"P{i + 2:02d}"})

    reponse = banc.mesurer(compte, "Créer un financement (POST)", requete)
    assert reponse.status_code == 302, f"création refusée : {reponse.status_code}"


def transition_demande(banc, compte, client):
    """La première transition proposée sur des demandes de la file « à pré-valider »."""
    liste = get(client, "/admin/demandes/?file=a_pre_valider")
    fiches = sorted(
        {
            lien["href"]
            for lien in soupe(liste).find_all("a", href=True)
            if re.fullmatch(r"/admin/demandes/inspect/\d+/", lien["href"])
        }
    )
    nom = "pre_valider"  # sans commentaire obligatoire (« demander des compléments » en exige un)
    formulaires = []
    for fiche in fiches:
        page = soupe(get(client, fiche))
        # Un seul formulaire, un bouton par transition (attribut formaction).
        for bouton in page.find_all("button", formaction=True):
            if bouton["formaction"].rstrip("/").endswith(f"/{nom}"):
                formulaire = bouton.find_parent("form")
                formulaires.append((bouton["formaction"], donnees_du_formulaire(formulaire)))
    if len(formulaires) < banc.repetitions + 1:
        print(f"  (transition « {nom} » : {len(formulaires)} demandes seulement)")
        return
    banc.mesurer(
        compte,
        f"Transition de demande « {nom} » (POST)",
        lambda i: post(client, formulaires[i + 1][0], formulaires[i + 1][1]),
    )


def formulaire_public(banc):
    from django.test import Client

    from backoffice.demandes.models import Demande
    from tests.factories import siren_valide, siret_valide
    from tests.public.outils import donnees_valides

    client = Client(HTTP_HOST="localhost")
    banc.mesurer("public", "Formulaire public (GET)", lambda _: get(client, "/demande/"))

    def requete(i):
        siren = siren_valide(7000 + i)
        donnees = donnees_valides(
            **{"entite-siren": siren, "dispositif-siret": siret_valide(siren)}
        )
        # Une adresse par envoi : la limite par IP du formulaire n'est pas ce qu'on mesure.
        return post(
            Client(HTTP_HOST="localhost"), "/demande/", donnees, REMOTE_ADDR=f"198.51.100.{i + 2}"
        )

    reponse = banc.mesurer("public", "Formulaire public (POST)", requete)
    assert reponse.status_code == 302, f"demande refusée : {reponse.status_code}"
    jeton = Demande.objects.order_by("-pk").values_list("jeton", flat=True).first()
    banc.mesurer(
        "public", "Page de suivi du demandeur", lambda _: get(client, f"/demande/suivi/{jeton}/")
    )


def afficher(banc, charge_avant):
    lignes = sorted(banc.resultats, key=lambda r: -r["cpu_ms"])
    print()
    print(f"Charge (load average 1/5/15 min) : avant {charge_avant}, après {charge()}")
    print(f"Médianes sur {banc.repetitions} répétitions ; « !! » : CPU > {SEUIL_MS} ms.")
    print("Colonnes : CPU médian, CPU maximal, temps mur médian, requêtes SQL, dont écritures.")
    print(
        f"{'':2} {'CPU ms':>7} {'max':>5} {'mur ms':>7} {'req.':>5} {'écr.':>4} {'HTTP':>4}  "
        "compte · mesure"
    )
    for r in lignes:
        alerte = "!!" if r["cpu_ms"] > SEUIL_MS else ""
        print(
            f"{alerte:2} {r['cpu_ms']:>7} {r['cpu_max_ms']:>5} {r['mur_ms']:>7} "
            f"{r['requetes']:>5} {r['ecritures']:>4} {r['statut']:>4}  "
            f"{r['compte']} · {r['libelle']}"
        )
    cpu_total = sum(r["cpu_ms"] for r in lignes)
    print(
        f"\nTotal des médianes : {cpu_total} ms CPU, {sum(r['requetes'] for r in lignes)} requêtes "
        f"dont {sum(r['ecritures'] for r in lignes)} écritures, pour {len(lignes)} mesures."
    )
    print(
        f"Ramasse-miettes pendant toutes les requêtes mesurées : {banc.gc.total_ms:.0f} ms CPU, "
        f"dont {banc.gc.completes} collectes complètes ({banc.gc.completes_ms:.0f} ms)."
    )
    for titre, texte in banc.profils.items():
        print(f"\n===== cProfile : {titre} =====\n{texte}")


def main():
    args = parametres()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backoffice.settings.dev")
    with tempfile.TemporaryDirectory(prefix="parcours-") as dossier:
        base = preparer_base(args.depuis, Path(dossier))
        os.environ["DATABASE_URL"] = f"sqlite:///{base}"
        os.environ.setdefault("MEDIA_ROOT", str(Path(dossier) / "media"))
        os.environ.setdefault("DEMANDE_DOSSIER_TEMPORAIRE", str(Path(dossier) / "temporaire"))
        os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
        os.environ.setdefault("LOG_LEVEL", "ERROR")
        import django

        django.setup()
        # Les 404 des liens déduits ne sont pas des erreurs du parcours.
        logging.getLogger("django.request").setLevel(logging.ERROR)
        banc = Banc(args.repetitions, args.profil)
        charge_avant = charge()
        print(f"Base : {base} ; charge {charge_avant}", flush=True)
        # Les demandes déposées par le formulaire public sont celles que le SIAO pré-valide
        # ensuite (le jeu de démonstration n'en contient pas).
        print("→ pages publiques", flush=True)
        formulaire_public(banc)
        for compte in args.comptes.split(","):
            print(f"→ {compte}", flush=True)
            client = connexion(banc, compte)
            parcourir_menus(banc, compte, client)
            if compte == COMPTE_ACTIONS:
                enregistrer_dispositif(banc, compte, client)
                creer_financement(banc, compte, client)
            if compte == COMPTE_TRANSITION:
                transition_demande(banc, compte, client)
        afficher(banc, charge_avant)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "charge": [charge_avant, charge()],
                    "ramasse_miettes_ms": round(banc.gc.total_ms),
                    "collectes_completes": [banc.gc.completes, round(banc.gc.completes_ms)],
                    "resultats": banc.resultats,
                },
                ensure_ascii=False,
                indent=1,
            )
        )


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
