"""National nomenclature of dispositifs (SI SIAO « module Offre », 2025) plus the asylum park.

Codes are stable identifiers: never rename one, add a new code instead. Loaded by a data
migration, then editable by national administrators.
"""

AUTORISATION = "autorisation"
DECLARATION = "declaration"
MARCHE = "marche_public"
AUCUN = "aucun"

# (code, libellé, validée directement par le SIAO, sans places, ordre)
NATURES = [
    ("LOG_IML", "Logement IML", False, False, 1),
    ("LOG_RS", "Logement – résidence sociale", False, False, 2),
    ("HEB", "Hébergement", False, False, 3),
    ("VEILLE", "Veille sociale", True, False, 4),
    ("ACCOMP", "Accompagnement", False, False, 5),
    ("PREMIER_ACCUEIL", "Premier accueil", True, True, 6),
    ("DNA", "Hébergement asile (DNA)", False, False, 7),
]

# (code, nature, libellé, régime, coût journalier de référence, validé directement par le SIAO)
TYPES = [
    ("IML_SOUS_LOC", "LOG_IML", "Location – sous-location", AUCUN, None, False),
    ("IML_MANDAT", "LOG_IML", "Mandat de gestion", AUCUN, None, False),
    ("IML_CHEZ_SOI", "LOG_IML", "Un chez-soi d'abord", AUCUN, None, False),
    ("RS_PENSION", "LOG_RS", "Pension de famille", AUCUN, None, False),
    ("RS_ACCUEIL", "LOG_RS", "Résidence accueil", AUCUN, None, False),
    ("RS_FJT", "LOG_RS", "FJT", AUCUN, None, False),
    ("RS_FTM", "LOG_RS", "FTM", AUCUN, None, False),
    ("RS_CLASSIQUE", "LOG_RS", "Résidence sociale classique", AUCUN, None, False),
    ("RS_INCLUSIF", "LOG_RS", "Habitat inclusif", AUCUN, None, False),
    ("HEB_CHRS", "HEB", "CHRS", AUTORISATION, None, False),
    ("HEB_HORS_CHRS", "HEB", "Centre d'hébergement hors CHRS", AUCUN, None, False),
    ("HEB_HOTEL", "HEB", "Hôtel", AUCUN, None, True),
    ("HEB_RHVS", "HEB", "RHVS", AUCUN, None, True),
    (
        "HEB_MEDICO",
        "HEB",
        "Hébergement médico-social (LAM, LHSS, autre)",
        AUTORISATION,
        None,
        False,
    ),
    ("HEB_AUTRES", "HEB", "Autres (gymnases, écoles…)", AUCUN, None, True),
    ("VS_MARAUDE", "VEILLE", "Maraude", AUCUN, None, True),
    ("VS_ACCUEIL_JOUR", "VEILLE", "Accueil de jour", AUCUN, None, True),
    ("VS_HALTE_NUIT", "VEILLE", "Halte de nuit", AUCUN, None, True),
    ("VS_SAO", "VEILLE", "SAO", AUCUN, None, True),
    ("VS_ALIMENTAIRE", "VEILLE", "Aide alimentaire", AUCUN, None, True),
    ("ACC_AVDL", "ACCOMP", "AVDL", AUCUN, None, False),
    ("ACC_ASLL", "ACCOMP", "ASLL", AUCUN, None, False),
    ("ACC_PASH", "ACCOMP", "PASH", AUCUN, None, False),
    ("ACC_HLM_CHRS", "ACCOMP", "HLM (CHRS)", AUCUN, None, False),
    ("ACC_EMPLOI", "ACCOMP", "Accompagnement emploi", AUCUN, None, False),
    ("ACC_AUTRE", "ACCOMP", "Autre (LDA)", AUCUN, None, False),
    ("PA_DNA", "PREMIER_ACCUEIL", "DNA", AUCUN, None, True),
    ("PA_AGIR", "PREMIER_ACCUEIL", "AGIR", AUCUN, None, True),
    ("PA_PEX", "PREMIER_ACCUEIL", "PEX", AUCUN, None, True),
    ("PA_SECTEUR", "PREMIER_ACCUEIL", "Secteur (CCAS ou département)", AUCUN, None, True),
    ("PA_SANTE", "PREMIER_ACCUEIL", "Santé", AUCUN, None, True),
    ("PA_SPIP", "PREMIER_ACCUEIL", "SPIP", AUCUN, None, True),
    ("PA_EMPLOI", "PREMIER_ACCUEIL", "Emploi", AUCUN, None, True),
    ("PA_AUTRE", "PREMIER_ACCUEIL", "Autre (dont bénévoles)", AUCUN, None, True),
    ("CADA", "DNA", "CADA", AUTORISATION, "19.50", False),
    ("HUDA", "DNA", "HUDA", DECLARATION, "17.00", False),
    ("CAES", "DNA", "CAES", DECLARATION, "25.00", False),
    ("CPH", "DNA", "CPH", AUTORISATION, "25.00", False),
    ("PRAHDA", "DNA", "PRAHDA", MARCHE, "16.50", False),
]

# Only CADA and CPH require places autorisées in Temps 1 (docs/temps1.md); other authorised
# types (CHRS, médico-social) may record them.
TYPES_PLACES_AUTORISEES_REQUISES = {"CADA", "CPH"}

# (code, libellé)
PROGRAMMES = [
    ("P303", "P303 – Immigration et asile"),
    ("P104", "P104 – Intégration et accès à la nationalité"),
    ("P177", "P177 – Hébergement, parcours vers le logement et insertion"),
    ("P363", "P363 – Plan de relance"),
    ("AUTRE", "Autre"),
]

PUBLICS_SPECIFIQUES = [
    ("PMR", "Personnes à mobilité réduite"),
    ("FVV", "Femmes victimes de violence"),
    ("LGBT", "Personnes LGBT+"),
    ("SORTANTS_PRISON", "Sortants de prison"),
    ("MINEURS", "Mineurs non accompagnés / jeunes majeurs"),
    ("SANTE", "Personnes malades ou en soins"),
]
