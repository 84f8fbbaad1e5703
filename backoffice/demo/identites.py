"""Identities of the demo offer: dates, SIRENs and SIRETs, phones, addresses, people, communes,
unique names and slugs, all drawn from the generator's one random source."""

import datetime

from stdnum import luhn

from . import noms
from .profils import (
    INDICATIFS_OUTRE_MER,
    INDICATIFS_REGION,
)


class Identites:
    """Part of the generator (generateur.Generateur): drawing identities."""

    def date(self, premiere_annee, derniere_annee):
        annee = self.rng.randint(premiere_annee, derniere_annee)
        debut = datetime.date(annee, 1, 1)
        return debut + datetime.timedelta(days=self.rng.randrange(365))

    def siren(self):
        while True:
            base = f"{self.rng.choice('3456789')}{self.rng.randrange(10**7):07d}"
            siren = base + luhn.calc_check_digit(base)
            if siren not in self.sirens:
                self.sirens.add(siren)
                return siren

    @staticmethod
    def siret(siren, nic):
        base = f"{siren}{nic:04d}"
        return base + luhn.calc_check_digit(base)

    def telephone(self, departement):
        indicatif = INDICATIFS_OUTRE_MER.get(departement) or INDICATIFS_REGION.get(
            self.regions.get(departement), "09"
        )
        chiffres = "".join(str(self.rng.randrange(10)) for _ in range(10 - len(indicatif)))
        numero = indicatif + chiffres
        return " ".join(numero[i : i + 2] for i in range(0, 10, 2))

    def adresse(self):
        return f"{self.rng.randint(1, 180)} {self.rng.choice(noms.VOIES)}"

    def personne(self):
        return f"{self.rng.choice(noms.PRENOMS)} {self.rng.choice(noms.NOMS)}"

    def commune(self, departement, chef_lieu=0.5):
        liste = self.communes[departement]
        if self.rng.random() < chef_lieu:
            chef = [c for c in liste if c[0] == liste[0][0]]
            return self.rng.choice(chef)
        return self.rng.choice(liste)

    def nom_unique(self, nom, departement):
        if nom in self.noms_entites:
            nom = f"{nom} ({departement})"
        suffixe = 2
        base = nom
        while nom in self.noms_entites:
            nom = f"{base} {suffixe}"
            suffixe += 1
        self.noms_entites.add(nom)
        return nom

    @staticmethod
    def slug(texte, longueur=40):
        """ASCII words joined by hyphens (e-mail addresses): « Accueil d'Été » → accueil-d-ete."""
        table = str.maketrans("àâäéèêëîïôöùûüçœ", "aaaeeeeiioouuuco")
        texte = texte.lower().translate(table)
        mots = "".join(c if c.isascii() and c.isalnum() else " " for c in texte).split()
        return "-".join(mots)[:longueur].strip("-")
