"""The demo offer's entités: national operators, the local ones per département, and which
entité runs a new dispositif."""

import itertools

from backoffice.offre.models import (
    ContactReferent,
    EntiteGestionnaire,
)

from . import noms
from .profils import (
    PART_OPERATEURS,
    PROFILS_OPERATEURS,
)


class Entites:
    """Part of the generator (generateur.Generateur): the entités."""

    def entite(self, raison_sociale, statut, departement, commune=None):
        commune, code_postal = commune or self.commune(departement, chef_lieu=0.8)
        raison_sociale = self.nom_unique(raison_sociale, departement)
        entite = EntiteGestionnaire(
            raison_sociale=raison_sociale,
            statut_juridique=statut,
            siren=self.siren(),
            adresse=self.adresse(),
            code_postal=code_postal,
            commune=commune,
            departement_id=departement,
            telephone=self.telephone(departement),
            courriel=f"contact@{self.slug(raison_sociale)}.example.org",
            convention_collective=self.rng.choice(
                [
                    "",
                    "CCN 1951 (FEHAP)",
                    "CCN 1966",
                    "Accords CHRS",
                    "CCN des acteurs du lien social",
                ]
            ),
        )
        entite._nic = 10  # next establishment number (SIRET)
        entite._dispositifs = []
        if self.rng.random() < 0.6:
            nb_contacts = 1 if self.rng.random() < 0.7 else 2
            for role in ("gestionnaire", "administratif")[:nb_contacts]:
                nom = self.personne()
                self.jeu.contacts.append(
                    ContactReferent(
                        entite=entite,
                        role=role,
                        nom=nom,
                        courriel=f"{self.slug(nom)}@{self.slug(raison_sociale)}.example.org",
                        telephone=self.telephone(departement),
                    )
                )
        return entite

    def nom_local(self, departement, commune):
        tirage = self.rng.random()
        de_ville = noms.de(commune)
        if tirage < 0.45:
            a, b = self.rng.sample(noms.MOTS_ASSOCIATIFS, 2)
            return f"Association {a} et {b} {de_ville}", "association"
        if tirage < 0.6:
            return f"{self.rng.choice(noms.LIEUX)} – {commune}", "association"
        if tirage < 0.7:
            return f"CCAS {de_ville}", "collectivite"
        if tirage < 0.78:
            return f"{commune} Habitat Jeunes", "association"
        if tirage < 0.85:
            return f"SA d'HLM {commune} Habitat", "sa_hlm"
        if tirage < 0.9:
            return f"Fondation {self.rng.choice(noms.NOMS)} pour le logement", "fondation"
        if tirage < 0.95:
            return f"Hôtellerie sociale {self.rng.choice(noms.LIEUX)}", "societe"
        return (
            f"Entraide {self.rng.choice(noms.MOTS_ASSOCIATIFS).lower()} {de_ville}",
            "association",
        )

    def creer_entites(self, par_departement):
        echelle = self.echelle
        operateurs = [
            o for o in noms.OPERATEURS if o[2] in self.departements or not echelle.departements
        ][: echelle.operateurs]
        for raison_sociale, statut, siege, profil in operateurs:
            entite = self.entite(raison_sociale, statut, siege)
            entite._profil = profil
            self.jeu.operateurs.append(entite)
        # Local entités, in proportion to each département's dispositifs (at least one each).
        nb_locales = echelle.entites - len(operateurs)
        total = sum(par_departement.values())
        self.locales = {}
        for departement in self.departements:
            nombre = max(1, round(nb_locales * par_departement[departement] / total))
            liste = []
            for index in range(nombre):
                if departement == "44" and index == 0:
                    raison, statut = "Association Accueil et Solidarité de Nantes", "association"
                    commune = ("Nantes", "44000")
                else:
                    commune = self.commune(departement, chef_lieu=0.5)
                    raison, statut = self.nom_local(departement, commune[0])
                liste.append(self.entite(raison, statut, departement, commune))
            self.locales[departement] = liste
            self.jeu.entites += liste
        # A few regional branches of the national operators (groups and subsidiaries).
        for operateur in self.jeu.operateurs[: max(1, len(self.jeu.operateurs) // 3)]:
            departement = self.rng.choice(self.departements)
            filiale = self.entite(
                f"{operateur.raison_sociale} – antenne {noms.de(self.communes[departement][0][0])}",
                operateur.statut_juridique,
                departement,
            )
            filiale.parent = operateur
            filiale._profil = operateur._profil
            self.jeu.entites.append(filiale)
            self.locales[departement].append(filiale)

    def choisir_entite(self, departement, type_dispositif):
        nature = type_dispositif.nature_id
        if self.rng.random() < PART_OPERATEURS.get(nature, 0.1):
            candidats = [o for o in self.jeu.operateurs if nature in PROFILS_OPERATEURS[o._profil]]
            if candidats:
                return self.rng.choices(
                    candidats, weights=[len(candidats) - i for i in range(len(candidats))]
                )[0]
        locales = self.locales[departement]
        # Every local entité runs at least one dispositif, then a few run many (Zipf-like).
        suivante = self.prochaine_locale.get(departement, 0)
        if suivante < len(locales):
            self.prochaine_locale[departement] = suivante + 1
            return locales[suivante]
        return self.rng.choices(locales, cum_weights=self.poids_locales(len(locales)))[0]

    def poids_locales(self, n):
        if n not in self.poids_cumules:
            # The first entité of each département is its big local association.
            poids = [3.0] + [1 / (i + 1) ** 0.8 for i in range(1, n)]
            self.poids_cumules[n] = list(itertools.accumulate(poids))
        return self.poids_cumules[n]
