"""Scheduled work: which command runs when, in one place.

Read by `manage.py planificateur` (the periodic runner of the local trial, beside the task
worker) and by `manage.py planificateur --crontab` (the production crontab shown in the README).
Every command listed here is idempotent and catches up by itself what it missed (a convention
whose start date passed while nothing ran still enters into force), so a task that fell due
several times while nothing ran is run once, not once per missed slot.

Times are Europe/Paris wall-clock times. Daily and weekly times avoid 2 h to 3 h, the hour that
does not exist in March and happens twice in October.
"""

import contextlib
import datetime
import fcntl
import io
import json
import os
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.db import close_old_connections

PARIS = ZoneInfo("Europe/Paris")
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
REPERTOIRE_PRODUCTION = "/srv/parc-hebergement"


def _utc(moment):
    if moment.tzinfo is None:
        raise ValueError("Un instant avec fuseau horaire est attendu.")
    return moment.astimezone(datetime.UTC)


@dataclass(frozen=True)
class Horaire:
    """Every hour at `minute`. French offsets are whole hours: computed in UTC, no DST trap."""

    minute: int

    def derniere(self, moment):
        """The latest scheduled instant at or before `moment` (aware, UTC)."""
        moment = _utc(moment)
        creneau = moment.replace(minute=self.minute, second=0, microsecond=0)
        return creneau if creneau <= moment else creneau - datetime.timedelta(hours=1)

    def prochaine(self, moment):
        """The first scheduled instant strictly after `moment` (aware, UTC)."""
        return self.derniere(moment) + datetime.timedelta(hours=1)

    @property
    def libelle(self):
        return f"toutes les heures à la minute {self.minute:02d}"

    @property
    def crontab(self):
        return f"{self.minute} * * * *"


@dataclass(frozen=True)
class Quotidienne:
    """Every day at `heure`:`minute`, Paris time."""

    heure: int
    minute: int = 0

    def __post_init__(self):
        if self.heure == 2:
            raise ValueError("Pas de tâche entre 2 h et 3 h (changements d'heure).")

    def _creneau(self, jour):
        return _utc(datetime.datetime.combine(jour, datetime.time(self.heure, self.minute), PARIS))

    def _jour_prevu(self, jour):
        return True

    def derniere(self, moment):
        moment = _utc(moment)
        jour = moment.astimezone(PARIS).date()
        while not (self._jour_prevu(jour) and self._creneau(jour) <= moment):
            jour -= datetime.timedelta(days=1)
        return self._creneau(jour)

    def prochaine(self, moment):
        moment = _utc(moment)
        jour = moment.astimezone(PARIS).date()
        while not (self._jour_prevu(jour) and self._creneau(jour) > moment):
            jour += datetime.timedelta(days=1)
        return self._creneau(jour)

    @property
    def libelle(self):
        return f"chaque jour à {self.heure} h {self.minute:02d}"

    @property
    def crontab(self):
        return f"{self.minute} {self.heure} * * *"


@dataclass(frozen=True)
class Hebdomadaire(Quotidienne):
    """Every week on `jour` (0 = Monday) at `heure`:`minute`, Paris time."""

    jour: int = 0

    def _jour_prevu(self, jour):
        return jour.weekday() == self.jour

    @property
    def libelle(self):
        return f"chaque {JOURS[self.jour]} à {self.heure} h {self.minute:02d}"

    @property
    def crontab(self):
        # cron numbers days from Sunday (0), Python from Monday (0).
        return f"{self.minute} {self.heure} * * {(self.jour + 1) % 7}"


@dataclass(frozen=True)
class Tache:
    commande: str  # a management command, run without arguments
    cadence: Horaire | Quotidienne | Hebdomadaire
    objet: str  # what it does, in French, for the logs and the README

    def est_due(self, dernier_passage, maintenant):
        """Due when it never ran, or last ran before its latest scheduled instant."""
        return dernier_passage is None or _utc(dernier_passage) < self.cadence.derniere(maintenant)


