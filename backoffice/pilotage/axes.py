"""The two time axes of every figure (docs/pilotage.md, « Deux axes »): « en vigueur au D » (what
was in effect on D, as the base knows it at K) and « connu au K » (what the base had recorded by
the end of K; absent: now). Read once from the request, carried by every link of the page, so a
figure and the list behind it always answer the same question."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils import timezone

from .indicateurs import lecture_du_jour


@dataclass(frozen=True)
class Axes:
    date: datetime.date | None = None  # « en vigueur au » (None: today)
    connu_au: datetime.date | None = None  # « connu au » (None: now)

    @property
    def jour(self):
        return self.date or timezone.localdate()

    @property
    def du_jour(self):
        """Today as known now: the live tables answer."""
        return lecture_du_jour(self.date, self.connu_au)

    def parametres(self):
        """The GET parameters that say these axes (none for today as known now)."""
        return {
            nom: valeur.isoformat()
            for nom, valeur in (("date", self.date), ("connu_au", self.connu_au))
            if valeur
        }

    def requete(self):
        """ "?date=…&connu_au=…", or "" for today as known now."""
        parametres = self.parametres()
        return f"?{urlencode(parametres)}" if parametres else ""

    def cle(self):
        return (self.date, self.connu_au)

    def libelle(self):
        """« au 16/11/2025 » and, when asked, « selon la base au 20/11/2025 »."""
        texte = f"au {self.jour:%d/%m/%Y}"
        if self.connu_au:
            texte += f", selon la base au {self.connu_au:%d/%m/%Y}"
        return texte


MESSAGES = {
    "date": (
        "Date invalide : utilisez le format JJ/MM/AAAA.",
        "La date ne peut pas être dans le futur : chiffres du jour affichés.",
        "Date trop ancienne : chiffres du jour affichés.",
    ),
    "connu_au": (
        "Date de connaissance invalide : utilisez le format JJ/MM/AAAA.",
        "La date de connaissance ne peut pas être dans le futur : "
        "chiffres tels que connus aujourd'hui.",
        "Date de connaissance trop ancienne : chiffres tels que connus aujourd'hui.",
    ),
}


def _lire(valeur, nom):
    """(date or None, French error or None) for one GET parameter."""
    invalide, future, ancienne = MESSAGES[nom]
    if not valeur:
        return None, None
    try:
        date = datetime.date.fromisoformat(valeur)
    except ValueError:
        return None, invalide
    if date > timezone.localdate():
        return None, future
    if date.year < 2000:
        return None, ancienne
    return date, None


def lire_axes(donnees):
    """(Axes, French error or None) from GET data. Today for either axis means « now »."""
    aujourdhui = timezone.localdate()
    date, erreur_date = _lire(donnees.get("date", ""), "date")
    connu_au, erreur_connu = _lire(donnees.get("connu_au", ""), "connu_au")
    if date == aujourdhui:
        date = None
    if connu_au == aujourdhui:
        connu_au = None
    return Axes(date, connu_au), erreur_date or erreur_connu
