"""The demo offer's proportions: the scales (how many of what, where) and, per type of
dispositif, its weight, size, publics, funding and naming."""

from dataclasses import dataclass, field

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
