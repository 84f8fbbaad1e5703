"""Builds the demo offer in memory (unsaved model instances), deterministically from a seed.

Everything random goes through one `random.Random(seed)`, the offer's dates are relative to a
reference year (the current exercice), the conventions' periods to the reference day (some must
end within 3 and 6 months of it) and the monthly occupancy to its month (the twelve months
before it): two runs with the same seed on the same day give the same codes, SIRENs, places,
conventions and occupancy. Saving is the command's job (`seed_demo`), which bulk-inserts what is
built here.
"""

import random
from dataclasses import dataclass, field

from . import noms
from .conventionnement import Conventionneur, ParcConventionne
from .dispositifs import Dispositifs
from .entites import Entites
from .identites import Identites
from .occupation import Occupations
from .profils import PROFILS_TYPES

# ---------------------------------------------------------------------------------------------
# The generated data set
# ---------------------------------------------------------------------------------------------


@dataclass
class JeuDemo:
    operateurs: list = field(default_factory=list)  # entités without parent
    entites: list = field(default_factory=list)  # every other entité (filiales last)
    contacts: list = field(default_factory=list)
    dispositifs: list = field(default_factory=list)
    fermetures: list = field(default_factory=list)  # (dispositif, date de fermeture)
    publics: list = field(default_factory=list)  # (dispositif, code du public spécifique)
    groupes: list = field(default_factory=list)
    financements: list = field(default_factory=list)
    compteurs: dict = field(default_factory=dict)  # département → dernier numéro
    entite_vitrine: object = None  # the 44 entité given to the demo gestionnaire
    parc: ParcConventionne = field(default_factory=ParcConventionne)  # conventions in force
    occupations: list = field(default_factory=list)  # DN@ monthly occupancy (asylum park)

    @property
    def toutes_entites(self):
        return self.operateurs + self.entites


class Generateur(Identites, Entites, Dispositifs, Occupations):
    def __init__(
        self,
        echelle,
        seed,
        exercice,
        *,
        aujourdhui,
        types,
        departements,
        regions,
        programmes,
        publics,
        premiers_numeros=None,
        sirens_pris=(),
    ):
        """`aujourdhui`: the reference day of the conventions' periods (in `exercice`),
        `types`: {code: TypeDispositif} (with nature), `departements`: ordered codes,
        `regions`: {département: région}, `programmes`: {code: Programme}, `publics`: codes,
        `premiers_numeros`: {département: last code number already used}, `sirens_pris`:
        SIRENs of entités already in the database (never drawn again)."""
        self.echelle = echelle
        self.rng = random.Random(seed)
        self.annee = exercice
        self.aujourdhui = aujourdhui
        self.types = {code: types[code] for code in PROFILS_TYPES if code in types}
        # Départements without a commune list (none today: the COG's 101 are all there) are
        # left out rather than given made-up places.
        self.departements = [d for d in echelle.departements or departements if d in noms.COMMUNES]
        self.regions = regions
        self.programmes = programmes
        self.publics = list(publics)
        self.premiers_numeros = premiers_numeros or {}
        self.sirens = set(sirens_pris)
        self.finess = set()
        self.noms_entites = set()
        self.communes = {dep: noms.communes(dep) for dep in self.departements}
        self.jeu = JeuDemo()
        self.prochaine_locale = {}
        self.poids_cumules = {}

    def repartition(self):
        """Number of dispositifs per département (largest remainder on population weights)."""
        echelle = self.echelle
        if echelle.repartition:
            return {dep: echelle.repartition[dep] for dep in self.departements}
        poids = {
            dep: noms.population(dep) * noms.SURPOIDS.get(dep, 1.0) for dep in self.departements
        }
        total = sum(poids.values())
        parts = {dep: echelle.dispositifs * p / total for dep, p in poids.items()}
        resultat = {dep: int(part) for dep, part in parts.items()}
        reste = echelle.dispositifs - sum(resultat.values())
        for dep in sorted(parts, key=lambda d: (resultat[d] - parts[d], d))[:reste]:
            resultat[dep] += 1
        return resultat

    def generer(self):
        par_departement = self.repartition()
        self.creer_entites(par_departement)
        colonne = 0 if self.echelle.poids == "national" else 1
        codes = list(self.types)
        poids = [PROFILS_TYPES[code][colonne] for code in codes]
        for departement in self.departements:
            numero = self.premiers_numeros.get(departement, 0)
            for _ in range(par_departement[departement]):
                numero += 1
                type_dispositif = self.types[self.rng.choices(codes, weights=poids)[0]]
                self.dispositif(departement, numero, type_dispositif)
            self.jeu.compteurs[departement] = numero
        self.vitrine()
        self.anomalies()
        vitrine = [d for d in self.jeu.entite_vitrine._dispositifs if not d._fermeture]
        self.jeu.parc = Conventionneur(
            self.jeu, self.rng, self.aujourdhui, obligatoires=vitrine
        ).conventionner()
        self.occupations()
        return self.jeu

    def vitrine(self):
        """The entité of the demo gestionnaire: « Association Accueil et Solidarité de Nantes »,
        the first local entité of the 44, which runs several dispositifs."""
        locales = self.locales.get("44") or [e for e in self.jeu.entites if e.parent is None]
        self.jeu.entite_vitrine = locales[0]

    def anomalies(self):
        """Deliberate data errors, for the checks and dashboards to find."""
        # Places financées above places autorisées (current exercice).
        autorises = [d for d in self.jeu.dispositifs if d.places_autorisees and not d._fermeture]
        cibles = {
            id(d) for d in self.rng.sample(autorises, min(self.echelle.anomalies, len(autorises)))
        }
        for financement in self.jeu.financements:
            if (
                id(financement.dispositif) in cibles
                and financement.exercice == self.annee
                and (financement.places_financees)
            ):
                financement.places_financees = financement.dispositif.places_autorisees + (
                    self.rng.randint(5, 15)
                )
                cibles.discard(id(financement.dispositif))
        # A SIRET that belongs to another entité (a warning on the dispositif page).
        avec_siret = [d for d in self.jeu.dispositifs if d.siret]
        if len(self.jeu.toutes_entites) > 1 and avec_siret:
            dispositif = self.rng.choice(avec_siret)
            autre = next(e for e in self.jeu.toutes_entites if e is not dispositif.entite)
            dispositif.siret = self.siret(autre.siren, 9999)
