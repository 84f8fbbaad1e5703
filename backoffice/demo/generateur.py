"""Builds the demo offer in memory (unsaved model instances), deterministically from a seed.

Everything random goes through one `random.Random(seed)`, the offer's dates are relative to a
reference year (the current exercice) and the conventions' periods to the reference day (some
must end within 3 and 6 months of it): two runs with the same seed on the same day give the same
codes, SIRENs, places and conventions. Saving is the command's job (`seed_demo`), which
bulk-inserts what is built here.
"""

import datetime
import itertools
import random
from dataclasses import dataclass, field
from decimal import Decimal

from stdnum import luhn

from backoffice.offre.models import (
    ContactReferent,
    Dispositif,
    EntiteGestionnaire,
    Financement,
    GroupeDePlaces,
    jours_exercice,
)

from . import noms
from .conventionnement import Conventionneur, ParcConventionne

# ---------------------------------------------------------------------------------------------
# Scales
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Echelle:
    departements: tuple  # codes; empty = every département of the database
    dispositifs: int
    entites: int  # national operators included
    operateurs: int
    poids: str  # which weight column of PROFILS_TYPES
    anomalies: int  # dispositifs with places financées > places autorisées
    # Fixed share of dispositifs per département (small); otherwise by population.
    repartition: dict = field(default_factory=dict)


ECHELLES = {
    # `make run`: four départements (44 and 49 share the région 52), ~40 entités, ~300 dispositifs.
    "small": Echelle(
        departements=("44", "49", "75", "13"),
        dispositifs=300,
        entites=40,
        operateurs=4,
        poids="small",
        anomalies=2,
        repartition={"44": 85, "49": 50, "75": 95, "13": 70},
    ),
    # Hidden, for the tests: same shape, a tenth of the size.
    "tiny": Echelle(
        departements=("44", "49", "75", "13"),
        dispositifs=40,
        entites=12,
        operateurs=2,
        poids="small",
        anomalies=2,
        repartition={"44": 14, "49": 6, "75": 12, "13": 8},
    ),
    # The whole country, at about the size of the real park (≈ 330,000 places).
    "national": Echelle(
        departements=(),
        dispositifs=12_000,
        entites=3_000,
        operateurs=12,
        poids="national",
        anomalies=40,
    ),
}

# ---------------------------------------------------------------------------------------------
# Types: weights, sizes, publics, funding
# ---------------------------------------------------------------------------------------------

# code: (national weight, small weight, mean capacity (0 = no places), modes, publics)
PROFILS_TYPES = {
    "CADA": (6.0, 14, 78, "diffus collectif mixte", "familles tout_public"),
    "HUDA": (8.0, 14, 62, "collectif diffus", "isoles tout_public familles"),
    "CAES": (1.2, 4, 70, "collectif", "tout_public isoles"),
    "CPH": (2.0, 5, 46, "diffus mixte", "tout_public familles jeunes"),
    "PRAHDA": (0.8, 3, 80, "collectif", "isoles"),
    "HEB_CHRS": (7.0, 8, 48, "collectif diffus mixte", "tout_public isoles femmes familles"),
    "HEB_HORS_CHRS": (8.0, 6, 34, "collectif", "tout_public isoles familles"),
    "HEB_HOTEL": (5.0, 6, 52, "diffus", "familles tout_public"),
    "HEB_RHVS": (1.0, 1, 30, "collectif", "tout_public"),
    "HEB_MEDICO": (3.0, 2, 16, "collectif", "tout_public isoles"),
    "HEB_AUTRES": (1.0, 1, 40, "collectif", "tout_public"),
    "RS_PENSION": (8.0, 5, 22, "collectif", "isoles"),
    "RS_ACCUEIL": (3.0, 2, 22, "collectif", "isoles"),
    "RS_FJT": (4.0, 2, 50, "collectif", "jeunes"),
    "RS_FTM": (2.0, 1, 90, "collectif", "isoles"),
    "RS_CLASSIQUE": (5.0, 2, 40, "collectif", "tout_public isoles"),
    "RS_INCLUSIF": (1.0, 1, 9, "collectif", "tout_public"),
    "IML_SOUS_LOC": (6.0, 3, 22, "diffus", "familles tout_public"),
    "IML_MANDAT": (3.0, 1, 16, "diffus", "tout_public"),
    "IML_CHEZ_SOI": (1.0, 1, 50, "diffus", "isoles"),
    "VS_MARAUDE": (4.0, 3, 0, "", "tout_public"),
    "VS_ACCUEIL_JOUR": (4.0, 3, 20, "", "tout_public femmes"),
    "VS_HALTE_NUIT": (1.0, 1, 18, "collectif", "tout_public isoles"),
    "VS_SAO": (1.0, 1, 0, "", "tout_public"),
    "VS_ALIMENTAIRE": (2.0, 1, 0, "", "tout_public"),
    "ACC_AVDL": (2.0, 1, 24, "", "tout_public"),
    "ACC_ASLL": (2.0, 1, 20, "", "tout_public"),
    "ACC_PASH": (0.5, 0.5, 16, "", "tout_public"),
    "ACC_HLM_CHRS": (0.5, 0.5, 14, "", "tout_public"),
    "ACC_EMPLOI": (1.0, 0.5, 18, "", "jeunes tout_public"),
    "ACC_AUTRE": (1.0, 0.5, 15, "", "tout_public"),
    "PA_DNA": (2.0, 3, 0, "", "tout_public"),
    "PA_AGIR": (1.0, 1, 0, "", "tout_public"),
    "PA_PEX": (0.8, 1, 0, "", "tout_public"),
    "PA_SECTEUR": (2.0, 1, 0, "", "tout_public"),
    "PA_SANTE": (1.0, 1, 0, "", "tout_public"),
    "PA_SPIP": (0.7, 0.5, 0, "", "tout_public"),
    "PA_EMPLOI": (0.7, 0.5, 0, "", "tout_public"),
    "PA_AUTRE": (0.8, 0.5, 0, "", "tout_public"),
}