# In the order they run when several are due together: dates first (conventions in force or
# expired, calls closed), then the quality check that reads them, then the reminders.
TACHES = [
    Tache(
        "echeances",
        Quotidienne(0, 15),
        "conventions entrées en vigueur ou expirées, avenants signés appliqués, appels à "
        "projets clos à leur date limite, relances avant les échéances des contrôles (réponse "
        "de l'entité, mesures), cycle des évaluations des ESSMS et leurs relances (6 mois, "
        "1 mois avant l'échéance, puis en retard)",
    ),
    Tache("clore_appels", Horaire(5), "appels à projets clos à leur date limite"),
    Tache("verifier_qualite", Quotidienne(3, 30), "anomalies de qualité des données recalculées"),
    Tache(
        "relancer_demandes",
        Quotidienne(7, 0),
        "courriel aux SIAO et DDETS : demandes en attente à leur étape depuis plus de "
        "DEMANDES_RELANCE_JOURS jours (7 par défaut)",
    ),
    Tache(
        "relancer_conventions",
        Hebdomadaire(7, 15, jour=0),
        "courriel aux administrateurs : conventions finissant dans 3 et 6 mois, financements "
        "sans convention",
    ),
    Tache(
        "purger_exports",
        Quotidienne(4, 0),
        "exports en arrière-plan supprimés après EXPORTS_CONSERVATION_JOURS jours (7 par défaut)",
    ),
]


def taches_dues(passages, maintenant, taches=TACHES):
    """The tasks due at `maintenant`, given {command: last run (aware datetime)}."""
    return [tache for tache in taches if tache.est_due(passages.get(tache.commande), maintenant)]


def prochain_reveil(maintenant, taches=TACHES):
    """The next instant at which some task falls due."""
    return min(tache.cadence.prochaine(maintenant) for tache in taches)


def crontab(repertoire=REPERTOIRE_PRODUCTION, taches=TACHES):
    """The production crontab: the same tasks at the same times, each through
    `scripts/tache_planifiee.sh` (environment file, one run at a time, dated log)."""
    lignes = [
        "# Parc d'hébergement : tâches planifiées (manage.py planificateur --crontab).",
        "# Heures de Paris : le serveur est réglé sur le fuseau Europe/Paris.",
        "# min heure jour mois jour-de-semaine  commande",
    ]
    for tache in taches:
        lignes.append(f"# {tache.commande} : {tache.cadence.libelle}")
        lignes.append(
            f"{tache.cadence.crontab:<14} {repertoire}/scripts/tache_planifiee.sh "
            f"{tache.commande} >> /var/log/parc-hebergement/taches.log 2>&1"
        )
    return "\n".join(lignes) + "\n"


class Journal:
    """When each task last ran, kept in a small JSON file so that a restart catches up what fell
    due meanwhile, and nothing more."""

    def __init__(self, chemin):
        self.chemin = Path(chemin)
        self.passages = {}
        try:
            donnees = json.loads(self.chemin.read_text(encoding="utf-8"))
            self.passages = {
                commande: datetime.datetime.fromisoformat(instant)
                for commande, instant in donnees.items()
            }
        except FileNotFoundError:
            pass
        except (ValueError, AttributeError):
            # Unreadable: every task is due once more, which the commands allow (idempotent).
            self.passages = {}

    def noter(self, commande, instant):
        self.passages[commande] = instant
        provisoire = self.chemin.with_suffix(".tmp")
        provisoire.write_text(
            json.dumps({c: i.isoformat() for c, i in sorted(self.passages.items())}, indent=1),
            encoding="utf-8",
        )
        os.replace(provisoire, self.chemin)  # never a half-written file


class DejaLance(RuntimeError):
    pass


