"""Which scheduled task is due when: a frozen clock (explicit instants), never a sleep."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from backoffice import planification
from backoffice.planification import (
    PARIS,
    Hebdomadaire,
    Horaire,
    Journal,
    Planificateur,
    Quotidienne,
    taches_dues,
)

RACINE = Path(__file__).resolve().parents[2]


def paris(annee, mois, jour, heure=0, minute=0, seconde=0):
    return datetime.datetime(annee, mois, jour, heure, minute, seconde, tzinfo=PARIS)


def dues(passages, maintenant):
    return [tache.commande for tache in taches_dues(passages, maintenant)]


# Monday 7 December 2026 (winter time, UTC+1).
LUNDI = paris(2026, 12, 7)


def test_horaire_a_la_minute_5():
    cadence = Horaire(5)
    assert cadence.derniere(paris(2026, 12, 7, 9, 4)) == paris(2026, 12, 7, 8, 5)
    assert cadence.derniere(paris(2026, 12, 7, 9, 5)) == paris(2026, 12, 7, 9, 5)
    assert cadence.prochaine(paris(2026, 12, 7, 9, 5)) == paris(2026, 12, 7, 10, 5)
    # The October night has two 2:05 (summer time, then winter time): both are slots.
    premiere = datetime.datetime(2026, 10, 25, 0, 5, tzinfo=datetime.UTC)  # 2:05 CEST
    assert cadence.prochaine(premiere) == datetime.datetime(2026, 10, 25, 1, 5, tzinfo=datetime.UTC)
    assert cadence.prochaine(premiere).astimezone(PARIS).hour == 2  # 2:05 CET


def test_quotidienne_heure_de_paris_ete_comme_hiver():
    cadence = Quotidienne(0, 15)
    assert cadence.derniere(paris(2026, 12, 7, 0, 14)) == paris(2026, 12, 6, 0, 15)
    assert cadence.derniere(paris(2026, 12, 7, 0, 15)) == paris(2026, 12, 7, 0, 15)
    assert cadence.prochaine(paris(2026, 12, 7, 0, 15)) == paris(2026, 12, 8, 0, 15)
    # Summer time: 0:15 in Paris is 22:15 UTC the day before.
    assert cadence.derniere(paris(2026, 7, 1, 12)) == datetime.datetime(
        2026, 6, 30, 22, 15, tzinfo=datetime.UTC
    )
    # Across the March change (29 March 2026), still 3:30 Paris time each day.
    qualite = Quotidienne(3, 30)
    assert qualite.prochaine(paris(2026, 3, 28, 12)) == paris(2026, 3, 29, 3, 30)
    assert qualite.prochaine(paris(2026, 3, 29, 12)) == paris(2026, 3, 30, 3, 30)


def test_pas_de_tache_dans_l_heure_des_changements_d_heure():
    with pytest.raises(ValueError, match="2 h et 3 h"):
        Quotidienne(2, 30)


def test_hebdomadaire_le_lundi():
    cadence = Hebdomadaire(7, 15, jour=0)
    assert cadence.derniere(paris(2026, 12, 7, 7, 14)) == paris(2026, 11, 30, 7, 15)
    assert cadence.derniere(paris(2026, 12, 9, 18)) == paris(2026, 12, 7, 7, 15)
    assert cadence.prochaine(paris(2026, 12, 7, 7, 15)) == paris(2026, 12, 14, 7, 15)
    assert cadence.crontab == "15 7 * * 1"


def test_tout_est_du_au_premier_demarrage():
    assert dues({}, LUNDI.replace(hour=8)) == [
        "echeances",
        "clore_appels",
        "verifier_qualite",
        "relancer_demandes",
        "relancer_conventions",
        "purger_exports",
    ]


def test_ce_qui_est_du_au_fil_d_une_journee():
    # Everything ran on Sunday evening at 23:00.
    passages = {tache.commande: paris(2026, 12, 6, 23) for tache in planification.TACHES}
    assert dues(passages, paris(2026, 12, 6, 23, 4)) == []
    assert dues(passages, paris(2026, 12, 6, 23, 5)) == ["clore_appels"]
    assert dues(passages, paris(2026, 12, 7, 0, 14)) == ["clore_appels"]
    assert dues(passages, paris(2026, 12, 7, 0, 15)) == ["echeances", "clore_appels"]
    assert dues(passages, paris(2026, 12, 7, 3, 30)) == [
        "echeances",
        "clore_appels",
        "verifier_qualite",
    ]
    assert dues(passages, paris(2026, 12, 7, 7, 20)) == [
        "echeances",
        "clore_appels",
        "verifier_qualite",
        "relancer_demandes",
        "relancer_conventions",
        "purger_exports",
    ]
    # Tuesday: the weekly reminder is not due again.
    mardi = paris(2026, 12, 8, 7, 20)
    passages = {tache.commande: paris(2026, 12, 7, 7, 20) for tache in planification.TACHES}
    assert "relancer_conventions" not in dues(passages, mardi)
    assert "relancer_demandes" in dues(passages, mardi)


def test_un_jour_manque_se_rattrape_une_fois():
    """Stopped for three days: each daily task runs once at restart, not three times."""
    passages = {tache.commande: paris(2026, 12, 3, 23) for tache in planification.TACHES}
    executees = []
    planificateur = Planificateur(
        journal=JournalEnMemoire(passages),
        ecrire=lambda ligne: None,
        executer=lambda commande: executees.append(commande) or "",
        horloge=lambda: paris(2026, 12, 7, 9),
    )
    assert planificateur.tour() == 6
    assert executees == [
        "echeances",
        "clore_appels",
        "verifier_qualite",
        "relancer_demandes",
        "relancer_conventions",
        "purger_exports",
    ]
    assert planificateur.tour() == 0


class JournalEnMemoire(Journal):
    def __init__(self, passages=None):
        self.passages = dict(passages or {})

    def noter(self, commande, instant):
        self.passages[commande] = instant


class Horloge:
    def __init__(self, instant):
        self.instant = instant

    def __call__(self):
        return self.instant


def test_le_planificateur_lance_ce_qui_est_du_et_le_note(tmp_path):
    horloge = Horloge(paris(2026, 12, 7, 9, 0))
    executees, lignes = [], []
    chemin = tmp_path / "planificateur.json"

    def executer(commande):
        executees.append((commande, horloge()))
        return f"{commande} : rien à faire.\n"

    planificateur = Planificateur(Journal(chemin), lignes.append, executer, horloge)
    planificateur.tour()
    assert [commande for commande, _ in executees] == [t.commande for t in planification.TACHES]
    assert "07/12 09:00:00 echeances : conventions entrées en vigueur ou expirées, avenants " in (
        "\n".join(lignes)
    )
    assert "    echeances : rien à faire." in lignes
    assert re.search(r"^echeances : terminée en \d+,\d s$", "\n".join(lignes), re.M)

    # Same minute, then 9:04: nothing; 9:05: the hourly closing of calls only.
    executees.clear()
    horloge.instant = paris(2026, 12, 7, 9, 4)
    assert planificateur.tour() == 0
    horloge.instant = paris(2026, 12, 7, 9, 5)
    assert planificateur.tour() == 1
    assert executees == [("clore_appels", paris(2026, 12, 7, 9, 5))]

    # A restart reads the journal: at 10:00 nothing is due, at 10:05 the hourly task only.
    relu = Journal(chemin)
    assert relu.passages["clore_appels"] == paris(2026, 12, 7, 9, 5)
    assert json.loads(chemin.read_text())["echeances"] == "2026-12-07T09:00:00+01:00"
    executees.clear()
    redemarre = Planificateur(relu, lignes.append, executer, Horloge(paris(2026, 12, 7, 10)))
    assert redemarre.tour() == 0
    redemarre.horloge = Horloge(paris(2026, 12, 7, 10, 5))
    assert redemarre.tour() == 1


def test_une_tache_en_echec_est_reessayee_dix_minutes_plus_tard():
    horloge = Horloge(paris(2026, 12, 7, 9, 5))
    passages = {tache.commande: horloge() for tache in planification.TACHES}
    passages["clore_appels"] = paris(2026, 12, 7, 8, 5)
    lignes, essais = [], []

    def executer(commande):
        essais.append(horloge())
        if len(essais) == 1:
            raise RuntimeError("base indisponible")
        return ""

    planificateur = Planificateur(JournalEnMemoire(passages), lignes.append, executer, horloge)
    assert planificateur.tour() == 1
    assert "clore_appels : échec (base indisponible) ; nouvel essai à 07/12 09:15:00" in lignes
    horloge.instant = paris(2026, 12, 7, 9, 14)
    assert planificateur.tour() == 0
    horloge.instant = paris(2026, 12, 7, 9, 15)
    assert planificateur.tour() == 1
    assert planificateur.journal.passages["clore_appels"] == paris(2026, 12, 7, 9, 15)


def test_apres_un_echec_le_planificateur_se_reveille_pour_le_nouvel_essai():
    """Asleep until the next slot (10:05) it would miss the retry at 9:15: it wakes for it."""
    horloge = Horloge(paris(2026, 12, 7, 9, 5))
    passages = {tache.commande: horloge() for tache in planification.TACHES}
    passages["clore_appels"] = paris(2026, 12, 7, 8, 5)
    essais = []
    planificateur = None

    def executer(commande):
        essais.append(horloge())
        if len(essais) == 1:
            raise RuntimeError("base indisponible")
        planificateur.arreter()
        return ""

    def attendre(secondes):  # the clock moves instead of sleeping
        horloge.instant += datetime.timedelta(seconds=secondes)

    planificateur = Planificateur(
        JournalEnMemoire(passages), lambda ligne: None, executer, horloge, attendre=attendre
    )
    planificateur.tourner()
    assert essais == [paris(2026, 12, 7, 9, 5), paris(2026, 12, 7, 9, 15)]


def test_un_journal_illisible_rend_tout_du(tmp_path):
    chemin = tmp_path / "planificateur.json"
    chemin.write_text("{pas du json", encoding="utf-8")
    assert Journal(chemin).passages == {}
    assert len(dues(Journal(chemin).passages, LUNDI)) == len(planification.TACHES)


def test_arret_pendant_une_tache_termine_la_tache_et_n_en_lance_pas_d_autre():
    lignes, executees = [], []
    planificateur = None

    def executer(commande):
        executees.append(commande)
        planificateur.arreter()  # Ctrl-C while the first task runs
        return ""

    planificateur = Planificateur(
        JournalEnMemoire(), lignes.append, executer, Horloge(paris(2026, 12, 7, 9))
    )
    planificateur.tourner()
    assert executees == ["echeances"]
    assert planificateur.journal.passages.keys() == {"echeances"}
    assert (
        "arrêt demandé : fin de « echeances » en cours, puis arrêt "
        "(Ctrl-C de nouveau pour l'interrompre)."
    ) in lignes
    assert lignes[-1] == "arrêté."


def test_un_seul_planificateur_par_journal(tmp_path):
    chemin = tmp_path / "planificateur.json"
    with (
        planification.verrou_exclusif(chemin),
        pytest.raises(planification.DejaLance, match="Un autre planificateur tourne déjà"),
        planification.verrou_exclusif(chemin),
    ):
        pass


def test_la_crontab_du_readme_est_celle_du_planificateur(capsys):
    call_command("planificateur", "--crontab")
    crontab = capsys.readouterr().out
    assert crontab == planification.crontab()
    assert "\n15 0 * * *     /srv/parc-hebergement/scripts/tache_planifiee.sh echeances " in crontab
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    assert f"```crontab\n{crontab}```" in readme