# How a dispositif's name starts.
PREFIXES_NOMS = {
    "HEB_CHRS": "CHRS",
    "HEB_HORS_CHRS": "Centre d'hébergement",
    "HEB_HOTEL": "Nuitées hôtelières",
    "HEB_RHVS": "RHVS",
    "HEB_MEDICO": "LHSS",
    "HEB_AUTRES": "Hébergement temporaire",
    "RS_PENSION": "Pension de famille",
    "RS_ACCUEIL": "Résidence accueil",
    "RS_FJT": "Foyer de jeunes travailleurs",
    "RS_FTM": "Foyer de travailleurs migrants",
    "RS_CLASSIQUE": "Résidence sociale",
    "RS_INCLUSIF": "Habitat inclusif",
    "IML_SOUS_LOC": "Intermédiation locative",
    "IML_MANDAT": "Mandat de gestion",
    "IML_CHEZ_SOI": "Un chez-soi d'abord",
    "VS_MARAUDE": "Maraude",
    "VS_ACCUEIL_JOUR": "Accueil de jour",
    "VS_HALTE_NUIT": "Halte de nuit",
    "VS_SAO": "Service d'accueil et d'orientation",
    "VS_ALIMENTAIRE": "Aide alimentaire",
    "ACC_AVDL": "AVDL",
    "ACC_ASLL": "ASLL",
    "ACC_PASH": "PASH",
    "ACC_HLM_CHRS": "Accompagnement HLM",
    "ACC_EMPLOI": "Accompagnement vers l'emploi",
    "ACC_AUTRE": "Accompagnement",
    "PA_DNA": "Plateforme de premier accueil",
    "PA_AGIR": "Premier accueil AGIR",
    "PA_PEX": "Point d'accueil PEX",
    "PA_SECTEUR": "Accueil de secteur",
    "PA_SANTE": "Accueil santé",
    "PA_SPIP": "Accueil SPIP",
    "PA_EMPLOI": "Accueil emploi",
    "PA_AUTRE": "Accueil bénévole",
}

# Which natures national operators run, per profile, and how often a dispositif of a nature goes
# to a national operator rather than a local entité.
PROFILS_OPERATEURS = {
    "asile": {"DNA"},
    "asile_logement": {"DNA", "LOG_RS", "LOG_IML"},
    "logement": {"LOG_RS", "LOG_IML", "DNA"},
    "ahi": {"HEB", "VEILLE", "LOG_RS", "LOG_IML", "ACCOMP"},
    "mixte": {"DNA", "HEB", "VEILLE", "LOG_RS", "ACCOMP", "PREMIER_ACCUEIL"},
}
PART_OPERATEURS = {
    "DNA": 0.6,
    "LOG_RS": 0.3,
    "LOG_IML": 0.2,
    "HEB": 0.2,
    "VEILLE": 0.1,
    "ACCOMP": 0.1,
    "PREMIER_ACCUEIL": 0.1,
}