@contextlib.contextmanager
def verrou_exclusif(chemin):
    """One runner per journal: a second one would run every task twice."""
    chemin = Path(chemin)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    with open(chemin.with_suffix(".verrou"), "w") as fichier:
        try:
            fcntl.flock(fichier, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DejaLance(
                f"Un autre planificateur tourne déjà ({chemin.with_suffix('.verrou')})."
            ) from None
        yield


def heure_locale(moment):
    return moment.astimezone(PARIS).strftime("%d/%m %H:%M:%S")


class Planificateur:
    """Runs the due tasks, then sleeps until the next one falls due; `arreter()` (Ctrl-C) lets
    the running task finish and stops.

    `horloge`, `executer` and `attendre` are parameters: tests freeze the clock, move it by hand
    and record the runs, without sleeping."""

    REESSAI = datetime.timedelta(minutes=10)  # after a failure; the next slot would be too late
    # Sleep by slices of a second: a stop request is seen within a second, and the clock is
    # re-read (suspend, clock change). `arreter()` runs in a signal handler: it only sets a flag
    # (waking an Event from there could deadlock on the lock the interrupted wait holds).
    VEILLE_MAX = 1

    def __init__(self, journal, ecrire, executer, horloge, taches=TACHES, attendre=None):
        self.journal = journal
        self.ecrire = ecrire
        self.executer = executer
        self.horloge = horloge
        self.taches = taches
        self.reessais = {}
        self.en_cours = None
        self.arret = False
        self.attendre = attendre or time.sleep

    def annoncer(self):
        self.ecrire(f"{len(self.taches)} tâches planifiées (heure de Paris) :")
        for tache in self.taches:
            dernier = self.journal.passages.get(tache.commande)
            deja = f"dernier passage le {heure_locale(dernier)}" if dernier else "jamais lancée"
            self.ecrire(f"  {tache.commande} : {tache.cadence.libelle} ({deja})")

    def tour(self):
        """Run every task due now (a start-up catches up what fell due while nothing ran);
        returns how many ran."""
        maintenant = self.horloge()
        lancees = 0
        for tache in taches_dues(self.journal.passages, maintenant, self.taches):
            if self.arret:
                break
            if self.reessais.get(tache.commande, maintenant) > maintenant:
                continue
            self.lancer(tache, maintenant)
            lancees += 1
        return lancees

    def lancer(self, tache, maintenant):
        self.ecrire(f"{heure_locale(maintenant)} {tache.commande} : {tache.objet}")
        debut = time.monotonic()
        self.en_cours = tache.commande
        try:
            sortie = self.executer(tache.commande)
        except Exception as exc:
            self.reessais[tache.commande] = maintenant + self.REESSAI
            for ligne in traceback.format_exception(exc):
                self.ecrire("    " + ligne.rstrip("\n"))
            self.ecrire(
                f"{tache.commande} : échec ({exc}) ; nouvel essai à "
                f"{heure_locale(maintenant + self.REESSAI)}"
            )
            return
        finally:
            self.en_cours = None
        self.reessais.pop(tache.commande, None)
        self.journal.noter(tache.commande, maintenant)
        for ligne in (sortie or "").splitlines():
            if ligne.strip():
                self.ecrire("    " + ligne)
        duree = f"{time.monotonic() - debut:.1f}".replace(".", ",")
        self.ecrire(f"{tache.commande} : terminée en {duree} s")

    def tourner(self):
        self.annoncer()
        while not self.arret:
            self.tour()
            if self.arret:
                break
            maintenant = self.horloge()
            reveil = min([prochain_reveil(maintenant, self.taches), *self.reessais.values()])
            self.ecrire(f"prochaine échéance : {heure_locale(reveil)}")
            while not self.arret and self.horloge() < reveil:
                attente = (reveil - self.horloge()).total_seconds()
                self.attendre(min(max(attente, 0), self.VEILLE_MAX))
        self.ecrire("arrêté.")

    def arreter(self):
        if self.en_cours:
            self.ecrire(
                f"arrêt demandé : fin de « {self.en_cours} » en cours, puis arrêt "
                "(Ctrl-C de nouveau pour l'interrompre)."
            )
        self.arret = True


def executer_commande(commande):
    """Run a management command in this process and return what it printed, e-mails included
    (the console e-mail backend of the trial writes them on the standard output)."""
    tampon = io.StringIO()
    try:
        with contextlib.redirect_stdout(tampon):
            call_command(commande, stdout=tampon, stderr=tampon)
    finally:
        close_old_connections()
    return tampon.getvalue()