# Daily cost per place (€) of the types without a reference cost in the nomenclature.
COUTS_JOURNALIERS = {
    "HEB_CHRS": 48,
    "HEB_HORS_CHRS": 30,
    "HEB_HOTEL": 22,
    "HEB_RHVS": 18,
    "HEB_MEDICO": 110,
    "HEB_AUTRES": 25,
    "RS_PENSION": 18,
    "RS_ACCUEIL": 19,
    "RS_FJT": 6,
    "RS_FTM": 4,
    "RS_CLASSIQUE": 4,
    "RS_INCLUSIF": 10,
    "IML_SOUS_LOC": 9,
    "IML_MANDAT": 6,
    "IML_CHEZ_SOI": 38,
    "VS_ACCUEIL_JOUR": 8,
    "VS_HALTE_NUIT": 30,
}
ORIENTATIONS = {
    "DNA": "ofii",
    "HEB_HOTEL": "siao_115",
    "HEB_HORS_CHRS": "siao_115",
    "HEB_AUTRES": "siao_115",
    "VS_HALTE_NUIT": "siao_115",
    "HEB_CHRS": "siao_insertion",
    "RS_PENSION": "siao_insertion",
    "RS_ACCUEIL": "siao_insertion",
    "LOG_IML": "siao_insertion",
}
# Authorised types that may record places autorisées (CADA and CPH must).
TYPES_AUTORISES = {"CADA", "CPH", "HEB_CHRS", "HEB_MEDICO"}
TYPES_FINESS = {"CADA": 0.97, "CPH": 0.95, "HEB_CHRS": 0.9, "HEB_MEDICO": 0.9, "HUDA": 0.1}
AUTORISATION_ANS = 15  # CASF L313-1: an authorisation runs 15 years, then is renewed
# Types whose places are not places (maraudes, SAO…): no groupe de places.
SANS_GROUPES = {"VS_MARAUDE", "VS_SAO", "VS_ALIMENTAIRE"}

INDICATIFS_REGION = {
    "11": "01",
    "24": "02",
    "28": "02",
    "52": "02",
    "53": "02",
    "27": "03",
    "32": "03",
    "44": "03",
    "84": "04",
    "93": "04",
    "94": "04",
    "75": "05",
    "76": "05",
}
INDICATIFS_OUTRE_MER = {"971": "0590", "972": "0596", "973": "0594", "974": "0262", "976": "0269"}

LIBELLES_COLLECTIF = [
    "Bâtiment principal",
    "Aile A",
    "Aile B",
    "Chambres familles",
    "Chambres personnes isolées",
    "Studios",
    "Unité de vie",
]


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

    @property
    def toutes_entites(self):
        return self.operateurs + self.entites


class Generateur:
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

    # -- small helpers ---------------------------------------------------------------------

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

    # -- entités ---------------------------------------------------------------------------

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

    # -- dispositifs -------------------------------------------------------------------------

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
        return self.jeu

    def dispositif(self, departement, numero, type_dispositif):
        rng = self.rng
        code_type = type_dispositif.code
        _, _, capacite_moyenne, modes, publics = PROFILS_TYPES[code_type]
        entite = self.choisir_entite(departement, type_dispositif)
        commune, code_postal = self.commune(departement)
        prefixe = PREFIXES_NOMS.get(code_type, code_type)
        if code_type in {"VS_MARAUDE", "IML_SOUS_LOC", "IML_MANDAT", "HEB_HOTEL"} or (
            type_dispositif.nature_id == "PREMIER_ACCUEIL" and rng.random() < 0.5
        ):
            nom = f"{prefixe} {noms.de(commune)}"
        else:
            nom = f"{prefixe} {rng.choice(noms.LIEUX)}"
            if rng.random() < 0.4:
                nom += f" – {commune}"
        ouverture = self.date(self.annee - 25, self.annee - 1)
        if rng.random() < 0.15:
            ouverture = self.date(self.annee - 3, self.annee - 1)  # recent openings
        sans_places = type_dispositif.nature.sans_places or capacite_moyenne == 0
        capacite = 0
        if not sans_places:
            capacite = max(3, round(rng.lognormvariate(0, 0.5) * capacite_moyenne * 0.73))
        dispositif = Dispositif(
            code=f"{departement}-{numero:05d}",
            nom=nom,
            entite=entite,
            type=type_dispositif,
            departement_id=departement,
            adresse=self.adresse(),
            code_postal=code_postal,
            commune=commune,
            public=rng.choice(publics.split()),
            mode_hebergement=rng.choice(modes.split()) if modes else "",
            date_ouverture=ouverture,
            telephone=self.telephone(departement) if rng.random() < 0.8 else "",
            courriel=f"{self.slug(prefixe, 20)}-{numero}@{self.slug(entite.raison_sociale, 30)}"
            ".example.org"
            if rng.random() < 0.6
            else "",
            responsable=self.personne() if rng.random() < 0.7 else "",
            horaires="Du lundi au vendredi, 9 h – 17 h"
            if type_dispositif.nature_id in {"VEILLE", "PREMIER_ACCUEIL"}
            else "",
        )
        if rng.random() < 0.3:
            dispositif.reference_locale = f"REF-{departement}-{numero:04d}"
        if rng.random() < 0.6:
            entite._nic += rng.randint(1, 9)
            dispositif.siret = self.siret(entite.siren, entite._nic)
        if rng.random() < TYPES_FINESS.get(code_type, 0):
            dispositif.finess = self.numero_finess(departement)
        if type_dispositif.nature_id == "DNA" and rng.random() < 0.95:
            dispositif.code_dna = f"{code_type}-{departement}-{numero:05d}"
        if code_type in TYPES_AUTORISES and (
            type_dispositif.places_autorisees_requises or rng.random() < 0.7
        ):
            dispositif.places_autorisees = capacite
            dispositif.date_autorisation = ouverture - datetime.timedelta(days=rng.randint(30, 300))
            # Authorised for 15 years, renewed since as long as it runs (an authorisation that
            # lapsed this year is one of the anomalies the quality check finds).
            debut = dispositif.date_autorisation
            while True:
                fin = datetime.date(
                    debut.year + AUTORISATION_ANS, debut.month, min(debut.day, 28)
                ) - datetime.timedelta(days=1)
                if fin.year >= self.annee:
                    break
                debut = fin + datetime.timedelta(days=1)
            dispositif.date_fin_autorisation = fin
            if rng.random() < 0.4:
                dispositif.places_pmr = min(capacite, rng.randint(1, 6))
        # Some dispositifs closed during the last two exercices.
        fermeture = None
        if rng.random() < 0.04:
            fermeture = self.date(self.annee - 2, self.annee - 1)
            if fermeture < ouverture:
                fermeture = ouverture + datetime.timedelta(days=rng.randint(30, 200))
            if fermeture.year >= self.annee:
                fermeture = None
            else:
                self.jeu.fermetures.append((dispositif, fermeture))
        dispositif._capacite = capacite
        dispositif._fermeture = fermeture
        entite._dispositifs.append(dispositif)
        self.jeu.dispositifs.append(dispositif)
        if rng.random() < 0.15 and self.publics:
            for code in rng.sample(self.publics, rng.randint(1, 2)):
                self.jeu.publics.append((dispositif, code))
        groupes = []
        if not sans_places and code_type not in SANS_GROUPES:
            groupes = self.groupes(dispositif, capacite)
        self.financements(dispositif, groupes)

    def numero_finess(self, departement):
        while True:
            numero = departement + "".join(
                str(self.rng.randrange(10)) for _ in range(9 - len(departement))
            )
            if numero not in self.finess:
                self.finess.add(numero)
                return numero

    def groupes(self, dispositif, capacite):
        rng = self.rng
        mode = dispositif.mode_hebergement
        nombre = {"diffus": rng.randint(2, 6), "mixte": rng.randint(2, 5)}.get(
            mode, rng.choice([1, 2, 2, 3, 4])
        )
        nombre = max(1, min(nombre, capacite // 2))
        # Split the capacity into `nombre` parts of at least 1 place.
        coupes = sorted(rng.sample(range(1, capacite), nombre - 1)) if nombre > 1 else []
        parts = [b - a for a, b in zip([0, *coupes], [*coupes, capacite], strict=True)]
        groupes = []
        for index, places in enumerate(parts):
            if mode == "diffus" or (mode == "mixte" and index > 0):
                commune, code_postal = self.commune(dispositif.departement_id, chef_lieu=0.3)
                libelle = f"Logements diffus – {commune}"
            else:
                commune, code_postal = dispositif.commune, dispositif.code_postal
                libelle = LIBELLES_COLLECTIF[index % len(LIBELLES_COLLECTIF)]
            if dispositif.type.nature_id == "ACCOMP":
                libelle = "Mesures d'accompagnement" if index == 0 else f"Mesures – {commune}"
            groupe = GroupeDePlaces(
                dispositif=dispositif,
                libelle=f"{libelle} ({index + 1})" if nombre > 1 else libelle,
                places=places,
                public=dispositif.public,
                mode_hebergement=mode
                if mode != "mixte"
                else ("collectif" if index == 0 else "diffus"),
                commune=commune,
                code_postal=code_postal,
                places_pmr=min(places, rng.randint(1, 3)) if rng.random() < 0.15 else 0,
            )
            tirage = rng.random()
            if index > 0 and tirage < 0.12 and dispositif.date_ouverture.year < self.annee - 2:
                # An extension opened last year: not yet counted in the older exercices.
                groupe.date_debut = self.date(self.annee - 1, self.annee - 1)
                groupe.libelle = f"Extension {self.annee - 1} – {groupe.libelle}"
            elif index > 0 and tirage > 0.97:
                groupe.date_fin = self.date(self.annee - 1, self.annee - 1)  # places given back
            groupes.append(groupe)
        self.jeu.groupes += groupes
        return groupes

    def financements(self, dispositif, groupes):
        rng = self.rng
        type_dispositif = dispositif.type
        code_type, nature = type_dispositif.code, type_dispositif.nature_id
        if nature == "PREMIER_ACCUEIL" and rng.random() < 0.6:
            return  # volunteers, CCAS: no State financing
        cout = type_dispositif.cout_journalier_reference or COUTS_JOURNALIERS.get(code_type, 6)
        programme, action, service, mode = self.ligne_principale(code_type, nature)
        fin = dispositif._fermeture
        for exercice in (self.annee - 2, self.annee - 1, self.annee):
            if dispositif.date_ouverture.year > exercice or (fin and fin.year < exercice):
                continue
            places = sum(
                g.places
                for g in groupes
                if (g.date_debut is None or g.date_debut.year <= exercice)
                and (g.date_fin is None or g.date_fin.year >= exercice)
            )
            if rng.random() < 0.15:
                places = max(0, places - rng.randint(1, max(1, places // 10)))
            lignes = [(programme, action, service, mode, places)]
            if rng.random() < 0.1:  # co-financing by a local authority
                lignes.append(("AUTRE", "", "autre", "subvention", 0))
            if exercice == self.annee - 2 and nature in {"HEB", "DNA"} and rng.random() < 0.05:
                lignes.append(("P363", "", "DDETS", "subvention", 0))  # plan de relance
            for programme_ligne, action_ligne, service_ligne, mode_ligne, places_ligne in lignes:
                if places_ligne:
                    montant = Decimal(places_ligne * jours_exercice(exercice)) * Decimal(cout)
                    montant *= Decimal(str(round(rng.uniform(0.95, 1.05), 3)))
                else:
                    montant = Decimal(rng.randrange(20_000, 400_000, 500))
                self.jeu.financements.append(
                    Financement(
                        dispositif=dispositif,
                        exercice=exercice,
                        programme=self.programmes[programme_ligne],
                        action=action_ligne,
                        service_financeur=service_ligne,
                        mode=mode_ligne,
                        places_financees=places_ligne,
                        montant_annuel=montant.quantize(Decimal("1")),
                        orientation=ORIENTATIONS.get(code_type, ORIENTATIONS.get(nature, "")),
                        date_debut=max(datetime.date(exercice, 1, 1), dispositif.date_ouverture),
                        date_fin=min(datetime.date(exercice, 12, 31), fin)
                        if fin
                        else datetime.date(exercice, 12, 31),
                    )
                )

    @staticmethod
    def ligne_principale(code_type, nature):
        if code_type == "CPH":
            return "P104", "15", "DREETS", "dgf"
        if code_type == "PRAHDA":
            return "P303", "02", "DGEF", "marche_public"
        if nature == "DNA":
            return "P303", "02", "DDETS", "dgf" if code_type == "CADA" else "subvention"
        if code_type == "HEB_MEDICO":
            return "AUTRE", "", "ARS", "dgf"
        if code_type == "HEB_CHRS":
            return "P177", "12", "DDETS", "dgf"
        if code_type == "HEB_HOTEL":
            return "P177", "12", "DDETS", "marche_public"
        if code_type in {"RS_FTM", "RS_CLASSIQUE"}:
            return "P177", "12", "DDETS", "alt"
        if nature in {"VEILLE", "PREMIER_ACCUEIL"}:
            return "P177", "11", "DDETS", "subvention"
        return "P177", "12", "DDETS", "subvention"

    # -- finishing touches -------------------------------------------------------------------

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
